"""Bad JWTs through HTTP, sync and async: each a 401 ``not_authenticated``, none a query.

No test here may touch the database (pytest-django refuses it): a token of
the wrong shape, with a bad signature or bad claims, is refused before any
query.
"""

import base64
import json
import time
from typing import Any

import jwt
import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.jwt_app import EC_KEY, OTHER_EC_KEY, RSA_KEY, SECRET, b64, forged, public_pem, signed

pytestmark = pytest.mark.urls('tests.jwt_app')

KINDS = ['sync', 'async']


class Someone:
    """A user that was never saved: these tokens never reach a lookup."""

    pk = 1
    password = 'md5$x$y'


def payload(**overrides: Any) -> dict[str, Any]:
    from tests.jwt_app import claims

    return claims(Someone(), **overrides)


def refusal(kind: str, token: str, name: str = 'jwt') -> tuple[int, str, str]:
    """The status, the detail's ``type`` and its ``msg``, checking the error model's shape."""
    response = Client().get(f'/{kind}/{name}/', headers={'Authorization': f'Bearer {token}'})
    assert response['Content-Type'] == 'application/json'
    (detail,) = response.json()['detail']
    assert set(detail) == {'msg', 'loc', 'type'}
    return response.status_code, detail['type'], detail['msg']


def unauthorized(message: str) -> tuple[int, str, str]:
    return 401, 'not_authenticated', message


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize(
    ('token', 'message'),
    [
        ('abc', 'Malformed token'),
        ('a.b', 'Malformed token'),
        ('a.b.c.d', 'Malformed token'),
        ('ab!c.def.ghi', 'Malformed token'),
        ('jötun.b.c', 'Malformed token'),
        ('eyJhbGciOi.e30.sig', 'Malformed token header'),
        (b64(b'\xff\xfe') + '.e30.sig', 'Malformed token header'),
        (b64(b'[1, 2]') + '.e30.sig', 'Malformed token header'),
        (b64(b'[' * 3000 + b']' * 3000) + '.e30.sig', 'Malformed token header'),
        ('A' * 100_000 + '.e30.sig', 'Token is too long'),
    ],
)
def test_malformed_tokens_are_refused(kind: str, token: str, message: str):
    """Wrong shape, bad base64 or JSON in the header, non-ASCII, 100 KB: 401 with the reason."""
    assert refusal(kind, token) == unauthorized(message)


@pytest.mark.parametrize('kind', KINDS)
def test_a_truncated_token_is_refused(kind: str):
    """A valid token cut short fails its signature (or its shape), never a 500."""
    token = signed(payload())
    for cut in (len(token) - 5, token.rindex('.') + 1, token.rindex('.')):
        status, error_type, _ = refusal(kind, token[:cut])
        assert (status, error_type) == (401, 'not_authenticated')


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize(
    'header',
    ['Bearer', 'Bearer ', 'Bearer a b', 'bearer  a.b.c  d'],
)
def test_malformed_bearer_credentials_are_refused(kind: str, header: str):
    """``Bearer`` with no token, or with two: 401 ``Malformed Bearer credentials``."""
    response = Client().get(f'/{kind}/jwt/', headers={'Authorization': header})
    assert response.status_code == 401
    assert response.json()['detail'][0]['msg'] == 'Malformed Bearer credentials'


@pytest.mark.parametrize('kind', KINDS)
def test_no_token_is_a_challenge(kind: str):
    """Without a token: 401 with the ``Bearer`` challenge."""
    response = Client().get(f'/{kind}/jwt/')
    assert response.status_code == 401
    assert response['WWW-Authenticate'] == 'Bearer realm="api"'


@pytest.mark.parametrize('kind', KINDS)
def test_a_wrong_signature_is_refused(kind: str):
    """A token signed by another EC key under the right ``kid``: bad signature."""
    token = signed(payload(), key=OTHER_EC_KEY)
    assert refusal(kind, token) == unauthorized('Token signature is invalid')


