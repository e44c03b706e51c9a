"""Pagination's cost: ``./scripts/hatch run bench:pagination [OPTIONS]``.

Page 3 of 50 users out of 500, from the example project's ``users`` table on
in-memory SQLite: a plain Django view (``Paginator`` and ``JsonResponse``),
dmr's ``PageNumberPaginator`` and ``CursorPaginator`` (msgspec, responses not
validated: production mode) in the ``bench-dmr`` environment, and
django-ninja's ``PageNumberPagination`` in ``bench-peers``. Each listing is
called through its Django view with a fresh request, in rounds; the figure
is the median CPU time per request. ``--smoke`` checks that each answers.
"""

import argparse
import json
import statistics
import subprocess
import sys
from typing import Any

from benchmarks.pool import ROOT, WorkerError, _clean_environ, environment_python

WORKERS = {'django': 'bench-dmr', 'dmr': 'bench-dmr', 'ninja': 'bench-peers'}


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog='benchmarks/pagination.py', description=__doc__)
    parser.add_argument('--smoke', action='store_true', help='few requests, correctness only')
    parser.add_argument('--rounds', type=int, default=7, help='rounds (7)')
    parser.add_argument('--requests', type=int, default=300, help='requests per round (300)')
    parser.add_argument('--worker', choices=sorted(WORKERS), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    """Run one worker per framework, print the table."""
    arguments = _arguments(argv)
    if arguments.worker:
        from benchmarks.pagination_worker import measure  # noqa: PLC0415 - Django only here

        print(json.dumps(measure(arguments)))
        return 0
    if arguments.smoke:
        arguments.rounds, arguments.requests = 1, 5
    figures: dict[str, list[float]] = {}
    for worker, environment in WORKERS.items():
        figures.update(_run_worker(environment_python(environment), worker, arguments))
    kind = 'SMOKE RUN: correctness only, the figures mean nothing' if arguments.smoke else 'run'
    print(f'A page of 50 users ({kind}): {arguments.rounds} rounds x {arguments.requests}')
    base = statistics.median(figures['django'])
    print(f'{"listing":<14} {"CPU µs":>8} {"x Django":>9}')
    for name, rounds in figures.items():
        median = statistics.median(rounds)
        print(f'{name:<14} {median:>8.1f} {median / base:>9.2f}')
    return 0


def _run_worker(python: str, worker: str, arguments: argparse.Namespace) -> Any:
    command = [
        python, '-m', 'benchmarks.pagination', '--worker', worker,
        '--rounds', str(arguments.rounds), '--requests', str(arguments.requests),
    ]  # fmt: skip
    result = subprocess.run(  # noqa: S603 - fixed arguments
        command, cwd=ROOT, env=_clean_environ(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise WorkerError(f'the {worker} worker failed:\n{result.stderr}')
    return json.loads(result.stdout.strip().splitlines()[-1])


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
