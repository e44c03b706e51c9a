"""The worker of ``benchmarks/throttling.py``: one store, plain and throttled, interleaved."""

import argparse
import time
from typing import Any

import django
from django.conf import settings


def measure(arguments: argparse.Namespace) -> dict[str, Any]:
    """Per-request CPU and wall microseconds of each round, plain and throttled."""
    store = arguments.worker
    backend = {
        'cache:locmem': 'cache:default',
        'cache:redis': 'cache:redis',
    }.get(store, arguments.redis)
    settings.configure(
        DEBUG=False,
        SECRET_KEY='benchmarks-only-not-secret',  # noqa: S106 - no secret in a benchmark
        ALLOWED_HOSTS=['*'],
        INSTALLED_APPS=['dmr'],
        CACHES={
            'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'},
            'redis': {
                'BACKEND': 'django.core.cache.backends.redis.RedisCache',
                'LOCATION': arguments.redis,
            },
        },
        DMR_SETTINGS={
            'serializer': 'msgspec',
            'validate_responses': False,
            'throttling': {'backend': backend},
        },
    )
    django.setup()
    plain, throttled = _views(store)
    from django.test import RequestFactory  # noqa: PLC0415 - after setup

    request = RequestFactory().get('/search/', REMOTE_ADDR='192.0.2.1')
    _check(plain, throttled, request, store)
    for _ in range(min(arguments.requests, 500)):
        plain(request)
        throttled(request)
    figures: dict[str, list[float]] = {
        'plain_cpu': [],
        'throttled_cpu': [],
        'plain_wall': [],
        'throttled_wall': [],
    }
    for _ in range(arguments.rounds):
        for name, view in (('plain', plain), ('throttled', throttled)):
            cpu, wall = time.process_time(), time.perf_counter()
            for _ in range(arguments.requests):
                view(request)
            figures[f'{name}_cpu'].append((time.process_time() - cpu) / arguments.requests * 1e6)
            figures[f'{name}_wall'].append((time.perf_counter() - wall) / arguments.requests * 1e6)
    return figures


def _views(store: str) -> tuple[Any, Any]:
    from dmr import Controller  # noqa: PLC0415 - after setup
    from dmr.throttling import Rate, Throttle  # noqa: PLC0415

    never = Rate(10**9, per=1)
    algorithm = 'fixed_window' if store.startswith('cache:') else 'gcra'
    count = 2 if store == 'redis x2' else 1
    chosen = [Throttle(never, algorithm=algorithm, name=f'ip{index}') for index in range(count)]

    class Plain(Controller):
        auth = None
        throttles = ()

        def get(self) -> dict[str, str]:
            return {'query': 'dmr'}

    class Throttled(Plain):
        throttles = chosen

    return Plain.as_view(), Throttled.as_view()


def _check(plain: Any, throttled: Any, request: Any, store: str) -> None:
    answered = throttled(request)
    if answered.status_code != 200 or 'RateLimit' not in answered:
        raise AssertionError(f'{store}: the throttled endpoint answered {answered!r}')
    if 'RateLimit-Policy' in plain(request):
        raise AssertionError(f'{store}: the plain endpoint is throttled')
