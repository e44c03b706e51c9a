"""Streaming: ``./scripts/hatch run bench-dmr:streaming [OPTIONS]``.

The peak memory of a process that serves a JSON Lines export of N rows,
against N. Each measure runs in a fresh process: Django set up with the
msgspec backend, one endpoint, one request through Django's test client
(its WSGI path), the body read chunk by chunk and dropped as a server would
send it. The process's peak RSS after the request, less its RSS before it,
is what serving the rows cost in memory.

- ``jsonl-sync``: ``-> JsonLines[Row]``, a sync generator of rows;
- ``jsonl-async``: the same with an async generator, bridged to WSGI per
  chunk on the response's own event loop;
- ``list``: the control, ``-> list[Row]``, the whole body rendered at once.

A stream's cost must not grow with N; the control's grows with the body.
``--smoke`` runs 1,000 rows of each: correctness only.
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

MODES = ('jsonl-sync', 'jsonl-async', 'list')
DEFAULT_ROWS = (10_000, 100_000)


def _rss_kib() -> int:
    with open('/proc/self/status') as status:
        for line in status:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    raise RuntimeError('no VmRSS in /proc/self/status')


def child(mode: str, rows: int) -> dict[str, Any]:
    """Serve ``rows`` rows in ``mode`` in this process; what it cost."""
    import django  # noqa: PLC0415 - the child configures Django, the parent does not
    from django.conf import settings  # noqa: PLC0415

    settings.configure(
        DEBUG=False,
        SECRET_KEY='bench',  # noqa: S106 - a throwaway process
        ALLOWED_HOSTS=['*'],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=['dmr'],
        DMR_SETTINGS={'serializer': 'msgspec', 'validate_responses': False},
    )
    django.setup()
    import msgspec  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415

    from dmr import Controller  # noqa: PLC0415
    from dmr.routing import path  # noqa: PLC0415
    from dmr.streaming import JsonLines  # noqa: PLC0415

    class Row(msgspec.Struct):
        id: int
        email: str
        name: str
        score: float
        active: bool

    def row(n: int) -> Row:
        email = f'user{n}@example.com'
        return Row(id=n, email=email, name=f'User {n}', score=n / 7, active=n % 2 == 0)

    class SyncExport(Controller):
        def get(self) -> JsonLines[Row]:
            return (row(n) for n in range(rows))

    async def rows_async() -> AsyncIterator[Row]:
        for n in range(rows):
            yield row(n)

    class AsyncExport(Controller):
        async def get(self) -> JsonLines[Row]:
            return rows_async()

    class Listing(Controller):
        def get(self) -> list[Row]:
            return [row(n) for n in range(rows)]

    class Warm(Controller):
        def get(self) -> list[Row]:
            return [row(0)]

    global urlpatterns  # noqa: PLW0603 - the URLconf of this process, built once
    urlpatterns = [
        path('jsonl-sync/', SyncExport.as_view()),
        path('jsonl-async/', AsyncExport.as_view()),
        path('list/', Listing.as_view()),
        path('warm/', Warm.as_view()),
    ]
    client = Client()
    client.get('/warm/')  # warm up: the first request's imports are not the rows' cost
    before = _rss_kib()
    started = time.perf_counter()
    response = client.get(f'/{mode}/')
    lines = 0
    size = 0
    chunks: Iterator[bytes] = iter(response) if response.streaming else iter([response.content])
    for chunk in chunks:
        lines += chunk.count(b'\n')
        size += len(chunk)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if mode == 'list':
        lines = len(json.loads(response.content))
    return {
        'mode': mode,
        'rows': rows,
        'lines': lines,
        'bytes': size,
        'seconds': seconds,
        'rss_before_kib': before,
        'peak_kib': peak,
    }


urlpatterns: list[Any] = []


def measure(mode: str, rows: int) -> dict[str, Any]:
    """Run one measure in a fresh process."""
    done = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, '-m', 'benchmarks.streaming', '--child', mode, str(rows)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    if result['lines'] != rows:
        raise SystemExit(f'{mode} sent {result["lines"]} rows of {rows}')
    return result


def main(argv: list[str] | None = None) -> None:
    """Print the table of peak memory by mode and row count."""
    parser = argparse.ArgumentParser(description=__doc__.partition('\n')[0])
    parser.add_argument('--rows', type=int, nargs='+', default=list(DEFAULT_ROWS))
    parser.add_argument('--modes', nargs='+', choices=MODES, default=list(MODES))
    parser.add_argument('--smoke', action='store_true')
    parser.add_argument('--child', nargs=2, metavar=('MODE', 'ROWS'), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]))))
        return
    counts = [1_000] if args.smoke else args.rows
    print(
        '| mode | rows | body MB | seconds | RSS before MiB | peak RSS MiB | peak - before MiB |'
    )
    print('|---|---:|---:|---:|---:|---:|---:|')
    for mode in args.modes:
        for rows in counts:
            found = measure(mode, rows)
            before = found['rss_before_kib'] / 1024
            peak = found['peak_kib'] / 1024
            print(
                f'| {mode} | {rows:,} | {found["bytes"] / 1e6:.1f} | {found["seconds"]:.2f} '
                f'| {before:.1f} | {peak:.1f} | {peak - before:.1f} |',
                flush=True,
            )


if __name__ == '__main__':
    main()
