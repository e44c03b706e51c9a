"""dmr's JWT endpoints under the msgspec backend: their TypedDict bodies work as in the core."""

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from openapi_spec_validator import validate

import msgspec_jwt_urls
from dmr.openapi import build_schema
from dmr.routing import Router

pytestmark = [pytest.mark.urls('msgspec_jwt_urls'), pytest.mark.django_db(transaction=True)]

KINDS = ['sync', 'async']


@pytest.fixture(autouse=True)
def alice() -> None:
    User.objects.create_user('alice', password='alice-pw')


def post(url: str, body: Any) -> Any:
    return Client().post(url, json.dumps(body), content_type='application/json')


def obtain(kind: str) -> dict[str, Any]:
    response = post(f'/{kind}/token/', {'username': 'alice', 'password': 'alice-pw'})
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize('kind', KINDS)
def test_an_obtained_access_token_authenticates(kind: str):
    """Obtain answers a pair; its access token reaches a msgspec controller as the user."""
    pair = obtain(kind)
    response = Client().get(f'/{kind}/me/', headers={'Authorization': f'Bearer {pair["access"]}'})
    assert response.json() == {'username': 'alice'}


@pytest.mark.parametrize('kind', KINDS)
def test_a_wrong_password_is_one_401(kind: str):
    """A wrong password: 401 ``not_authenticated`` with the one obtain message."""
    response = post(f'/{kind}/token/', {'username': 'alice', 'password': 'nope'})
    assert response.status_code == 401
    assert response.json()['detail'] == [
        {'msg': 'Invalid user name or password', 'loc': [], 'type': 'not_authenticated'},
    ]


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize(
    ('body', 'loc'),
    [
        ({'username': 'alice'}, ['body', 'password']),
        ({'username': 1, 'password': 'x'}, ['body', 'username']),
    ],
)
def test_a_malformed_credentials_body_is_400(kind: str, body: Any, loc: list[str]):
    """msgspec validates the ``Credentials`` TypedDict: missing and mistyped fields are 400."""
    response = post(f'/{kind}/token/', body)
    assert response.status_code == 400
    assert response.json()['detail'][0]['loc'] == loc


@pytest.mark.parametrize('kind', KINDS)
def test_refresh_rotates_and_reuse_revokes(kind: str):
    """Refresh answers a new pair; reusing the old refresh token revokes the login."""
    first = obtain(kind)
    second = post(f'/{kind}/token/refresh/', {'refresh': first['refresh']})
    assert second.status_code == 200
    reuse = post(f'/{kind}/token/refresh/', {'refresh': first['refresh']})
    assert reuse.status_code == 401
    verify = post(f'/{kind}/token/verify/', {'token': second.json()['access']})
    assert verify.json()['detail'][0]['msg'] == 'Token has been revoked'


@pytest.mark.parametrize('kind', KINDS)
def test_verify_and_revoke_answer_their_models(kind: str):
    """Verify answers ``sub`` and ``exp``; revoke answers 204 with no body."""
    pair = obtain(kind)
    verified = post(f'/{kind}/token/verify/', {'token': pair['access']}).json()
    assert set(verified) == {'sub', 'exp'}
    revoked = post(f'/{kind}/token/revoke/', {'refresh': pair['refresh']})
    assert (revoked.status_code, revoked.content) == (204, b'')


def test_the_token_endpoints_have_a_valid_openapi_document():
    """The four endpoints document their bodies, 200/204 and 401 in a valid document."""
    document = build_schema(Router('api/', msgspec_jwt_urls.urlpatterns))
    validate(document)
    obtain = document['paths']['/api/sync/token/']['post']
    assert {'200', '401'} <= set(obtain['responses'])
    assert '204' in document['paths']['/api/async/token/revoke/']['post']['responses']
