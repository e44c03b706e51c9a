"""Throttling's configuration: settings, system checks, rates, the OpenAPI document, test tools."""

import asyncio
import time
from typing import Any

import pytest
from django.test import override_settings

from dmr.checks import (
    THROTTLING_CACHE_MISSING,
    THROTTLING_CACHE_UNSAFE,
    THROTTLING_CACHE_USELESS,
    check_throttling,
)
from dmr.routing import path
from dmr.settings import SettingsError, parse_settings
from dmr.testing import (
    assert_throttled,
    assert_throttled_async,
    throttle_rate,
    within_one_window,
)
from dmr.throttling import Rate, Throttle
from tests.openapi_support import document
from tests.throttling_app import CONTROLLERS, IP

SERIALIZER = 'tests.stub_backend.StubSerializer'


def caches(backend: str) -> Any:
    return override_settings(
        CACHES={'default': {'BACKEND': backend}},
        DMR_SETTINGS={'serializer': SERIALIZER, 'throttling': {'backend': 'cache:default'}},
    )


def ids(messages: list[Any]) -> list[str]:
    return [message.id for message in messages]


def test_the_dummy_cache_is_an_error():
    """A cache that stores nothing cannot count: ``dmr.E010``."""
    with caches('django.core.cache.backends.dummy.DummyCache'):
        assert ids(check_throttling()) == [THROTTLING_CACHE_USELESS]


def test_a_cache_of_each_process_is_a_warning():
    """``LocMemCache`` is not shared between processes: ``dmr.W010``."""
    with caches('django.core.cache.backends.locmem.LocMemCache'):
        assert ids(check_throttling()) == [THROTTLING_CACHE_UNSAFE]


def test_a_cache_whose_incr_is_not_atomic_is_a_warning():
    """The file cache reads and writes back on ``incr``: ``dmr.W010``."""
    with caches('django.core.cache.backends.filebased.FileBasedCache'):
        assert ids(check_throttling()) == [THROTTLING_CACHE_UNSAFE]


def test_a_redis_cache_passes():
    """Django's ``RedisCache`` is shared and its ``incr`` atomic: no message."""
    with caches('django.core.cache.backends.redis.RedisCache'):
        assert check_throttling() == []


def test_a_missing_cache_alias_is_an_error():
    """``'cache:nope'`` without such a cache: ``dmr.E011``."""
    settings = {'serializer': SERIALIZER, 'throttling': {'backend': 'cache:nope'}}
    with override_settings(DMR_SETTINGS=settings):
        assert ids(check_throttling()) == [THROTTLING_CACHE_MISSING]


def test_a_redis_backend_needs_no_cache_check():
    """A Redis URL is not a cache: nothing to report."""
    settings = {'serializer': SERIALIZER, 'throttling': {'backend': 'redis://127.0.0.1:1/0'}}
    with override_settings(DMR_SETTINGS=settings):
        assert check_throttling() == []


@override_settings(DMR_SETTINGS={'throttling': 'fast'})
def test_invalid_settings_are_left_to_the_settings_check():
    """Settings that do not parse are reported once, by ``check_settings``."""
    assert check_throttling() == []


@pytest.mark.parametrize(
    ('value', 'message'),
    [
        ('fast', 'a dict'),
        ({'backend': 'memcached://x'}, "'backend' is"),
        ({'backend': 'cache:'}, "'backend' is"),
        ({'trusted_proxies': '10.0.0.0/8'}, 'a list of CIDRs'),
        ({'trusted_proxies': ['10.0.0.0/33']}, 'is not a CIDR'),
        ({'ipv6_prefix': 0}, 'from 1 to 128'),
        ({'timeout': 0}, 'positive number'),
        ({'cooldown': True}, 'positive number'),
        ({'throttles': ['10/second']}, 'a list of Throttle'),
        ({'backends': 'cache:default'}, 'unknown keys'),
    ],
)
def test_invalid_throttling_settings_name_the_key(value: Any, message: str):
    """Each mistake in ``DMR_SETTINGS['throttling']`` is a ``SettingsError`` that says it."""
    with pytest.raises(SettingsError, match="'throttling'") as raised:
        parse_settings({'throttling': value})
    assert message in str(raised.value)


