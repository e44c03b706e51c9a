"""Throttling on a real Redis server: GCRA, one script for all throttles, failures."""

import asyncio
import multiprocessing
import os
import time
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from django.test import AsyncClient, Client, override_settings

from dmr.testing.redis_server import free_port, redis_server
from dmr.throttling._redis_store import RedisStore
from dmr.throttling.rate import Rate
from dmr.throttling.stores import Check, StoreUnavailableError

pytestmark = [pytest.mark.urls('tests.throttling_app'), pytest.mark.django_db(transaction=True)]

KINDS = ['sync', 'async']
SERIALIZER = 'tests.stub_backend.StubSerializer'


def on(backend: str, **throttling: Any) -> Any:
    """Settings that count in ``backend``."""
    return override_settings(
        DMR_SETTINGS={'serializer': SERIALIZER, 'throttling': {'backend': backend, **throttling}},
    )


@pytest.fixture
def fresh_redis(redis_url: str) -> Iterator[str]:
    """The session's server, emptied, as the throttling backend."""
    redis.Redis.from_url(redis_url).flushdb()
    with on(redis_url):
        yield redis_url


def statuses(url: str, count: int, **extra: Any) -> list[int]:
    client = Client()
    return [client.get(url, **extra).status_code for _ in range(count)]


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.usefixtures('fresh_redis')
def test_gcra_lets_a_burst_through_then_the_steady_rate(kind: str):
    """60/minute with a burst of 2: two at once, the third waits about a second."""
    assert statuses(f'/{kind}/burst/', 3) == [200, 200, 429]
    refused = Client().get(f'/{kind}/burst/')
    assert refused['Retry-After'] == '1'
    time.sleep(1.05)
    assert statuses(f'/{kind}/burst/', 2) == [200, 429]


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.usefixtures('fresh_redis')
def test_gcra_headers_say_what_is_left(kind: str):
    """The first request of a burst of 2 leaves 1; the quota is whole again within a second."""
    response = Client().get(f'/{kind}/burst/')
    assert response['RateLimit-Policy'] == '"ip";q=60;w=60'
    assert response['RateLimit'] == '"ip";r=1;t=1'


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.usefixtures('fresh_redis')
def test_a_refused_request_is_not_counted_on_redis(kind: str):
    """All or nothing: a request one throttle refuses uses none of the other's quota."""
    assert statuses(f'/{kind}/two/', 4) == [200, 200, 429, 429]
    response = Client().get(f'/{kind}/two/')
    assert response['RateLimit-Policy'] == '"tight";q=2;w=60, "loose";q=10;w=60'
    assert response['RateLimit'].startswith('"tight";r=0;t=')
    assert ', "loose";r=7;t=' in response['RateLimit']


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.usefixtures('fresh_redis')
def test_the_fixed_window_runs_on_redis(kind: str):
    """``algorithm='fixed_window'``: 2 a minute, and refused requests are not counted."""
    assert statuses(f'/{kind}/window/', 3) == [200, 200, 429]
    assert Client().get(f'/{kind}/window/')['RateLimit'].startswith('"ip";r=0;t=')


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.usefixtures('fresh_redis')
def test_keys_reach_redis_hashed(kind: str, redis_url: str):
    """No address or user name appears in the store's keys."""
    Client().get(f'/{kind}/tenant/', HTTP_X_TENANT='acme-corp')
    keys = [key.decode() for key in redis.Redis.from_url(redis_url).keys('*')]
    assert len(keys) == 1
    assert keys[0].startswith('dmr:throttle:')
    assert 'acme' not in keys[0]


@pytest.mark.parametrize('kind', KINDS)
def test_a_store_that_is_down_lets_requests_through_by_default(kind: str):
    """``on_error='allow'``: answered 200, quickly, with only the policy header."""
    with on(f'redis://127.0.0.1:{free_port()}/0'):
        started = time.monotonic()
        response = Client().get(f'/{kind}/ip/')
        assert time.monotonic() - started < 1
    assert response.status_code == 200
    assert 'RateLimit' not in response


@pytest.mark.parametrize('kind', KINDS)
def test_a_store_that_is_down_is_503_where_a_throttle_denies(kind: str):
    """``on_error='deny'``: 503 ``service_unavailable`` with ``Retry-After``."""
    with on(f'redis://127.0.0.1:{free_port()}/0', cooldown=3):
        response = Client().get(f'/{kind}/deny/')
    assert response.status_code == 503
    (detail,) = response.json()['detail']
    assert detail['type'] == 'service_unavailable'
    assert response['Retry-After'] == '3'


def test_the_breaker_stops_calling_a_failed_store(caplog: pytest.LogCaptureFixture):
    """After one failure the store is not called until the cooldown ends; one log line."""
    store = RedisStore(f'redis://127.0.0.1:{free_port()}/0', timeout=0.1, cooldown=60)
    check = [Check('dmr:throttle:x', Rate.parse('1/second'), 'gcra')]
    for _ in range(3):
        with pytest.raises(StoreUnavailableError):
            store.hit(check)
    assert store.breaker.suppressed == 0
    assert len([r for r in caplog.records if r.name == 'dmr.throttling']) == 1


