"""The benchmark driver: ``./scripts/hatch run bench:run [OPTIONS]``.

Starts one worker process per framework variant, each in its own hatch
environment, then interleaves them round by round (A B C ... A B C ...) so
that drift of the machine hits all of them alike, and prints a Markdown
table of medians with the ratio to the plain Django view.

``--smoke`` serves a few hundred requests per variant and asserts only
correctness: every worker checks its answers before it is timed, and every
timed request must answer 201. Nothing about speed is asserted, ever.
"""

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import manifest, report
from benchmarks.pool import Worker, WorkerError, environment_python

BASELINES = {'wsgi': 'django+msgspec', 'asgi': 'django+msgspec-async'}
"""The plain Django view each interface's ratios are taken against."""
_TITLES = {'wsgi': 'Sync: Django WSGI handler', 'asgi': 'Async: ASGI application'}


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog='benchmarks/run.py', description=__doc__.split('\n')[0])
    parser.add_argument('--smoke', action='store_true', help='few requests, correctness only')
    parser.add_argument('--rounds', type=int, default=30, help='interleaved rounds (30)')
    parser.add_argument('--requests', type=int, default=500, help='requests per round (500)')
    parser.add_argument('--warmup', type=int, default=500, help='requests before timing (500)')
    parser.add_argument('--only', nargs='+', metavar='VARIANT', help='run these variants only')
    parser.add_argument('--json', type=Path, metavar='PATH', help='write raw results here')
    arguments = parser.parse_args(argv)
    if arguments.smoke:
        arguments.rounds, arguments.requests, arguments.warmup = 2, 100, 50
    return arguments


def _selected(only: list[str] | None) -> list[manifest.Variant]:
    variants = manifest.discover()
    if only is None:
        return [variant for variant in variants if not variant.opt_in]
    known = {variant.name for variant in variants}
    unknown = sorted(set(only) - known)
    if unknown:
        raise SystemExit(f'unknown variants: {", ".join(unknown)}; known: {", ".join(known)}')
    return [variant for variant in variants if variant.name in only]


def _start(variants: list[manifest.Variant], warmup: int) -> list[Worker]:
    """Start workers one at a time, so that startup times are not contended."""
    pythons = {
        environment: environment_python(environment)
        for environment in dict.fromkeys(variant.environment for variant in variants)
    }
    workers: list[Worker] = []
    try:
        for variant in variants:
            print(f'starting {variant.name} ({variant.environment})', file=sys.stderr)
            workers.append(Worker(variant, pythons[variant.environment], warmup))
    except BaseException:
        for worker in workers:
            worker.close()
        raise
    return workers


def measure(workers: list[Worker], rounds: int, requests: int) -> dict[str, list[dict[str, Any]]]:
    """Run the interleaved rounds; fail if any timed request did not answer 201."""
    results: dict[str, list[dict[str, Any]]] = {worker.variant.name: [] for worker in workers}
    for number in range(1, rounds + 1):
        for worker in workers:
            timing = worker.run(requests)
            if timing['failures']:
                raise WorkerError(
                    f'{worker.variant.name}: {timing["failures"]} of {requests} '
                    f'requests did not answer 201 in round {number}',
                )
            results[worker.variant.name].append(timing)
        print(f'round {number}/{rounds} done', file=sys.stderr)
    return results


def _machine() -> str:
    model = 'unknown CPU'
    cpuinfo = Path('/proc/cpuinfo')
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith('model name'):
                model = line.split(':', 1)[1].strip()
                break
    return f'{os.cpu_count()} CPUs, {model}, {platform.system()} {platform.release()}'


def main(argv: list[str]) -> int:
    """Run the suite and print the table; 1 if any worker failed."""
    arguments = _arguments(argv)
    variants = _selected(arguments.only)
    started = time.perf_counter()
    try:
        workers = _start(variants, arguments.warmup)
        try:
            results = measure(workers, arguments.rounds, arguments.requests)
        finally:
            for worker in workers:
                worker.close()
    except WorkerError as error:
        print(f'benchmark failed: {error}', file=sys.stderr)
        return 1
    ready = {worker.variant.name: worker.ready for worker in workers}
    kind = 'SMOKE RUN: correctness only, the figures mean nothing' if arguments.smoke else 'run'
    print(f'\n{kind}: {time.strftime("%Y-%m-%d %H:%M %Z")}, {_machine()}')
    print(
        f'{arguments.rounds} interleaved rounds x {arguments.requests} requests '
        f'after {arguments.warmup} warm-up requests; {time.perf_counter() - started:.0f} s',
    )
    print(f'versions: {report.versions(ready)}')
    for interface, baseline in BASELINES.items():
        names = [v.name for v in variants if v.interface == interface]
        if not names:
            continue
        section = {name: results[name] for name in names}
        base = baseline if baseline in section else None
        print(f'\n{_TITLES[interface]}\n')
        print(report.table(report.rows(section, ready, base), base))
    if arguments.json is not None:
        arguments.json.write_text(json.dumps({'ready': ready, 'rounds': results}, indent=1))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
