"""The WSGI bridge of an async stream: ``python -m benchmarks.stream_bridge [ROWS]``.

The time per chunk of iterating a :class:`dmr.streaming._response.StreamResponse`
the way a WSGI server does (``iter(response)``), for a sync source (no bridge)
and an async one (bridged to the WSGI thread), with no backend, encoding or
Django request around it: the difference is what the bridge costs per chunk.
"""

import sys
import time
from collections.abc import AsyncIterator, Iterator


def _setup() -> None:
    import django  # noqa: PLC0415 - configured here, not at import
    from django.conf import settings  # noqa: PLC0415

    settings.configure(INSTALLED_APPS=[], DATABASES={})
    django.setup()


def _sync(rows: int) -> Iterator[bytes]:
    for _ in range(rows):
        yield b'{"id":1}\n'


async def _async(rows: int) -> AsyncIterator[bytes]:
    for _ in range(rows):
        yield b'{"id":1}\n'


def _seconds(rows: int, *, is_async: bool) -> float:
    from dmr.streaming._response import StreamResponse  # noqa: PLC0415 - after setup

    response = StreamResponse(_async(rows) if is_async else _sync(rows))
    started = time.perf_counter()
    count = sum(1 for _ in response)
    seconds = time.perf_counter() - started
    response.close()
    if count != rows:
        raise SystemExit(f'{count} chunks of {rows}')
    return seconds


def main() -> None:
    """Print the microseconds per chunk of each source, best of five runs."""
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    _setup()
    for name, is_async in (('sync', False), ('async', True)):
        best = min(_seconds(rows, is_async=is_async) for _ in range(5))
        print(f'{name}: {best / rows * 1e6:.2f} µs per chunk ({rows:,} chunks)')


if __name__ == '__main__':
    main()
