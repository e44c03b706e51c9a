"""dmr's token controllers and ``TokenAuth`` under the msgspec backend, sync and async."""

from typing import Any

import msgspec
import pytest
from django.contrib.auth.models import User as DjangoUser
from django.test import Client
from openapi_spec_validator import validate

from dmr.openapi import OpenAPIConfig, build_schema
from msgspec_tokens_urls import router

pytestmark = [
    pytest.mark.urls('msgspec_tokens_urls'),
    pytest.mark.django_db(transaction=True),
]

KINDS = ['sync', 'async']


@pytest.fixture(autouse=True)
def alice() -> None:
    DjangoUser.objects.create_user('alice', password='alice-pw')


def obtain(kind: str, body: bytes) -> Any:
    return Client().post(f'/api/{kind}/tokens/', body, content_type='application/json')


def me(kind: str, secret: str) -> Any:
    return Client().get(f'/api/{kind}/me/', headers={'Authorization': f'Bearer {secret}'})


@pytest.mark.parametrize('kind', KINDS)
def test_a_token_is_obtained_used_and_revoked(kind: str):
    """Obtain (201), call an endpoint behind ``TokenAuth`` (200), revoke (204), refused (401)."""
    body = msgspec.json.encode({'username': 'alice', 'password': 'alice-pw', 'name': 'cli'})
    created = obtain(kind, body)
    assert created.status_code == 201
    secret = created.json()['token']
    assert me(kind, secret).json() == {'username': 'alice', 'token_name': 'cli'}
    revoked = Client().delete(
        f'/api/{kind}/tokens/current/',
        headers={'Authorization': f'Bearer {secret}'},
    )
    assert revoked.status_code == 204
    assert me(kind, secret).status_code == 401


@pytest.mark.parametrize('kind', KINDS)
def test_wrong_credentials_are_401_in_the_error_model(kind: str):
    """A wrong password answers the one 401 message, in the error model."""
    response = obtain(kind, msgspec.json.encode({'username': 'alice', 'password': 'nope'}))
    assert response.status_code == 401
    assert response.json() == {
        'detail': [
            {'msg': 'Invalid user name or password', 'loc': [], 'type': 'not_authenticated'},
        ],
    }


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize(
    'body',
    [b'{"username": "alice"}', b'{"username": 1, "password": "x"}', b'[', b'"x"'],
)
def test_msgspec_validates_the_credentials(kind: str, body: bytes):
    """Missing fields, wrong types and malformed JSON are 400s located in the body."""
    response = obtain(kind, body)
    assert response.status_code == 400
    assert response.json()['detail'][0]['loc'][0] == 'body'


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize('header', ['Bearer', 'Bearer dmr_bad', 'Bearer ' + 'x' * 100_000])
def test_malformed_tokens_are_401(kind: str, header: str):
    """Malformed tokens: 401 ``not_authenticated`` with the bearer challenge."""
    response = Client().get(f'/api/{kind}/me/', headers={'Authorization': header})
    assert response.status_code == 401
    assert response['WWW-Authenticate'] == 'Bearer realm="api"'
    assert response.json()['detail'][0]['type'] == 'not_authenticated'


def test_the_controllers_are_documented():
    """The document validates; obtain's body requires a user name and password."""
    document = build_schema(router, OpenAPIConfig(openapi_version='3.1.0'))
    validate(document)
    obtain_post = document['paths']['/api/sync/tokens/']['post']
    assert {'201', '401'} <= set(obtain_post['responses'])
    body_schema = obtain_post['requestBody']['content']['application/json']['schema']
    name = body_schema['$ref'].rsplit('/', 1)[-1]
    component = document['components']['schemas'][name]
    assert set(component['required']) == {'username', 'password'}
    assert '204' in document['paths']['/api/sync/tokens/current/']['delete']['responses']