@pytest.mark.parametrize('kind', KINDS)
def test_a_changed_payload_is_refused(kind: str):
    """A payload edited after signing (another ``sub``) fails the signature."""
    head, _, signature = signed(payload()).split('.')
    edited = b64(json.dumps(payload(sub='2')).encode())
    assert refusal(kind, f'{head}.{edited}.{signature}') == unauthorized(
        'Token signature is invalid',
    )


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize('alg', ['none', 'None', 'NONE'])
@pytest.mark.parametrize('signature', ['', 'c2ln'])
def test_unsigned_tokens_are_refused(kind: str, alg: str, signature: str):
    """``alg: none`` in any case, with or without a signature: refused."""
    token = forged({'alg': alg, 'kid': 'ec-1'}, payload()) + signature
    assert refusal(kind, token) == unauthorized('Unsigned tokens are refused')


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize(
    ('kid', 'pem'),
    [('rsa-0', public_pem(RSA_KEY)), ('ec-1', public_pem(EC_KEY))],
)
def test_hmac_signed_with_the_public_key_is_refused(kind: str, kid: str, pem: bytes):
    """The confusion attack: HS256 keyed with the RS256/ES256 public key is refused."""
    token = forged({'alg': 'HS256', 'typ': 'JWT', 'kid': kid}, payload(), secret=pem)
    assert refusal(kind, token) == unauthorized("Token algorithm does not match its key's")


@pytest.mark.parametrize('kind', KINDS)
def test_another_algorithm_of_the_same_family_is_refused(kind: str):
    """A PS256 token for the RS256 key: the key's algorithm is the only one."""
    token = signed(payload(), key=RSA_KEY, alg='PS256', kid='rsa-0')
    assert refusal(kind, token) == unauthorized("Token algorithm does not match its key's")


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize('kid', ['unknown', None])
def test_an_unknown_kid_is_refused(kind: str, kid: str | None):
    """A ``kid`` no key has, or none with several keys configured: unknown key."""
    headers = {} if kid is None else {'kid': kid}
    token = jwt.encode(payload(), EC_KEY, algorithm='ES256', headers=headers)
    assert refusal(kind, token) == unauthorized('Token is signed by an unknown key')


@pytest.mark.parametrize('kind', KINDS)
def test_embedded_and_remote_keys_are_ignored(kind: str):
    """``jwk``, ``jku`` and ``x5u`` naming the attacker's key change nothing: bad signature."""
    attacker = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(OTHER_EC_KEY.public_key()))
    headers = {'kid': 'ec-1', 'jwk': attacker, 'jku': 'https://evil.test/k', 'x5u': 'https://e/x'}
    token = jwt.encode(payload(), OTHER_EC_KEY, algorithm='ES256', headers=headers)
    assert refusal(kind, token) == unauthorized('Token signature is invalid')


@pytest.mark.parametrize('kind', KINDS)
def test_critical_header_extensions_are_refused(kind: str):
    """A ``crit`` header names extensions dmr does not understand: refused."""
    header = {'kid': 'ec-1', 'crit': ['x']}
    token = jwt.encode(payload(), EC_KEY, algorithm='ES256', headers=header)
    assert refusal(kind, token) == unauthorized('Token header is not accepted')


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize(
    ('overrides', 'message'),
    [
        ({'exp': int(time.time()) - 60}, 'Token has expired'),
        ({'nbf': int(time.time()) + 600}, 'Token is not valid yet'),
        ({'iat': int(time.time()) + 600}, 'Token is not valid yet'),
        ({'iat': 'yesterday'}, 'Token has an invalid issue time'),
        ({'aud': 'another-api'}, 'Token audience is not accepted'),
        ({'iss': 'https://evil.test'}, 'Token issuer is not accepted'),
        ({'exp': None}, 'Token has no "exp" claim'),
        ({'jti': None}, 'Token has no "jti" claim'),
        ({'token_type': None}, 'Token has no "token_type" claim'),
        ({'iss': None}, 'Token has no "iss" claim'),
        ({'jti': 7}, 'Token claims are invalid'),
        ({'fam': 7}, 'Token claims are invalid'),
        ({'token_type': 'refresh'}, 'Expected an access token, got a refresh token'),
        ({'token_type': 'id'}, 'Expected an access token, got a token of another type'),
    ],
)
def test_bad_claims_are_refused(kind: str, overrides: dict[str, Any], message: str):
    """Expired, not yet valid, wrong audience or issuer, missing claims, a refresh token."""
    assert refusal(kind, signed(payload(**overrides))) == unauthorized(message)


@pytest.mark.parametrize('kind', KINDS)
def test_expiry_within_the_leeway_is_accepted_until_the_user_lookup(kind: str):
    """A token expired 2 s ago passes the 5 s leeway: it goes on to the store (no DB here)."""
    token = signed(payload(exp=int(time.time()) - 2))
    with pytest.raises(RuntimeError, match='Database access not allowed'):
        Client(raise_request_exception=True).get(
            f'/{kind}/jwt/', headers={'Authorization': f'Bearer {token}'}
        )