def test_valid_throttling_settings_parse():
    """Every key, parsed into the settings object."""
    throttle = Throttle('1/second')
    parsed = parse_settings(
        {
            'throttling': {
                'backend': 'redis://127.0.0.1:6379/0',
                'trusted_proxies': ['10.0.0.0/8', '2001:db8::/32'],
                'ipv6_prefix': 56,
                'timeout': 0.05,
                'cooldown': 1,
                'throttles': [throttle],
            },
        },
    ).throttling
    assert parsed.backend == 'redis://127.0.0.1:6379/0'
    assert [str(network) for network in parsed.trusted_proxies] == ['10.0.0.0/8', '2001:db8::/32']
    assert (parsed.ipv6_prefix, parsed.timeout, parsed.cooldown) == (56, 0.05, 1.0)
    assert parsed.throttles == (throttle,)


@pytest.mark.parametrize(
    ('text', 'rate'),
    [
        ('20/second', Rate(20, per=1)),
        ('5 / minute', Rate(5, per=60)),
        ('1000/hour', Rate(1000, per=3600)),
        ('1/day', Rate(1, per=86400)),
    ],
)
def test_rates_parse_from_text(text: str, rate: Rate):
    """``'N/second|minute|hour|day'``; the burst defaults to the limit."""
    assert Rate.parse(text) == rate
    assert rate.burst == rate.limit


@pytest.mark.parametrize('text', ['20', '20/week', '-1/second', '1.5/second', 20])
def test_bad_rates_are_refused(text: Any):
    """Anything else is a ``ValueError`` that shows the syntax."""
    with pytest.raises(ValueError, match='N/second'):
        Rate.parse(text)


def test_a_rate_of_zero_is_refused():
    """``'0/second'`` would refuse everything: a ``ValueError``."""
    with pytest.raises(ValueError, match='positive integer limit'):
        Rate.parse('0/second')


@pytest.mark.parametrize(
    ('arguments', 'message'),
    [
        ({'limit': 1, 'per': 'fortnight'}, 'Unknown period'),
        ({'limit': 0, 'per': 1}, 'positive integer limit'),
        ({'limit': 1, 'per': 1, 'burst': 0}, 'positive integer burst'),
        ({'limit': True, 'per': 1}, 'positive integer limit'),
    ],
)
def test_bad_rate_objects_are_refused(arguments: dict[str, Any], message: str):
    """``Rate`` checks its numbers when it is built."""
    limit = arguments.pop('limit')
    with pytest.raises(ValueError, match=message):
        Rate(limit, **arguments)


def test_a_rate_shows_its_burst():
    """``str(rate)`` is short, and names a burst that is not the limit."""
    assert str(Rate(10, per='minute')) == '10/60s'
    assert str(Rate(10, per='minute', burst=3)) == '10/60s (burst 3)'
    assert Rate(10, per='minute').interval == 6


@pytest.mark.parametrize(
    ('arguments', 'error'),
    [
        ({'key': 'by_ip'}, TypeError),
        ({'on_error': 'ignore'}, ValueError),
        ({'algorithm': 'leaky'}, ValueError),
        ({'scope': ''}, ValueError),
        ({'name': 'a"b'}, ValueError),
    ],
)
def test_bad_throttle_options_are_refused(arguments: dict[str, Any], error: type[Exception]):
    """A throttle checks its options when it is built."""
    with pytest.raises(error):
        Throttle('1/second', **arguments)


def test_a_throttle_shows_its_rate_and_key():
    """``repr`` names the rate and the key."""
    assert repr(Throttle('2/minute')) == "Throttle('2/60s', key=by_ip)"


def test_openapi_documents_the_429_and_the_headers():
    """The 429 with ``Retry-After``, and the ``RateLimit`` headers on every response."""
    schema = document([path('ip/', CONTROLLERS['ip'][0].as_view())])
    responses = schema['paths']['/api/ip/']['get']['responses']
    assert set(responses['429']['headers']) == {
        'Retry-After',
        'RateLimit-Policy',
        'RateLimit',
        'Vary',
    }
    assert set(responses['200']['headers']) == {'RateLimit-Policy', 'RateLimit'}
    assert '503' not in responses


