"""Throttling's cost: ``./scripts/hatch run bench:throttling [OPTIONS]``.

What one throttle adds to a request, with each store, in-process: the same
``GET`` endpoint with no throttle and with throttles that never refuse
(a limit of a billion a second), called through its Django view with a
prepared request, in interleaved rounds inside one worker per store (the
``bench-dmr`` environment). Redis runs on a throwaway ``redis-server`` on
loopback (Debian's package; ``scripts/test`` installs it), so the Redis
figures include a real round trip over TCP.

Each store's figure is the median over rounds of (throttled - plain) CPU
time per request, with the wall time beside it: a round trip to Redis is
mostly waiting, which CPU time does not see. ``--smoke`` serves a few
requests per store and checks the headers: correctness only.
"""

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

from benchmarks.pool import ROOT, WorkerError, _clean_environ, environment_python

STORES = {
    'cache:locmem': 'Django LocMemCache, fixed window (one process only)',
    'cache:redis': "Django's RedisCache, fixed window (add + incr)",
    'redis': 'Redis store, GCRA, one throttle (one Lua script)',
    'redis x2': 'Redis store, GCRA, two throttles (still one script)',
}


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog='benchmarks/throttling.py', description=__doc__)
    parser.add_argument('--smoke', action='store_true', help='few requests, correctness only')
    parser.add_argument('--rounds', type=int, default=15, help='interleaved rounds (15)')
    parser.add_argument('--requests', type=int, default=2000, help='requests per round (2000)')
    parser.add_argument('--worker', choices=sorted(STORES), help=argparse.SUPPRESS)
    parser.add_argument('--redis', help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    """Start Redis, run one worker per store, print the table."""
    arguments = _arguments(argv)
    if arguments.worker:
        from benchmarks.throttling_worker import measure  # noqa: PLC0415 - Django only here

        print(json.dumps(measure(arguments)))
        return 0
    if arguments.smoke:
        arguments.rounds, arguments.requests = 1, 20
    python = environment_python('bench-dmr')
    with _redis_server() as url:
        rows = [(store, _run_worker(python, store, url, arguments)) for store in STORES]
    _report(rows, arguments)
    return 0


def _run_worker(python: str, store: str, url: str, arguments: argparse.Namespace) -> Any:
    command = [
        python, '-m', 'benchmarks.throttling', '--worker', store, '--redis', url,
        '--rounds', str(arguments.rounds), '--requests', str(arguments.requests),
    ]  # fmt: skip
    result = subprocess.run(  # noqa: S603 - fixed arguments
        command, cwd=ROOT, env=_clean_environ(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise WorkerError(f'the {store} worker failed:\n{result.stderr}')
    return json.loads(result.stdout.strip().splitlines()[-1])


class _redis_server:  # noqa: N801 - used as a context manager, like a function
    def __enter__(self) -> str:
        binary = shutil.which('redis-server')
        if binary is None:
            raise WorkerError('redis-server is not installed: apt-get install redis-server')
        with socket.socket() as probe:
            probe.bind(('127.0.0.1', 0))
            port = probe.getsockname()[1]
        self.workdir = tempfile.TemporaryDirectory()
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [binary, '--port', str(port), '--bind', '127.0.0.1', '--save', '',
             '--appendonly', 'no', '--dir', self.workdir.name],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(('127.0.0.1', port), timeout=0.2).close()
            except OSError:
                time.sleep(0.05)
            else:
                return f'redis://127.0.0.1:{port}/0'
        raise WorkerError('redis-server did not start')

    def __exit__(self, *_exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.workdir.cleanup()


def _report(rows: list[tuple[str, Any]], arguments: argparse.Namespace) -> None:
    kind = 'SMOKE RUN: correctness only, the figures mean nothing' if arguments.smoke else 'run'
    print(f'Throttling cost ({kind}): {arguments.rounds} rounds x {arguments.requests} requests')
    print(f'{"store":<14} {"plain µs":>9} {"throttled µs":>13} {"added CPU µs":>13} '
          f'{"added wall µs":>14}  what')  # fmt: skip
    for store, figures in rows:
        plain = statistics.median(figures['plain_cpu'])
        throttled = statistics.median(figures['throttled_cpu'])
        added = statistics.median(
            t - p for t, p in zip(figures['throttled_cpu'], figures['plain_cpu'], strict=True)
        )
        wall = statistics.median(
            t - p for t, p in zip(figures['throttled_wall'], figures['plain_wall'], strict=True)
        )
        print(f'{store:<14} {plain:>9.1f} {throttled:>13.1f} {added:>13.1f} {wall:>14.1f}  '
              f'{STORES[store]}')  # fmt: skip


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
