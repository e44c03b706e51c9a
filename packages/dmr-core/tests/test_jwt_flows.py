"""JWT through HTTP with a database: obtain, use, refresh, rotate, revoke, sync and async."""

import asyncio
import json
from typing import Any

import pytest
from django.contrib.auth.models import User as DjangoUser
from django.contrib.auth.signals import user_login_failed
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dmr.security.jwt import JWTAuth, JWTConfig, TokenError, token_urls
from dmr.security.jwt.models import RevokedToken
from tests.jwt_app import ED_KEY, KEYS, RSA_KEY, TOKENS, claims, signed

pytestmark = [pytest.mark.urls('tests.jwt_app'), pytest.mark.django_db(transaction=True)]

KINDS = ['sync', 'async']
STORES = ['token', 'cached-token']


@pytest.fixture(autouse=True)
def users() -> None:
    DjangoUser.objects.create_user('alice', password='alice-pw')
    DjangoUser.objects.create_user('bob', password='bob-pw', is_active=False)


def alice() -> DjangoUser:
    return DjangoUser.objects.get(username='alice')


def send(url: str, body: dict[str, Any], client: Client | None = None, **headers: str) -> Any:
    return (client or Client()).post(
        url, json.dumps(body), content_type='application/json', headers=headers
    )


def obtain(kind: str, tokens: str = 'token', **credentials: str) -> Any:
    body = credentials or {'username': 'alice', 'password': 'alice-pw'}
    return send(f'/{kind}/{tokens}/', body)


def me(kind: str, access: str, name: str = 'jwt') -> Any:
    return Client().get(f'/{kind}/{name}/', headers={'Authorization': f'Bearer {access}'})


def message(response: Any) -> tuple[int, str, str]:
    (detail,) = response.json()['detail']
    return response.status_code, detail['type'], detail['msg']


def refused(msg: str) -> tuple[int, str, str]:
    return 401, 'not_authenticated', msg


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize('tokens', STORES)
def test_obtain_answers_a_pair_the_endpoints_accept(kind: str, tokens: str):
    """A user name and password get an access token that authenticates as that user."""
    response = obtain(kind, tokens)
    assert response.status_code == 200
    pair = response.json()
    assert set(pair) == {'access', 'refresh', 'token_type', 'expires_in'}
    assert (pair['token_type'], pair['expires_in']) == ('Bearer', 300)
    answer = me(kind, pair['access'], 'jwt-cached' if tokens == 'cached-token' else 'jwt')
    assert answer.status_code == 200
    assert answer.json() == {'user': 'alice', 'auth': 'dict'}


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize(
    'credentials',
    [
        {'username': 'alice', 'password': 'wrong'},
        {'username': 'nobody', 'password': 'x'},
        {'username': 'bob', 'password': 'bob-pw'},
        {'username': 'alice', 'password': 'p' * 5000},
        {'username': 'a' * 300, 'password': 'x'},
    ],
)
def test_every_failed_obtain_has_one_answer(kind: str, credentials: dict[str, str]):
    """Wrong password, unknown or inactive user, oversized fields: one 401 message."""
    response = obtain(kind, **credentials)
    assert message(response) == refused('Invalid user name or password')
    assert response['WWW-Authenticate'] == 'Bearer realm="api"'


@pytest.mark.parametrize('kind', KINDS)
def test_a_failed_obtain_fires_the_login_signal(kind: str):
    """Obtain goes through Django's ``authenticate``: ``user_login_failed`` is sent."""
    failures: list[str] = []

    def receiver(**kwargs: Any) -> None:
        failures.append(kwargs['credentials']['username'])

    user_login_failed.connect(receiver)
    try:
        obtain(kind, username='alice', password='wrong')
    finally:
        user_login_failed.disconnect(receiver)
    assert failures == ['alice']


@pytest.mark.parametrize('kind', KINDS)
def test_a_malformed_obtain_body_is_400(kind: str):
    """A body without ``password`` is a validation error, not a 401 or a 500."""
    response = send(f'/{kind}/token/', {'username': 'alice'})
    assert response.status_code == 400
    assert response.json()['detail'][0]['loc'] == ['body', 'password']


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize('tokens', STORES)
def test_refresh_rotates_the_pair(kind: str, tokens: str):
    """A refresh token gets a new pair, whose refresh token works in turn."""
    first = obtain(kind, tokens).json()
    second = send(f'/{kind}/{tokens}/refresh/', {'refresh': first['refresh']})
    assert second.status_code == 200
    assert second.json()['refresh'] != first['refresh']
    third = send(f'/{kind}/{tokens}/refresh/', {'refresh': second.json()['refresh']})
    assert third.status_code == 200


