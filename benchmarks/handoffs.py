"""Where an async request's time goes under an ASGI handler: ``bench-dmr:handoffs``.

Serves the benchmark's request to ``dmr-msgspec-async`` in-process (as
``asgi.py`` does), under Django's ``ASGIHandler`` and under
``dmr.asgi.ASGIHandler``, with no middleware and with ``startproject``'s,
and reports for each:

- thread hand-offs per request: calls of the event loop's
  ``run_in_executor``, through which every ``sync_to_async`` passes;
- OS threads started per request (``threading.Thread.start``);
- CPU µs per request, median of interleaved rounds.

The counters wrap those two functions for the counted requests only; the
timed rounds run without them.
"""

import argparse
import asyncio
import statistics
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.handlers.asgi import ASGIHandler as DjangoASGIHandler

from benchmarks import asgi, manifest, worker

STARTPROJECT_MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.contrib.messages.middleware.MessageMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]
CONTRIB_APPS = [
    'django.contrib.contenttypes',
    'django.contrib.auth',
    'django.contrib.sessions',
    'django.contrib.messages',
]


@contextmanager
def counting() -> Iterator[dict[str, int]]:
    """Count hand-offs and thread starts while the block runs."""
    counts = {'handoffs': 0, 'threads': 0}
    loop_class: Any = asyncio.BaseEventLoop
    run_in_executor = loop_class.run_in_executor
    start = threading.Thread.start

    def counted_run_in_executor(self: Any, *args: Any) -> Any:
        counts['handoffs'] += 1
        return run_in_executor(self, *args)

    def counted_start(self: threading.Thread) -> None:
        counts['threads'] += 1
        start(self)

    loop_class.run_in_executor = counted_run_in_executor
    threading.Thread.start = counted_start  # type: ignore[method-assign]  # counting, then restored
    try:
        yield counts
    finally:
        loop_class.run_in_executor = run_in_executor
        threading.Thread.start = start  # type: ignore[method-assign]  # restored


def build(handler: type[DjangoASGIHandler], middleware: list[str]) -> asgi.Client:
    """A client of ``handler`` built with ``middleware``."""
    settings.MIDDLEWARE = middleware
    return asgi.Client(handler())


def main(argv: list[str] | None = None) -> int:
    """Print the table; ``--rounds`` and ``--requests`` per round."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--rounds', type=int, default=15)
    parser.add_argument('--requests', type=int, default=300)
    parser.add_argument('--variant', default='dmr-msgspec-async')
    options = parser.parse_args(argv)
    [variant] = [found for found in manifest.discover() if found.name == options.variant]
    installed = variant.settings.get('INSTALLED_APPS', [])
    worker.configure(variant, INSTALLED_APPS=[*CONTRIB_APPS, *installed])
    from dmr.asgi import ASGIHandler  # noqa: PLC0415  # needs the settings configured above

    clients: dict[str, Callable[[], asgi.Client]] = {
        'Django ASGIHandler, no middleware': lambda: build(DjangoASGIHandler, []),
        'dmr.asgi, no middleware': lambda: build(ASGIHandler, []),
        "Django ASGIHandler, startproject's middleware": lambda: build(
            DjangoASGIHandler,
            STARTPROJECT_MIDDLEWARE,
        ),
        "dmr.asgi, startproject's middleware": lambda: build(ASGIHandler, STARTPROJECT_MIDDLEWARE),
    }
    built = {name: make() for name, make in clients.items()}
    counted: dict[str, dict[str, int]] = {}
    for name, client in built.items():
        client.loop(100)
        with counting() as counts:
            timing = client.loop(100)
        assert timing.failures == 0, name  # noqa: S101  # a developer's tool: stop loudly
        counted[name] = counts
    cpu: dict[str, list[float]] = {name: [] for name in built}
    for _ in range(options.rounds):
        for name, client in built.items():
            timing = client.loop(options.requests)
            cpu[name].append(timing.cpu / timing.requests * 1e6)
    print('| handler | hand-offs/request | threads/request | CPU µs/request |')
    print('|---|---:|---:|---:|')
    for name in built:
        print(
            f'| {name} | {counted[name]["handoffs"] / 100:.1f} '
            f'| {counted[name]["threads"] / 100:.1f} | {statistics.median(cpu[name]):.1f} |',
        )
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
