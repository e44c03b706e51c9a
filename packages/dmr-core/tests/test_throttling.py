"""Throttling through HTTP, counted in Django's cache: limits, keys, scopes, headers."""

import base64
from typing import Any

import pytest
from django.contrib.auth.models import User as DjangoUser
from django.test import Client, override_settings

from dmr import Controller, modify
from dmr._pipeline.throttle import Throttling
from dmr.errors import EndpointDefinitionError
from dmr.throttling import Throttle
from tests.jwt_app import TOKENS
from tests.throttling_app import PartlyThrottled

# ``one_window``: the cache counts in fixed windows aligned on the clock.
pytestmark = [
    pytest.mark.urls('tests.throttling_app'),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures('one_window'),
]

KINDS = ['sync', 'async']


@pytest.fixture(autouse=True)
def users() -> None:
    DjangoUser.objects.create_user('alice', password='alice-pw')
    DjangoUser.objects.create_user('carol', password='carol-pw')


def basic(username: str, password: str) -> str:
    return 'Basic ' + base64.b64encode(f'{username}:{password}'.encode()).decode()


def statuses(client: Client, url: str, count: int, **extra: Any) -> list[int]:
    return [client.get(url, **extra).status_code for _ in range(count)]


@pytest.mark.parametrize('kind', KINDS)
def test_requests_over_the_limit_are_429_in_the_error_model(kind: str):
    """The fourth request of a 3/minute throttle is 429 ``throttled`` with ``Retry-After``."""
    client = Client()
    assert statuses(client, f'/{kind}/ip/', 3) == [200, 200, 200]
    response = client.get(f'/{kind}/ip/')
    assert response.status_code == 429
    assert response['Content-Type'] == 'application/json'
    (detail,) = response.json()['detail']
    assert detail['type'] == 'throttled'
    assert detail['loc'] == []
    assert 1 <= int(response['Retry-After']) <= 60


@pytest.mark.parametrize('kind', KINDS)
def test_every_response_carries_the_ratelimit_headers(kind: str):
    """Successes say the policy and what is left; so does the 429."""
    client = Client()
    first = client.get(f'/{kind}/ip/')
    assert first['RateLimit-Policy'] == '"ip";q=3;w=60'
    remaining, reset = _parameters(first['RateLimit'])
    assert remaining == 2
    assert 1 <= reset <= 60
    client.get(f'/{kind}/ip/')
    client.get(f'/{kind}/ip/')
    refused = client.get(f'/{kind}/ip/')
    assert refused['RateLimit-Policy'] == '"ip";q=3;w=60'
    assert _parameters(refused['RateLimit'])[0] == 0


def _parameters(header: str) -> tuple[int, int]:
    name, remaining, reset = header.split(';')
    assert name == '"ip"'
    assert remaining.startswith('r=')
    assert reset.startswith('t=')
    return int(remaining[2:]), int(reset[2:])


@pytest.mark.parametrize('kind', KINDS)
def test_clients_are_counted_apart_by_address(kind: str):
    """Another ``REMOTE_ADDR`` has its own quota."""
    client = Client()
    statuses(client, f'/{kind}/ip/', 3, REMOTE_ADDR='192.0.2.1')
    assert client.get(f'/{kind}/ip/', REMOTE_ADDR='192.0.2.1').status_code == 429
    assert client.get(f'/{kind}/ip/', REMOTE_ADDR='192.0.2.2').status_code == 200


@pytest.mark.parametrize('kind', KINDS)
def test_a_forged_forwarded_header_from_an_untrusted_peer_changes_nothing(kind: str):
    """Without trusted proxies, ``X-Forwarded-For`` and ``Forwarded`` are ignored."""
    client = Client()
    forged = [
        client.get(
            f'/{kind}/ip/',
            REMOTE_ADDR='192.0.2.1',
            HTTP_X_FORWARDED_FOR=f'198.51.100.{n}',
            HTTP_FORWARDED=f'for=198.51.100.{n}',
        ).status_code
        for n in range(4)
    ]
    assert forged == [200, 200, 200, 429]


