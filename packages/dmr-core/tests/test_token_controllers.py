"""The obtain and revoke controllers through HTTP, sync and async."""

import base64
import json
from typing import Any

import pytest
from django.contrib.auth.models import User as DjangoUser
from django.contrib.auth.signals import user_login_failed
from django.test import Client

from dmr.security.tokens.controllers import INVALID_CREDENTIALS
from dmr.security.tokens.models import Token

pytestmark = [pytest.mark.urls('tests.tokens_app'), pytest.mark.django_db(transaction=True)]

KINDS = ['sync', 'async']


@pytest.fixture(autouse=True)
def users() -> None:
    DjangoUser.objects.create_user('alice', password='alice-pw')
    DjangoUser.objects.create_user('bob', password='bob-pw', is_active=False)


def obtain(kind: str, body: Any, view: str = 'obtain') -> Any:
    return Client().post(
        f'/{kind}/tokens/{view}/',
        body if isinstance(body, bytes) else json.dumps(body),
        content_type='application/json',
    )


def revoke(kind: str, secret: str, query: str = '') -> Any:
    return Client().delete(
        f'/{kind}/tokens/revoke/{query}',
        headers={'Authorization': f'Bearer {secret}'},
    )


def whoami(kind: str, secret: str) -> int:
    return int(
        Client().get(f'/{kind}/token/', headers={'Authorization': f'Bearer {secret}'}).status_code
    )


def error(response: Any) -> tuple[int, str, str]:
    """Status, ``type`` and ``msg`` of a one-detail error model."""
    assert response['Content-Type'] == 'application/json'
    (detail,) = response.json()['detail']
    return response.status_code, detail['type'], detail['msg']


@pytest.mark.parametrize('kind', KINDS)
def test_obtain_answers_a_new_token_once(kind: str):
    """Right credentials: 201 with the secret, ``no-store``, and a token that authenticates."""
    response = obtain(kind, {'username': 'alice', 'password': 'alice-pw', 'name': 'laptop'})
    assert response.status_code == 201
    assert response['Cache-Control'] == 'no-store'
    body = response.json()
    assert body['name'] == 'laptop'
    assert body['expires'] is None
    assert body['token'].startswith('dmr_')
    token = Token.objects.get()
    assert (token.user.username, token.name) == ('alice', 'laptop')
    assert body['token'] not in {token.lookup, token.digest}
    assert whoami(kind, body['token']) == 200


@pytest.mark.parametrize('kind', KINDS)
def test_obtain_without_a_name_makes_an_unnamed_token(kind: str):
    """``name`` is optional."""
    response = obtain(kind, {'username': 'alice', 'password': 'alice-pw'})
    assert response.json()['name'] == ''


@pytest.mark.parametrize('kind', KINDS)
def test_obtain_sets_the_expiry_its_controller_declares(kind: str):
    """A subclass with ``expires_in`` issues tokens that expire, and says when."""
    response = obtain(kind, {'username': 'alice', 'password': 'alice-pw'}, 'obtain-expiring')
    token = Token.objects.get()
    assert token.expires is not None
    assert response.json()['expires'] == token.expires.isoformat()


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize(
    'credentials',
    [
        {'username': 'alice', 'password': 'wrong'},
        {'username': 'nobody', 'password': 'alice-pw'},
        {'username': 'bob', 'password': 'bob-pw'},
        {'username': 'alice', 'password': 'x' * 5000},
        {'username': '', 'password': ''},
    ],
    ids=['wrong-password', 'unknown-user', 'inactive-user', 'huge-password', 'empty'],
)
def test_every_failure_is_the_same_401(kind: str, credentials: dict[str, str]):
    """Wrong password, unknown or inactive user, odd input: one 401 message, no token made."""
    response = obtain(kind, credentials)
    assert error(response) == (401, 'not_authenticated', INVALID_CREDENTIALS)
    assert not Token.objects.exists()


@pytest.mark.parametrize('kind', KINDS)
def test_nul_in_credentials_is_refused_by_the_wire_contract(kind: str):
    """NUL in any JSON text is a 400 at its field, before the credentials are checked."""
    response = obtain(kind, {'username': 'alice\x00', 'password': 'alice-pw'})
    assert response.status_code == 400
    assert response.json()['detail'][0]['loc'] == ['body', 'username']
    assert not Token.objects.exists()