def test_failures_within_a_minute_are_counted_not_logged(caplog: pytest.LogCaptureFixture):
    """After the cooldown the store is tried again; its next failure is counted, not logged."""
    store = RedisStore(f'redis://127.0.0.1:{free_port()}/0', timeout=0.1, cooldown=0.01)
    check = [Check('dmr:throttle:x', Rate.parse('1/second'), 'gcra')]
    for _ in range(2):
        with pytest.raises(StoreUnavailableError):
            store.hit(check)
        time.sleep(0.02)
    assert store.breaker.suppressed == 1
    assert len([r for r in caplog.records if r.name == 'dmr.throttling']) == 1


def test_the_store_never_logs_its_password():
    """The breaker names the server without the URL's password."""
    store = RedisStore('redis://:s3cret@127.0.0.1:1/0', timeout=0.1, cooldown=1)
    assert store.breaker.name == 'redis redis://***@127.0.0.1:1/0'


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize(('name', 'status'), [('ip', 200), ('deny', 503)])
def test_a_django_cache_that_is_down_follows_on_error(kind: str, name: str, status: int):
    """A ``RedisCache`` on a dead server: let through, or 503 where a throttle denies."""
    dead = {
        'BACKEND': 'django.core.cache.backends.redis.RedisCache',
        'LOCATION': f'redis://127.0.0.1:{free_port()}/0',
        'OPTIONS': {'socket_timeout': 0.1, 'socket_connect_timeout': 0.1},
    }
    with (
        override_settings(
            CACHES={
                'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'},
                'dead': dead,
            }
        ),
        on('cache:dead'),
    ):
        assert Client().get(f'/{kind}/{name}/').status_code == status


@pytest.mark.parametrize('on_error', ['allow', 'deny'])
def test_redis_stopped_mid_run_keeps_requests_answered(on_error: str):
    """Every request is answered within the timeout: let through, or 503 where it denies."""
    name = 'ip' if on_error == 'allow' else 'deny'
    with redis_server() as (url, process), on(url, timeout=0.2, cooldown=0.5):
        client = Client()
        assert client.get(f'/sync/{name}/').status_code == 200
        process.kill()
        process.wait()
        expected = 200 if on_error == 'allow' else 503
        for _ in range(5):
            started = time.monotonic()
            assert client.get(f'/sync/{name}/').status_code == expected
            assert time.monotonic() - started < 1
            time.sleep(0.15)


def test_async_clients_are_made_per_event_loop(redis_url: str):
    """Two event loops in turn both reach Redis, each with its own client."""
    redis.Redis.from_url(redis_url).flushdb()
    store = RedisStore(redis_url, timeout=0.5, cooldown=1)
    check = [Check('dmr:throttle:loops', Rate.parse('5/minute'), 'gcra')]
    first = asyncio.run(store.ahit(check))
    second = asyncio.run(store.ahit(check))
    assert [first[0].remaining, second[0].remaining] == [4, 3]
    assert len(store._async) <= 2


@pytest.mark.usefixtures('fresh_redis')
def test_async_endpoints_count_on_redis_from_an_async_client():
    """Requests served on one event loop (as under ASGI) share its asyncio Redis client."""

    async def four() -> list[int]:
        client = AsyncClient()
        return [(await client.get('/async/ip/')).status_code for _ in range(4)]

    assert asyncio.run(four()) == [200, 200, 200, 429]


def _hit_in_child(store: RedisStore, check: list[Check], answers: Any) -> None:
    """In a forked process: one sync and one async hit, and whose clients served them."""
    sync = store.hit(check)[0].remaining
    asynchronous = asyncio.run(store.ahit(check))[0].remaining
    answers.put((sync, asynchronous, store._sync is not None and store._sync[0] == os.getpid()))


# Python 3.12+ warns when forking a process that has threads (the suite's
# thread pools); the child here only opens clients of its own, as a worker does.
@pytest.mark.filterwarnings('ignore:This process .* is multi-threaded:DeprecationWarning')
def test_a_forked_worker_counts_with_clients_of_its_own(redis_url: str):
    """After a fork (gunicorn's preloaded workers), the child builds new clients and counts on."""
    redis.Redis.from_url(redis_url).flushdb()
    store = RedisStore(redis_url, timeout=0.5, cooldown=1)
    check = [Check('dmr:throttle:fork', Rate.parse('10/minute'), 'gcra')]
    assert store.hit(check)[0].remaining == 9
    assert asyncio.run(store.ahit(check))[0].remaining == 8
    context = multiprocessing.get_context('fork')
    answers = context.Queue()
    child = context.Process(target=_hit_in_child, args=(store, check, answers))

    child.start()
    child.join(timeout=30)

    assert child.exitcode == 0
    assert answers.get(timeout=5) == (7, 6, True)
    assert store.hit(check)[0].remaining == 5