@pytest.mark.parametrize('kind', KINDS)
def test_behind_a_trusted_proxy_the_forwarded_client_is_counted(kind: str):
    """The hop left of the trusted proxies is the client; what it forged further left is not."""
    client = Client()
    throttling = {'throttling': {'trusted_proxies': ['10.0.0.0/8']}}
    with override_settings(
        DMR_SETTINGS={'serializer': 'tests.stub_backend.StubSerializer', **throttling}
    ):
        proxied = [
            client.get(
                f'/{kind}/ip/',
                REMOTE_ADDR='10.0.0.1',
                HTTP_X_FORWARDED_FOR=f'203.0.113.{n}, 198.51.100.7, 10.1.1.1',
            ).status_code
            for n in range(4)
        ]
        assert proxied == [200, 200, 200, 429]
        other = client.get(
            f'/{kind}/ip/', REMOTE_ADDR='10.0.0.1', HTTP_FORWARDED='for="[2001:db8::1]:443"'
        )
        assert other.status_code == 200


@pytest.mark.parametrize('kind', KINDS)
def test_user_throttles_run_after_authentication(kind: str):
    """``by_user`` counts each user apart; anonymous requests are 401, not counted by user."""
    client = Client()
    alice = {'HTTP_AUTHORIZATION': basic('alice', 'alice-pw')}
    assert statuses(client, f'/{kind}/user/', 3, **alice) == [200, 200, 429]
    carol = {'HTTP_AUTHORIZATION': basic('carol', 'carol-pw')}
    assert client.get(f'/{kind}/user/', **carol).status_code == 200
    assert client.get(f'/{kind}/user/').status_code == 401


@pytest.mark.parametrize('kind', KINDS)
def test_a_refused_user_request_shows_both_policies(kind: str):
    """An endpoint throttled by address and user names both in ``RateLimit-Policy``."""
    response = Client().get(f'/{kind}/user/', HTTP_AUTHORIZATION=basic('alice', 'alice-pw'))
    assert response['RateLimit-Policy'] == '"ip";q=10;w=60, "user";q=2;w=60'
    assert response['RateLimit'].startswith('"ip";r=9;t=')
    assert ', "user";r=1;t=' in response['RateLimit']


@pytest.mark.parametrize('kind', KINDS)
def test_a_token_throttle_counts_each_credential(kind: str):
    """``by_token`` keys by ``request.auth``: another key of the same user has its own quota."""
    client = Client()
    assert statuses(client, f'/{kind}/token/', 3, HTTP_X_API_KEY='key-1') == [200, 200, 429]
    assert client.get(f'/{kind}/token/', HTTP_X_API_KEY='key-2').status_code == 200


@pytest.mark.parametrize('kind', KINDS)
def test_a_key_that_returns_none_skips_the_throttle(kind: str):
    """Without ``X-Tenant`` the custom key skips; with it, the second request is 429."""
    client = Client()
    assert statuses(client, f'/{kind}/tenant/', 3) == [200, 200, 200]
    assert statuses(client, f'/{kind}/tenant/', 2, HTTP_X_TENANT='t1') == [200, 429]


@pytest.mark.parametrize('kind', KINDS)
def test_a_skipped_throttle_sends_only_the_policy(kind: str):
    """No key, no count: ``RateLimit-Policy`` but no ``RateLimit``."""
    response = Client().get(f'/{kind}/tenant/')
    assert response['RateLimit-Policy'] == '"tenant";q=1;w=60'
    assert 'RateLimit' not in response


