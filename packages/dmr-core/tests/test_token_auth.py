"""``TokenAuth`` through HTTP, sync and async: good tokens, and everything clients get wrong."""

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User as DjangoUser
from django.test import Client
from django.utils import timezone

from dmr.security import TokenAuth
from dmr.security.tokens import format as token_format
from dmr.security.tokens.models import Token

pytestmark = [pytest.mark.urls('tests.tokens_app'), pytest.mark.django_db(transaction=True)]

KINDS = ['sync', 'async']


@pytest.fixture
def alice() -> DjangoUser:
    return DjangoUser.objects.create_user('alice', password='alice-pw')


@pytest.fixture
def secret(alice: DjangoUser) -> str:
    """A valid token of alice's."""
    return Token.objects.issue(alice, name='laptop')[1]


def get(kind: str, authorization: str | None, name: str = 'token') -> Any:
    headers = {} if authorization is None else {'Authorization': authorization}
    return Client().get(f'/{kind}/{name}/', headers=headers)


def refusal(response: Any) -> str:
    """The message of a 401 ``not_authenticated`` in the error model, with its challenge."""
    assert response.status_code == 401
    assert response['Content-Type'] == 'application/json'
    assert response['WWW-Authenticate'] == 'Bearer realm="api"'
    (detail,) = response.json()['detail']
    assert detail['type'] == 'not_authenticated'
    return str(detail['msg'])


@pytest.mark.parametrize('kind', KINDS)
def test_a_valid_token_sets_the_user_and_the_token(kind: str, secret: str):
    """``request.user`` is the token's user, ``request.auth`` the ``Token``."""
    response = get(kind, f'Bearer {secret}')
    assert response.status_code == 200
    assert response.json() == {'user': 'alice', 'auth': 'Token'}


@pytest.mark.parametrize('kind', KINDS)
def test_the_scheme_is_case_insensitive(kind: str, secret: str):
    """``bearer`` and ``BEARER`` are ``Bearer`` (RFC 9110 auth-scheme)."""
    assert get(kind, f'bearer {secret}').status_code == 200
    assert get(kind, f'BEARER {secret}').status_code == 200


@pytest.mark.parametrize('kind', KINDS)
def test_no_header_is_401_with_the_bearer_challenge(kind: str):
    """Without ``Authorization``: 401, ``WWW-Authenticate: Bearer realm="api"``."""
    assert refusal(get(kind, None)) == 'Authentication credentials were not provided'


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize('header', ['Basic YWxpY2U6YWxpY2UtcHc=', 'Token abc', '', 'Bearer_x'])
def test_another_scheme_is_no_token(kind: str, header: str):
    """Credentials of another scheme are not a token's: none were provided."""
    assert refusal(get(kind, header)) == 'Authentication credentials were not provided'


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize(
    'header',
    [
        'Bearer',
        'Bearer ',
        'Bearer not-a-token',
        'Bearer ' + 'A' * 100_000,
        'Bearer dmr_' + 'A' * 100_000,
        'Bearer dmr_\x00' + 'A' * 48,
        'Bearer dmr_é' + 'A' * 48,
        'Bearer ghp_' + 'A' * 49,
    ],
)
def test_malformed_tokens_are_refused_without_a_query(
    kind: str,
    header: str,
    django_assert_num_queries: Any,
):
    """Empty, huge, NUL, non-ASCII, foreign: 401 ``Malformed token`` and no database query."""
    with django_assert_num_queries(0):
        response = get(kind, header)
    assert refusal(response) == 'Malformed token'


@pytest.mark.parametrize('kind', KINDS)
def test_a_bad_checksum_is_refused_without_a_query(
    kind: str,
    secret: str,
    django_assert_num_queries: Any,
):
    """A real token with one character changed fails its checksum before the database."""
    last = '1' if secret[-1] == '0' else '0'
    with django_assert_num_queries(0):
        response = get(kind, f'Bearer {secret[:-1]}{last}')
    assert refusal(response) == 'Malformed token'


def refused_with_one_query(kind: str, secret: str, assert_queries: Any) -> str:
    with assert_queries(1):
        response = get(kind, f'Bearer {secret}')
    return refusal(response)


@pytest.mark.parametrize('kind', KINDS)
def test_an_unknown_token_is_refused_after_one_query(
    kind: str, alice: DjangoUser, django_assert_num_queries: Any
):
    """A well-formed token nobody issued: 401 ``Invalid token``, one query."""
    assert refused_with_one_query(kind, token_format.generate(), django_assert_num_queries) == (
        'Invalid token'
    )


@pytest.mark.parametrize('kind', KINDS)
def test_an_expired_token_is_refused(kind: str, alice: DjangoUser, django_assert_num_queries: Any):
    """A token past its expiry: 401 ``Invalid token``, one query."""
    token, secret = Token.objects.issue(alice, expires_in=timedelta(days=1))
    Token.objects.filter(pk=token.pk).update(expires=timezone.now() - timedelta(seconds=1))
    assert refused_with_one_query(kind, secret, django_assert_num_queries) == 'Invalid token'


