"""Login and token endpoints: throttled by address and user name, closed when the store is down."""

import json
from typing import Any

import pytest
from django.contrib.auth.models import User as DjangoUser
from django.test import Client, override_settings

from dmr.security.login import LoginController
from dmr.testing import assert_throttled, throttle_rate
from dmr.testing.redis_server import free_port
from dmr.throttling import CREDENTIAL_THROTTLES

# ``one_window``: the cache counts in fixed windows aligned on the clock.
pytestmark = [
    pytest.mark.urls('tests.credential_urls'),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures('one_window'),
]

ENDPOINTS = [
    f'/{kind}/{name}/' for name in ('login', 'obtain', 'jwt') for kind in ('sync', 'async')
]
BY_IP, BY_USERNAME = CREDENTIAL_THROTTLES


@pytest.fixture(autouse=True)
def users() -> None:
    DjangoUser.objects.create_user('alice', password='alice-pw')


def attempt(url: str, username: str = 'alice', password: str = 'wrong', **extra: Any) -> Any:
    return Client().post(
        url,
        json.dumps({'username': username, 'password': password}),
        content_type='application/json',
        **extra,
    )


def test_every_credential_endpoint_uses_the_credential_throttles():
    """Login, token obtain and JWT obtain all declare ``CREDENTIAL_THROTTLES``."""
    assert LoginController.throttles is CREDENTIAL_THROTTLES
    assert BY_IP.on_error == BY_USERNAME.on_error == 'deny'


@pytest.mark.parametrize('url', ENDPOINTS)
def test_attempts_on_one_user_name_are_throttled(url: str):
    """Over the user-name limit, even from other addresses and with any case, it is 429."""
    with throttle_rate(BY_USERNAME, '2/minute'):
        addresses = iter(f'192.0.2.{n}' for n in range(10))
        assert_throttled(
            lambda: attempt(url, username='ALICE', REMOTE_ADDR=next(addresses)),
            limit=2,
        )
        assert attempt(url, username='bob', REMOTE_ADDR='192.0.2.99').status_code == 401


@pytest.mark.parametrize('url', ENDPOINTS)
def test_attempts_from_one_address_are_throttled(url: str):
    """Over the address limit, whatever the user names, it is 429."""
    with throttle_rate(BY_IP, '2/minute'):
        names = iter(f'user{n}' for n in range(10))
        assert_throttled(lambda: attempt(url, username=next(names)), limit=2)


@pytest.mark.parametrize('url', ENDPOINTS)
def test_the_right_password_counts_too(url: str):
    """The throttle counts attempts, not failures: a success uses the quota as well."""
    with throttle_rate(BY_USERNAME, '1/minute'):
        assert attempt(url, password='alice-pw').status_code in {200, 201}
        assert attempt(url, password='alice-pw').status_code == 429


@pytest.mark.parametrize('url', ENDPOINTS)
def test_a_store_that_is_down_refuses_every_attempt(url: str):
    """Fail closed: 503 ``service_unavailable``, and no password is checked."""
    dead = f'redis://127.0.0.1:{free_port()}/0'
    settings = {'serializer': 'tests.stub_backend.StubSerializer', 'throttling': {'backend': dead}}
    with override_settings(DMR_SETTINGS=settings):
        response = attempt(url, password='alice-pw')
    assert response.status_code == 503
    assert response.json()['detail'][0]['type'] == 'service_unavailable'


@pytest.mark.parametrize('url', ENDPOINTS)
@pytest.mark.parametrize(
    ('body', 'content_type'),
    [(b'{"username": ', 'application/json'), (b'[1]', 'application/json'), (b'x', 'text/plain')],
)
def test_a_body_without_a_user_name_is_counted_by_address_only(
    url: str, body: bytes, content_type: str
):
    """Malformed or foreign bodies skip the user-name throttle; the address one still counts."""
    with throttle_rate(BY_IP, '1/minute'):
        first = Client().post(url, body, content_type=content_type)
        assert first.status_code in {400, 415}
        assert first['RateLimit'] == first['RateLimit'].split(',')[0]
        assert Client().post(url, body, content_type=content_type).status_code == 429
