"""One framework variant in its own process, driven over a pipe.

``python -m benchmarks.worker VARIANT`` configures Django for the variant,
imports its app, checks it, warms it up, and then answers the driver's
commands, one JSON object per line:

- in: ``{"run": N}``; out: ``{"requests": N, "wall": s, "cpu": s, "failures": k}``
- in: ``{"run": N, "shape": [SHAPE, SIZE]}``: the same with the body of
  :func:`benchmarks.payload.grown_user` (the growth measure); the first
  request of a new shape is checked like the benchmark's own request
- in: end of input; the worker exits.

Its first line out is ``{"ready": true, "startup": s, "rss_kib": k, ...}``, or
``{"error": traceback}``. Anything the frameworks print goes to stderr, so
it cannot corrupt the protocol.
"""

import dataclasses
import importlib
import importlib.metadata
import json
import os
import sys
import time
import traceback
from types import ModuleType
from typing import IO, Any

import django
from django.conf import settings
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.wsgi import WSGIHandler
from django.urls import resolve

from benchmarks import asgi, check, manifest, payload, wsgi

BASE_SETTINGS: dict[str, Any] = {
    'DEBUG': False,
    'SECRET_KEY': 'benchmarks-only-not-secret',
    'ALLOWED_HOSTS': ['testserver'],
    'INSTALLED_APPS': [],
    'MIDDLEWARE': [],
    'DATABASES': {},
    'USE_TZ': True,
    'LOGGING': {
        'version': 1,
        'disable_existing_loggers': False,
        # Refused requests are part of the checks; errors still show.
        'loggers': {'django.request': {'level': 'ERROR'}},
    },
}
"""What every variant shares; a variant adds apps and its framework's settings."""


def configure(variant: manifest.Variant, **extra: Any) -> ModuleType:
    """Configure Django for ``variant``, then import its app (and framework).

    ``extra`` settings win over the variant's (a real server needs more
    ``ALLOWED_HOSTS``, say).
    """
    settings.configure(
        **{**BASE_SETTINGS, **variant.settings, 'ROOT_URLCONF': variant.module, **extra},
    )
    django.setup()
    return importlib.import_module(variant.module)


def setup(variant: manifest.Variant, **extra: Any) -> WSGIHandler:
    """Configure Django for a WSGI ``variant`` and return Django's handler."""
    configure(variant, **extra)
    resolve(payload.PATH)  # builds the URL resolver
    return WSGIHandler()


def application(variant: manifest.Variant, **extra: Any) -> Any:
    """The variant's WSGI or ASGI application, configured and ready to serve."""
    if variant.interface == 'wsgi':
        return setup(variant, **extra)
    module = configure(variant, **extra)
    app = getattr(module, 'application', None)
    if app is None:
        resolve(payload.PATH)
        app = ASGIHandler()
    return app


def client(variant: manifest.Variant) -> wsgi.Client | asgi.Client:
    """The variant's application, ready to serve, with its client."""
    app = application(variant)
    return wsgi.Client(app) if variant.interface == 'wsgi' else asgi.Client(app)


_DISTRIBUTIONS = (
    'django',
    'msgspec',
    'pydantic',
    'dmr-core',
    'dmr-msgspec',
    'dmr-pydantic',
    'dmr-attrs',
    'attrs',
    'cattrs',
    'django-modern-rest',
    'django-ninja',
    'djangorestframework',
    'fastapi',
    'gunicorn',
    'uvicorn',
    'uvloop',
    'httptools',
)


def versions() -> dict[str, str]:
    """Versions of the benchmarked distributions installed here."""
    found = {'python': sys.version.split()[0]}
    for name in _DISTRIBUTIONS:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return found


def process_age() -> float:
    """Seconds since this process started (Linux, 10 ms resolution).

    Taken once the app is set up, it is the worker's startup: the
    interpreter, Django, the framework and the app, imported and built.
    """
    with open('/proc/self/stat') as stat:
        # The command name, in parentheses, may contain spaces: split after it.
        fields = stat.read().rsplit(')', 1)[1].split()
    started = int(fields[19]) / os.sysconf('SC_CLK_TCK')  # field 22 of proc(5)
    return time.clock_gettime(time.CLOCK_BOOTTIME) - started


def rss_kib() -> int:
    """This process's resident memory, in KiB (Linux)."""
    with open('/proc/self/status') as status:
        for line in status:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    return 0


def _claim_stdout() -> IO[str]:
    """The protocol channel: the real stdout. ``print`` now goes to stderr."""
    channel = os.fdopen(os.dup(1), 'w', buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return channel


def serve(variant: manifest.Variant, warmup: int, channel: IO[str]) -> None:
    """Set up, check and warm up the variant, then serve the driver's commands."""
    served = client(variant)
    startup = process_age()
    check.check_app(served)
    warm = served.loop(warmup)
    if warm.failures:
        raise check.CheckError(f'{warm.failures} of {warmup} warm-up requests failed')
    ready = {'ready': True, 'startup': startup, 'rss_kib': rss_kib(), 'versions': versions()}
    channel.write(json.dumps(ready) + '\n')
    bodies: dict[tuple[str, int], bytes] = {}
    for line in sys.stdin:
        command = json.loads(line)
        body = payload.BODY
        if 'shape' in command:
            shape, size = command['shape']
            body = bodies.get((shape, size), b'')
            if not body:
                user = payload.grown_user(shape, size)
                body = bodies[shape, size] = payload.encode(user)
                check.check_created(served.request(body=body), user)
        timing = served.loop(int(command['run']), body)
        channel.write(json.dumps(dataclasses.asdict(timing)) + '\n')


def main(argv: list[str]) -> int:
    """Entry point: ``python -m benchmarks.worker VARIANT [WARMUP]``."""
    channel = _claim_stdout()
    try:
        variant = manifest.find(argv[0])
        serve(variant, int(argv[1]) if len(argv) > 1 else 200, channel)
    except Exception:
        channel.write(json.dumps({'error': traceback.format_exc()}) + '\n')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