@pytest.mark.parametrize('kind', KINDS)
def test_reuse_within_the_grace_window_is_allowed(kind: str):
    """Two refreshes with one token in quick succession (two tabs) both succeed."""
    pair = obtain(kind).json()
    answers = [send(f'/{kind}/token/refresh/', {'refresh': pair['refresh']}) for _ in range(2)]
    assert [answer.status_code for answer in answers] == [200, 200]


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize('tokens', ['strict-token', 'cached-token'])
def test_reuse_of_a_rotated_refresh_token_revokes_its_family(kind: str, tokens: str):
    """Past the grace window, reuse revokes every token of the login, new ones included."""
    first = obtain(kind, tokens).json()
    second = send(f'/{kind}/{tokens}/refresh/', {'refresh': first['refresh']}).json()
    reuse = send(f'/{kind}/{tokens}/refresh/', {'refresh': first['refresh']})
    assert message(reuse) == refused(
        'Refresh token was already used: every token of its login is revoked'
    )
    name = 'jwt-cached' if tokens == 'cached-token' else 'jwt'
    assert message(me(kind, second['access'], name)) == refused('Token has been revoked')
    after = send(f'/{kind}/{tokens}/refresh/', {'refresh': second['refresh']})
    assert message(after) == refused('Token has been revoked')
    assert me(kind, obtain(kind, tokens).json()['access'], name).status_code == 200


@pytest.mark.parametrize('kind', KINDS)
def test_an_access_token_is_not_a_refresh_token(kind: str):
    """Refresh refuses an access token."""
    pair = obtain(kind).json()
    response = send(f'/{kind}/token/refresh/', {'refresh': pair['access']})
    assert message(response) == refused('Expected a refresh token, got an access token')


@pytest.mark.parametrize('kind', KINDS)
def test_a_refresh_token_is_not_an_access_token(kind: str):
    """Endpoints refuse a refresh token in ``Authorization``."""
    pair = obtain(kind).json()
    assert message(me(kind, pair['refresh'])) == refused(
        'Expected an access token, got a refresh token'
    )


@pytest.mark.parametrize('kind', KINDS)
def test_verify_answers_the_subject_of_a_valid_token(kind: str):
    """Verify answers the token's ``sub`` and ``exp``; a refused token is a 401."""
    pair = obtain(kind).json()
    response = send(f'/{kind}/token/verify/', {'token': pair['access']})
    assert response.status_code == 200
    assert response.json()['sub'] == str(alice().pk)
    bad = send(f'/{kind}/token/verify/', {'token': pair['refresh']})
    assert message(bad)[0] == 401


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize('tokens', STORES)
def test_revoke_logs_the_whole_login_out(kind: str, tokens: str):
    """Revoke (logout) answers 204; the pair's access and refresh tokens are refused after."""
    pair = obtain(kind, tokens).json()
    response = send(f'/{kind}/{tokens}/revoke/', {'refresh': pair['refresh']})
    assert response.status_code == 204
    name = 'jwt-cached' if tokens == 'cached-token' else 'jwt'
    assert message(me(kind, pair['access'], name)) == refused('Token has been revoked')
    again = send(f'/{kind}/{tokens}/refresh/', {'refresh': pair['refresh']})
    assert message(again) == refused('Token has been revoked')


@pytest.mark.parametrize('kind', KINDS)
def test_revoke_refuses_a_bad_token(kind: str):
    """Revoke with a malformed token is a 401, and revokes nothing."""
    response = send(f'/{kind}/token/revoke/', {'refresh': 'not-a-token'})
    assert message(response) == refused('Malformed token')
    assert not RevokedToken.objects.exists()


@pytest.mark.parametrize('kind', KINDS)
def test_a_revoked_jti_is_refused(kind: str):
    """A token revoked by its ``jti`` is refused until it expires."""
    token = obtain(kind).json()['access']
    TOKENS.revoke_claims(TOKENS.decode(token))
    assert message(me(kind, token)) == refused('Token has been revoked')