@pytest.mark.parametrize('kind', KINDS)
def test_a_wrong_password_fires_user_login_failed(kind: str):
    """Django's ``authenticate`` runs, so lockout and audit tools see the attempt."""
    failures: list[str] = []

    def receiver(**kwargs: Any) -> None:
        failures.append(kwargs['credentials']['username'])

    user_login_failed.connect(receiver)
    try:
        obtain(kind, {'username': 'alice', 'password': 'wrong'})
    finally:
        user_login_failed.disconnect(receiver)
    assert failures == ['alice']


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize('name', ['x' * 101, 'line\nbreak', 'nul\x00'])
def test_a_name_too_long_or_unprintable_is_400(kind: str, name: str):
    """The name is checked before the credentials: 400 at ``body.name``."""
    response = obtain(kind, {'username': 'alice', 'password': 'alice-pw', 'name': name})
    assert response.status_code == 400
    (detail,) = response.json()['detail']
    assert (detail['loc'], detail['type']) == (['body', 'name'], 'value_error')


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize(
    'body',
    [b'{not json', {'username': 'alice'}, {'username': 1, 'password': 2}, []],
    ids=['malformed', 'missing-password', 'numbers', 'list'],
)
def test_a_malformed_body_is_400(kind: str, body: Any):
    """Bodies that are not credentials: 400 in the error model, never a 500."""
    response = obtain(kind, body)
    assert response.status_code == 400
    assert response.json()['detail']


@pytest.mark.parametrize('kind', KINDS)
def test_revoke_deletes_the_token_the_request_used(kind: str):
    """``DELETE`` with a token: 204, and that token stops working; others stay."""
    alice = DjangoUser.objects.get(username='alice')
    _, current = Token.objects.issue(alice, name='laptop')
    _, other = Token.objects.issue(alice, name='phone')
    assert revoke(kind, current).status_code == 204
    assert whoami(kind, current) == 401
    assert whoami(kind, other) == 200


@pytest.mark.parametrize('kind', KINDS)
def test_revoke_by_name_deletes_that_token_of_the_user(kind: str):
    """``DELETE ?name=phone``: the user's ``phone`` tokens go, the one used stays."""
    alice = DjangoUser.objects.get(username='alice')
    _, current = Token.objects.issue(alice, name='laptop')
    _, phone = Token.objects.issue(alice, name='phone')
    assert revoke(kind, current, '?name=phone').status_code == 204
    assert whoami(kind, phone) == 401
    assert whoami(kind, current) == 200


@pytest.mark.parametrize('kind', KINDS)
def test_revoke_by_name_never_reaches_another_users_tokens(kind: str):
    """A name that only another user's token has: 404, and that token still works."""
    alice = DjangoUser.objects.get(username='alice')
    carol = DjangoUser.objects.create_user('carol')
    _, current = Token.objects.issue(alice, name='laptop')
    _, carols = Token.objects.issue(carol, name='phone')
    response = revoke(kind, current, '?name=phone')
    assert error(response)[:2] == (404, 'not_found')
    assert whoami(kind, carols) == 200


@pytest.mark.parametrize('kind', KINDS)
def test_revoke_needs_a_token(kind: str):
    """Without a valid token: 401 with the bearer challenge."""
    response = Client().delete(f'/{kind}/tokens/revoke/')
    assert error(response)[:2] == (401, 'not_authenticated')
    assert response['WWW-Authenticate'] == 'Bearer realm="api"'


@pytest.mark.parametrize('kind', KINDS)
def test_revoke_under_another_auth_needs_a_name(kind: str):
    """Authenticated without a token (Basic here): no current token, 404; a name works."""
    alice = DjangoUser.objects.get(username='alice')
    _, phone = Token.objects.issue(alice, name='phone')
    basic = 'Basic ' + base64.b64encode(b'alice:alice-pw').decode()
    client = Client(headers={'Authorization': basic})
    assert error(client.delete(f'/{kind}/tokens/revoke-basic/'))[:2] == (404, 'not_found')
    assert client.delete(f'/{kind}/tokens/revoke-basic/?name=phone').status_code == 204
    assert whoami(kind, phone) == 401
