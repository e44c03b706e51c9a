"""Throttling under the msgspec backend: Struct endpoints, msgpack errors, credential endpoints."""

from typing import Any

import msgspec
import pytest
from django.contrib.auth.models import User as DjangoUser
from django.test import Client

from dmr.testing import assert_throttled, throttle_rate
from dmr.throttling import CREDENTIAL_THROTTLES

pytestmark = [
    pytest.mark.urls('msgspec_throttling_urls'),
    pytest.mark.django_db(transaction=True),
]

KINDS = ['sync', 'async']
# The session login controllers need sessions, which these settings leave out:
# dmr-core's tests cover them.
PASSWORD_ENDPOINTS = [
    f'/{kind}/{name}/' for name in ('obtain', 'jwt') for kind in ('sync', 'async')
]


@pytest.mark.parametrize('kind', KINDS)
def test_a_struct_endpoint_is_throttled_with_headers(kind: str):
    """Two Structs, then 429 ``throttled``; the successes carry the ``RateLimit`` headers."""
    client = Client()
    first = client.get(f'/{kind}/quotes/')
    assert first.json() == {'text': 'hello'}
    assert first['RateLimit-Policy'] == '"ip";q=2;w=60'
    assert first['RateLimit'].startswith('"ip";r=1;t=')
    refused = assert_throttled(lambda: client.get(f'/{kind}/quotes/'), limit=1)
    assert refused['Retry-After']


@pytest.mark.parametrize('kind', KINDS)
def test_the_429_is_rendered_in_msgpack_when_asked(kind: str):
    """The refusal speaks the negotiated format, like any error."""
    client = Client()
    client.get(f'/{kind}/quotes/')
    client.get(f'/{kind}/quotes/')
    refused = client.get(f'/{kind}/quotes/', headers={'Accept': 'application/msgpack'})
    assert refused.status_code == 429
    assert refused['Content-Type'] == 'application/msgpack'
    assert msgspec.msgpack.decode(refused.content)['detail'][0]['type'] == 'throttled'


@pytest.mark.parametrize('url', PASSWORD_ENDPOINTS)
def test_password_endpoints_are_throttled_by_user_name(url: str):
    """Token and JWT obtain refuse the third attempt on one user name at 2/minute."""
    DjangoUser.objects.create_user('alice', password='alice-pw')

    def attempt() -> Any:
        body = msgspec.json.encode({'username': 'alice', 'password': 'wrong'})
        return Client().post(url, body, content_type='application/json')

    with throttle_rate(CREDENTIAL_THROTTLES[1], '2/minute'):
        assert_throttled(attempt, limit=2)