def test_openapi_documents_the_503_of_a_throttle_that_denies():
    """A throttle with ``on_error='deny'`` adds the 503 it may answer."""
    schema = document([path('deny/', CONTROLLERS['deny'][0].as_view())])
    responses = schema['paths']['/api/deny/']['get']['responses']
    assert set(responses['503']['headers']) == {
        'Retry-After',
        'RateLimit-Policy',
        'RateLimit',
        'Vary',
    }


def test_throttle_rate_restores_the_rate():
    """The rate changes inside the block only."""
    with throttle_rate(IP, '1/second') as changed:
        assert changed.rate == Rate(1, per=1)
    assert IP.rate == Rate(3, per=60)


def test_within_one_window_waits_only_near_a_window_s_end():
    """With a margin as long as the window it waits for the next one; with none it returns."""
    started = time.time()
    within_one_window(0.5, margin=0.5)
    waited_until = time.time()
    within_one_window(0.5, margin=0)

    assert int(waited_until / 0.5) > int(started / 0.5)
    assert time.time() - waited_until < 0.4


class FakeResponse:
    """A response as ``assert_throttled`` reads it."""

    def __init__(self, status_code: int, body: Any = None, headers: Any = None) -> None:
        self.status_code = status_code
        self.body = body or {}
        self.headers = headers or {}

    def json(self) -> Any:
        return self.body

    def has_header(self, name: str) -> bool:
        return name in self.headers

    @property
    def content(self) -> bytes:
        return repr(self.body).encode()


@pytest.mark.parametrize(
    ('responses', 'message'),
    [
        ([FakeResponse(429)], 'request 1 was throttled before the limit'),
        ([FakeResponse(200), FakeResponse(200)], 'answered 200, not 429'),
        ([FakeResponse(200), FakeResponse(429, {'detail': []})], 'not a throttled error'),
        (
            [FakeResponse(200), FakeResponse(429, {'detail': [{'type': 'throttled'}]})],
            'no Retry-After',
        ),
    ],
)
def test_assert_throttled_says_what_is_wrong(responses: list[FakeResponse], message: str):
    """Each way an endpoint can fail the assertion has its own message."""
    answers = iter(responses)
    with pytest.raises(AssertionError, match=message):
        assert_throttled(lambda: next(answers), limit=1)


def test_assert_throttled_async_awaits_each_request():
    """The async twin returns the 429 after ``limit`` passing requests."""
    answers = iter(
        [
            FakeResponse(200),
            FakeResponse(429, {'detail': [{'type': 'throttled'}]}, {'Retry-After': '1'}),
        ]
    )

    async def send() -> FakeResponse:
        return next(answers)

    refused = asyncio.run(assert_throttled_async(send, limit=1))
    assert refused.status_code == 429


CHECK_A_PROJECT = """
import django
from django.conf import settings
settings.configure(
    INSTALLED_APPS=['dmr'], ROOT_URLCONF='urls', DMR_SETTINGS={'serializer': SERIALIZER}
)
django.setup()
from django.core import checks
before = [message.id for message in checks.run_checks()]
from dmr import Controller
from dmr.throttling import Throttle
class Limited(Controller):
    auth = None
    throttles = [Throttle('1/second')]
    def get(self) -> dict[str, str]:
        return {}
print(before, [message.id for message in checks.run_checks()])
"""


def test_a_project_that_throttles_nothing_gets_no_cache_warning():
    """The default ``LocMemCache`` is a warning only once a controller is throttled."""
    import subprocess
    import sys
    from pathlib import Path

    tests = Path(__file__).resolve().parent
    result = subprocess.run(
        [sys.executable, '-c', CHECK_A_PROJECT.replace('SERIALIZER', repr(SERIALIZER))],
        cwd=tests,
        env={'PYTHONPATH': f'{tests.parent}'},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[] ['dmr.W010']"