@pytest.mark.parametrize('kind', KINDS)
def test_an_hmac_key_refuses_a_forged_secret(kind: str):
    """An HS256 key accepts only its own secret."""
    token = forged({'alg': 'HS256', 'kid': 'hs-1'}, payload(aud=None), secret=b'x' * 32)
    assert refusal(kind, token, 'jwt-hmac') == unauthorized('Token signature is invalid')


@pytest.mark.parametrize('kind', KINDS)
def test_the_only_hmac_key_serves_tokens_without_kid(kind: str):
    """With one key and no JWKS, a token without ``kid`` is checked with that key."""
    token = jwt.encode(payload(iss=None, aud=None, exp=1), SECRET, algorithm='HS256')
    assert refusal(kind, token, 'jwt-hmac') == unauthorized('Token has expired')


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(token=st.text(alphabet=st.characters(codec='latin-1'), min_size=1, max_size=300))
def test_any_text_is_a_401_never_a_500(token: str):
    """Hypothesis: whatever follows ``Bearer``, the answer is a 401 in the error model."""
    response = Client().get('/sync/jwt/', headers={'Authorization': f'Bearer {token}'})
    assert response.status_code == 401
    assert response.json()['detail'][0]['type'] == 'not_authenticated'


HEADER_VALUES = st.one_of(
    st.none(),
    st.integers(),
    st.text(max_size=20),
    st.lists(st.text(max_size=5), max_size=3),
    st.sampled_from(['ES256', 'HS256', 'RS256', 'none', 'ec-1', 'rsa-0']),
)


@settings(max_examples=40, deadline=None)
@given(header=st.dictionaries(st.sampled_from(['alg', 'kid', 'typ', 'crit']), HEADER_VALUES))
def test_any_json_header_is_a_401_never_a_500(header: dict[str, Any]):
    """Hypothesis: a header of arbitrary JSON values is refused, never a 500."""
    token = forged(header, payload(), secret=b'k' * 32)
    response = Client().get('/async/jwt/', headers={'Authorization': f'Bearer {token}'})
    assert response.status_code == 401


def test_header_segment_is_base64url():
    """Sanity of the helper: a forged header decodes back."""
    head = forged({'alg': 'none'}, {}).split('.')[0]
    assert json.loads(base64.urlsafe_b64decode(head + '==')) == {'alg': 'none'}


@pytest.mark.parametrize('kind', KINDS)
def test_another_scheme_is_no_bearer_token(kind: str):
    """``Authorization: Basic ...`` carries no JWT: credentials were not provided."""
    response = Client().get(f'/{kind}/jwt/', headers={'Authorization': 'Basic YTpi'})
    assert response.status_code == 401
    assert response.json()['detail'][0]['msg'] == 'Authentication credentials were not provided'


@pytest.mark.parametrize('kind', KINDS)
def test_an_audience_the_config_does_not_expect_is_refused(kind: str):
    """A config without ``audience`` refuses a token that names one."""
    token = jwt.encode(payload(iss=None), SECRET, algorithm='HS256', headers={'kid': 'hs-1'})
    assert refusal(kind, token, 'jwt-hmac') == unauthorized('Token audience is not accepted')


@pytest.mark.parametrize('kind', KINDS)
def test_an_unknown_kid_of_a_jwks_config_is_refused(kind: str):
    """A ``kid`` the JWKS source does not publish: unknown key."""
    token = signed(payload(iss=None), kid='ed-9')
    assert refusal(kind, token, 'jwt-jwks') == unauthorized('Token is signed by an unknown key')


@pytest.mark.parametrize('kind', KINDS)
def test_a_huge_cookie_token_is_refused(kind: str):
    """A 100 KB token in the cookie: ``Token is too long``."""
    client = Client()
    client.cookies['access_token'] = 'A' * 100_000
    response = client.get(f'/{kind}/jwt-cookie/')
    assert response.json()['detail'][0]['msg'] == 'Token is too long'


@pytest.mark.parametrize('kind', KINDS)
def test_the_token_endpoints_refuse_bad_tokens_before_any_query(kind: str):
    """Refresh, verify and revoke answer a huge or forged token with a 401 and no query."""
    for url, body in (
        ('refresh/', {'refresh': 'A' * 100_000}),
        ('verify/', {'token': 'jötun.b.c'}),
        ('revoke/', {'refresh': signed(payload(token_type='refresh'), key=OTHER_EC_KEY)}),
    ):
        response = Client().post(
            f'/{kind}/token/{url}', json.dumps(body), content_type='application/json'
        )
        assert response.status_code == 401
        assert response.json()['detail'][0]['type'] == 'not_authenticated'