@pytest.mark.parametrize('kind', KINDS)
def test_a_scope_shares_one_bucket_between_endpoints(kind: str):
    """Two endpoints with ``scope='shared'`` count together."""
    client = Client()
    assert client.get(f'/{kind}/shared-a/').status_code == 200
    assert client.get(f'/{kind}/shared-b/').status_code == 200
    assert client.get(f'/{kind}/shared-a/').status_code == 429


@pytest.mark.parametrize('kind', KINDS)
def test_the_fixed_window_counts_refused_requests_too(kind: str):
    """On a Django cache a refused request still counts: the window stays full."""
    client = Client()
    assert statuses(client, f'/{kind}/window/', 4) == [200, 200, 429, 429]


@pytest.mark.parametrize('kind', KINDS)
def test_settings_throttle_every_endpoint_that_sets_none(kind: str):
    """``DMR_SETTINGS['throttling']['throttles']`` applies where a controller sets nothing."""
    throttling = {'throttling': {'throttles': [Throttle('1/minute', name='project')]}}
    with override_settings(
        DMR_SETTINGS={'serializer': 'tests.stub_backend.StubSerializer', **throttling}
    ):
        client = Client()
        assert statuses(client, f'/{kind}/settings/', 2) == [200, 429]
        assert client.get(f'/{kind}/settings/')['RateLimit-Policy'] == '"project";q=1;w=60'


def test_modify_removes_the_controllers_throttles():
    """``@modify(throttles=[])``: no count and no headers for that endpoint."""
    client = Client()
    assert statuses(client, '/partly/', 2) == [200, 429]
    posted = [client.post('/partly/') for _ in range(3)]
    assert [response.status_code for response in posted] == [200, 200, 200]
    assert 'RateLimit-Policy' not in posted[0]


def test_an_endpoint_without_throttles_has_no_throttle_stage():
    """No throttle, no stage: nothing more runs per request."""
    routes = PartlyThrottled.compiled().routes
    assert not any(isinstance(stage, Throttling) for stage in routes['POST'].stages)
    assert any(isinstance(stage, Throttling) for stage in routes['GET'].stages)


def test_options_is_never_throttled():
    """``OPTIONS`` (CORS preflight) answers whatever the count."""
    client = Client()
    client.get('/partly/')
    responses = [client.options('/partly/') for _ in range(3)]
    assert [response.status_code for response in responses] == [200, 200, 200]


def test_gcra_on_a_cache_backend_fails_when_the_class_is_built():
    """The cache store runs only the fixed window: asking it for GCRA names the endpoint."""
    with pytest.raises(EndpointDefinitionError, match=r'Gcra\.get.*gcra'):

        class Gcra(Controller):
            auth = None
            throttles = (Throttle('1/second', algorithm='gcra'),)

            @modify(status_code=200)
            def get(self) -> dict[str, str]:
                raise NotImplementedError


def test_throttles_with_one_name_get_numbered_policies():
    """Two throttles by address are ``ip`` and ``ip-2`` in the headers."""

    class Twice(Controller):
        auth = None
        throttles = (Throttle('5/second'), Throttle('100/hour'))

        @modify(status_code=200)
        def get(self) -> dict[str, str]:
            raise NotImplementedError

    stage = Twice.compiled().routes['GET'].stages[1]
    assert isinstance(stage, Throttling)
    assert stage.names == ('ip', 'ip-2')


@pytest.mark.parametrize('kind', KINDS)
def test_a_jwt_is_throttled_by_its_jti(kind: str):
    """``by_token`` keys JWT claims by ``jti``: a new token of the same user starts afresh."""
    alice = DjangoUser.objects.get(username='alice')
    client = Client()

    def bearer(token: str) -> dict[str, str]:
        return {'HTTP_AUTHORIZATION': f'Bearer {token}'}

    first = TOKENS.issue(alice)['access']
    assert statuses(client, f'/{kind}/jwt/', 3, **bearer(first)) == [200, 200, 429]
    assert client.get(f'/{kind}/jwt/', **bearer(TOKENS.issue(alice)['access'])).status_code == 200