@pytest.mark.parametrize('kind', KINDS)
def test_a_token_before_its_expiry_is_accepted(kind: str, alice: DjangoUser):
    """A token that expires tomorrow works today."""
    _, secret = Token.objects.issue(alice, expires_in=timedelta(days=1))
    assert get(kind, f'Bearer {secret}').status_code == 200


@pytest.mark.parametrize('kind', KINDS)
def test_a_revoked_token_is_refused(kind: str, secret: str, django_assert_num_queries: Any):
    """Deleting the row revokes the token."""
    Token.objects.all().delete()
    assert refused_with_one_query(kind, secret, django_assert_num_queries) == 'Invalid token'


@pytest.mark.parametrize('kind', KINDS)
def test_a_token_of_an_inactive_user_is_refused(
    kind: str,
    alice: DjangoUser,
    secret: str,
    django_assert_num_queries: Any,
):
    """A user who may not log in may not use their tokens either."""
    DjangoUser.objects.filter(pk=alice.pk).update(is_active=False)
    assert refused_with_one_query(kind, secret, django_assert_num_queries) == 'Invalid token'


@pytest.mark.parametrize('kind', KINDS)
def test_a_token_sharing_its_lookup_with_another_is_told_apart(kind: str, alice: DjangoUser):
    """Two rows with one lookup prefix: only the digest that matches serves the request."""
    _, secret = Token.objects.issue(alice)
    stranger = DjangoUser.objects.create_user('mallory')
    twin = Token(user=stranger, lookup=secret[4:12], digest='0' * 64)
    twin.save()
    assert get(kind, f'Bearer {secret}').json()['user'] == 'alice'


@pytest.mark.parametrize('kind', KINDS)
def test_last_used_is_written_on_first_use_then_not_again_soon(
    kind: str,
    secret: str,
    django_assert_num_queries: Any,
):
    """The first request writes ``last_used`` (one conditional UPDATE); the next ones only read."""
    with django_assert_num_queries(2):
        assert get(kind, f'Bearer {secret}').status_code == 200
    first = Token.objects.get().last_used
    assert first is not None
    with django_assert_num_queries(1):
        assert get(kind, f'Bearer {secret}').status_code == 200
    assert Token.objects.get().last_used == first


@pytest.mark.parametrize('kind', KINDS)
def test_last_used_is_written_again_once_stale(kind: str, secret: str):
    """A ``last_used`` older than ``touch_every`` is brought up to date."""
    stale = timezone.now() - timedelta(minutes=6)
    Token.objects.update(last_used=stale)
    assert get(kind, f'Bearer {secret}').status_code == 200
    assert Token.objects.get().last_used > stale


@pytest.mark.parametrize('kind', KINDS)
def test_touch_every_zero_writes_on_each_request(kind: str, secret: str):
    """``touch_every=timedelta(0)``: every request moves ``last_used``."""
    get(kind, f'Bearer {secret}', 'token-always-touched')
    first = Token.objects.get().last_used
    get(kind, f'Bearer {secret}', 'token-always-touched')
    assert Token.objects.get().last_used > first


@pytest.mark.parametrize('kind', KINDS)
def test_touch_every_none_never_writes(kind: str, secret: str, django_assert_num_queries: Any):
    """``touch_every=None``: one query per request and ``last_used`` stays empty."""
    with django_assert_num_queries(1):
        assert get(kind, f'Bearer {secret}', 'token-never-touched').status_code == 200
    assert Token.objects.get().last_used is None


@pytest.mark.parametrize('kind', KINDS)
def test_the_scheme_and_realm_are_configurable(kind: str, secret: str):
    """``TokenAuth(scheme='Token', realm='tokens')`` reads ``Token <secret>`` and challenges so."""
    assert get(kind, f'Token {secret}', 'token-scheme').json()['user'] == 'alice'
    response = get(kind, f'Bearer {secret}', 'token-scheme')
    assert response.status_code == 401
    assert response['WWW-Authenticate'] == 'Token realm="tokens"'


@pytest.mark.parametrize('scheme', ['', 'Two words', 'Bearer\n', 'Bé'])
def test_a_scheme_that_is_not_one_ascii_word_is_refused(scheme: str):
    """The scheme goes into a header: one word of ASCII letters and digits."""
    with pytest.raises(ValueError, match='scheme must be one word'):
        TokenAuth(scheme=scheme)


def test_its_openapi_scheme_is_http_bearer():
    """The security scheme is ``{type: http, scheme: bearer}``."""
    assert TokenAuth().security_scheme() == {'type': 'http', 'scheme': 'bearer'}
    assert TokenAuth().scheme_name == 'tokenAuth'


@pytest.mark.parametrize('secret', ['', 'dmr_', 'not a token', 'dmr_' + 'A' * 49])
def test_the_manager_finds_nothing_for_a_malformed_secret(
    secret: str,
    django_assert_num_queries: Any,
):
    """``Token.objects.find``/``afind``, called directly, refuse a malformed secret unqueried."""
    with django_assert_num_queries(0):
        assert Token.objects.find(secret) is None
        assert asyncio.run(Token.objects.afind(secret)) is None