@pytest.mark.parametrize('kind', KINDS)
def test_a_password_change_invalidates_older_tokens(kind: str):
    """Tokens issued before ``set_password`` are refused, for access and refresh."""
    pair = obtain(kind).json()
    user = alice()
    user.set_password('new-pw')
    user.save()
    expected = refused('Token was issued before a password change')
    assert message(me(kind, pair['access'])) == expected
    assert message(send(f'/{kind}/token/refresh/', {'refresh': pair['refresh']})) == expected


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize('change', ['deactivate', 'delete'])
def test_tokens_of_an_inactive_or_deleted_user_are_refused(kind: str, change: str):
    """A user deactivated or deleted after login can no longer use the tokens."""
    pair = obtain(kind).json()
    if change == 'delete':
        alice().delete()
    else:
        DjangoUser.objects.filter(username='alice').update(is_active=False)
    assert message(me(kind, pair['access'])) == refused("Token's user is unknown or inactive")


@pytest.mark.parametrize('kind', KINDS)
def test_a_subject_that_is_no_primary_key_is_refused(kind: str):
    """A signed token whose ``sub`` is not an integer id: refused, not a 500."""
    token = signed(claims(alice(), sub='not-a-number'))
    assert message(me(kind, token)) == refused("Token's user is unknown or inactive")


@pytest.mark.parametrize('kind', KINDS)
def test_a_token_of_a_retired_key_is_still_accepted(kind: str):
    """Rotation: a token signed by the old RS256 key (public part kept) is accepted."""
    token = signed(claims(alice()), key=RSA_KEY, alg='RS256', kid='rsa-0')
    assert me(kind, token).json() == {'user': 'alice', 'auth': 'dict'}


@pytest.mark.parametrize('kind', KINDS)
def test_a_token_of_a_jwks_key_is_accepted(kind: str):
    """A key from a JWKS source verifies its tokens, with the algorithm the JWK names."""
    token = signed(claims(alice(), iss=None), key=ED_KEY, alg='EdDSA', kid='ed-1')
    assert me(kind, token, 'jwt-jwks').json() == {'user': 'alice', 'auth': 'dict'}


def test_a_valid_token_costs_two_queries_and_a_bad_one_none():
    """Sync: a valid token costs a revocation and a user query, a bad signature none.

    (The async path is covered by ``test_jwt_malformed``, where any query fails.)
    """
    pair = obtain('sync').json()
    with CaptureQueriesContext(connection) as queries:
        assert me('sync', pair['access']).status_code == 200
    assert len(queries) == 2
    with CaptureQueriesContext(connection) as queries:
        assert me('sync', pair['access'][:-4]).status_code == 401
    assert len(queries) == 0


def test_tokens_of_a_config_without_a_signing_key_cannot_be_issued():
    """A config that only verifies refuses to issue."""
    config = JWTConfig(keys=[KEYS[1]])
    with pytest.raises(ValueError, match='no configured key can sign'):
        config.issue(alice())
    with pytest.raises(TokenError):
        config.decode('a.b.c')


@pytest.mark.parametrize('kind', KINDS)
def test_an_hmac_config_without_issuer_or_audience_works_end_to_end(kind: str):
    """HS256 with no ``iss`` or ``aud``: obtain, then use the access token."""
    pair = obtain(kind, 'hmac-token').json()
    assert me(kind, pair['access'], 'jwt-hmac').json() == {'user': 'alice', 'auth': 'dict'}


def test_tokens_revoked_by_jti_from_async_code_are_refused():
    """``arevoke_claims`` revokes one token, as ``revoke_claims`` does."""
    token = obtain('async').json()['access']
    asyncio.run(TOKENS.arevoke_claims(TOKENS.decode(token)))
    assert message(me('async', token)) == refused('Token has been revoked')


def test_token_controllers_need_a_signing_key():
    """A verification-only config cannot serve the token endpoints."""
    with pytest.raises(ValueError, match='need a JWTKey with a private key'):
        token_urls(JWTConfig(keys=[KEYS[1]]))


@pytest.mark.parametrize(
    ('auth', 'scheme', 'challenge'),
    [
        (JWTAuth(TOKENS), {'type': 'http', 'scheme': 'bearer', 'bearerFormat': 'JWT'}, 'Bearer'),
        (JWTAuth(TOKENS, cookie='jwt'), {'type': 'apiKey', 'in': 'cookie', 'name': 'jwt'}, None),
    ],
)
def test_each_variant_declares_its_security_scheme(auth: JWTAuth, scheme: Any, challenge: Any):
    """The header variant is HTTP bearer with a challenge; the cookie one an API key cookie."""
    assert auth.security_scheme() == scheme
    assert (auth.challenge() or '').split(' ')[0] == (challenge or '')
    assert auth.reads_cookies is (challenge is None)
