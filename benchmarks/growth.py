"""Growth: ``./scripts/hatch run bench:growth [OPTIONS]``.

How the CPU time of one request grows with the body, in-process (Django's
WSGI handler, as ``run.py``), for a few variants side by side:

- ``friends``: a user with more and more friends, each a complete user with
  every field type, so the body grows from under 1 KB to 1 MB with the same
  mix of work per byte;
- ``skills``: the benchmark's user with a ``skills`` list of 10 to 10,000
  small objects.

Every variant serves every size in interleaved rounds (round ``i`` of every
variant and size back to back), and each size is checked (201, the same user
back) before it is timed. The report gives the median CPU time per request
at each size, the ratio to the plain Django view at that size (the median of
per-round ratios), and whether the cost grows linearly: a line fitted to the
medians (fixed cost + cost per KB or per element, least relative squares),
its largest deviation, and the marginal cost between consecutive sizes, which
stays flat when growth is linear.

``--smoke`` serves two requests per variant and size: correctness only.
"""

import argparse
import itertools
import json
import statistics
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from benchmarks import payload
from benchmarks.pool import Worker, WorkerError
from benchmarks.run import BASELINES, _machine, _selected, _start

BASELINE = BASELINES['wsgi']
DEFAULT_VARIANTS = ('django+msgspec', 'dmr-msgspec', 'dmr-pydantic', 'dmr-attrs')
SERIES: dict[str, tuple[int, ...]] = {
    # friends: about 1, 4, 16, 64, 256 and 1,024 KB
    'friends': (1, 8, 35, 140, 560, 2240),
    'skills': (10, 100, 1000, 10000),
}
_UNITS = {'friends': ('KB', 'µs/KB'), 'skills': ('skills', 'µs/skill')}

Shape = tuple[str, int]


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog='benchmarks/growth.py', description=__doc__.split('\n')[0]
    )
    parser.add_argument('--smoke', action='store_true', help='few requests, correctness only')
    parser.add_argument('--rounds', type=int, default=7, help='interleaved rounds (7)')
    parser.add_argument(
        '--budget',
        type=float,
        default=0.25,
        help='CPU seconds per variant, size and round, which sets the request count (0.25)',
    )
    parser.add_argument(
        '--series', nargs='+', choices=sorted(SERIES), default=list(SERIES), help='what grows'
    )
    parser.add_argument(
        '--only',
        nargs='+',
        metavar='VARIANT',
        default=list(DEFAULT_VARIANTS),
        help=f'sync variants to run ({", ".join(DEFAULT_VARIANTS)})',
    )
    parser.add_argument('--json', type=Path, metavar='PATH', help='write raw results here')
    return parser.parse_args(argv)


def _x(shape: Shape) -> float:
    """The size on a series' axis: KB of body for ``friends``, elements otherwise."""
    name, size = shape
    if name == 'friends':
        return len(payload.encode(payload.grown_user(name, size))) / 1024
    return float(size)


def _counts(workers: Sequence[Worker], shapes: Sequence[Shape], budget: float) -> dict[Any, int]:
    """Requests per round for each worker and shape, from a short probe.

    The probe also checks the shape and warms the worker up at that size.
    """
    counts: dict[Any, int] = {}
    for shape in shapes:
        for worker in workers:
            worker.run(2, shape)  # the worker checks the shape here
            probe = worker.run(3, shape)
            per_request = max(probe['cpu'], probe['wall']) / probe['requests']
            counts[worker.variant.name, shape] = max(3, min(20_000, round(budget / per_request)))
        print(f'probed {shape[0]}={shape[1]}', file=sys.stderr)
    return counts


def measure(
    workers: Sequence[Worker], shapes: Sequence[Shape], counts: Mapping[Any, int], rounds: int
) -> dict[str, dict[Shape, list[dict[str, Any]]]]:
    """Interleaved rounds over every shape and worker; fail on any answer but 201."""
    results: dict[str, dict[Shape, list[dict[str, Any]]]] = {
        worker.variant.name: {shape: [] for shape in shapes} for worker in workers
    }
    for number in range(1, rounds + 1):
        for shape in shapes:
            for worker in workers:
                requests = counts[worker.variant.name, shape]
                timing = worker.run(requests, shape)
                if timing['failures']:
                    raise WorkerError(
                        f'{worker.variant.name}: {timing["failures"]} of {requests} requests '
                        f'with {shape[0]}={shape[1]} did not answer 201 in round {number}',
                    )
                results[worker.variant.name][shape].append(timing)
        print(f'round {number}/{rounds} done', file=sys.stderr)
    return results


def _cpu_us(timings: Sequence[Mapping[str, Any]]) -> list[float]:
    return [timing['cpu'] / timing['requests'] * 1e6 for timing in timings]


def fit(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float, float]:
    """``y = fixed + slope * x`` by least relative squares; and the largest relative deviation.

    Relative (weights ``1 / y**2``) so that the small sizes count as much as
    the large ones, on axes that span three decades.
    """
    weights = [1 / y**2 for y in ys]
    sw = sum(weights)
    sx = sum(w * x for w, x in zip(weights, xs, strict=True))
    sy = sum(w * y for w, y in zip(weights, ys, strict=True))
    sxx = sum(w * x * x for w, x in zip(weights, xs, strict=True))
    sxy = sum(w * x * y for w, x, y in zip(weights, xs, ys, strict=True))
    slope = (sw * sxy - sx * sy) / (sw * sxx - sx * sx)
    fixed = (sy - slope * sx) / sw
    deviation = max(abs(fixed + slope * x - y) / y for x, y in zip(xs, ys, strict=True))
    return fixed, slope, deviation


def _size_label(series: str, x: float) -> str:
    return f'{x:,.1f}' if series == 'friends' else f'{x:,.0f}'


def tables(
    results: Mapping[str, Mapping[Shape, Sequence[Mapping[str, Any]]]],
    series: str,
    sizes: Sequence[int],
) -> str:
    """One series as two Markdown tables: the cost at each size, and its growth."""
    names = list(results)
    shapes = [(series, size) for size in sizes]
    xs = [_x(shape) for shape in shapes]
    unit, per_unit = _UNITS[series]
    median = {
        (name, shape): statistics.median(_cpu_us(results[name][shape]))
        for name in names
        for shape in shapes
    }
    header = ['KB', 'friends'] if series == 'friends' else [unit]
    lines = [
        '| ' + ' | '.join([*header, *(f'{name} µs' for name in names)]) + ' |',
        '|' + '---:|' * (len(header) + len(names)),
    ]
    for shape, x in zip(shapes, xs, strict=True):
        cells = [_size_label(series, x)]
        if series == 'friends':
            cells.append(f'{shape[1]:,}')
        for name in names:
            cell = f'{median[name, shape]:,.1f}'
            if name != BASELINE and BASELINE in results:
                ratio = statistics.median(
                    base / mine
                    for base, mine in zip(
                        _cpu_us(results[BASELINE][shape]),
                        _cpu_us(results[name][shape]),
                        strict=True,
                    )
                )
                cell += f' ({ratio:.2f}x)'
            cells.append(cell)
        lines.append('| ' + ' | '.join(cells) + ' |')
    steps = ', '.join(
        f'{_size_label(series, a)}→{_size_label(series, b)}' for a, b in itertools.pairwise(xs)
    )
    lines += [
        '',
        f'| variant | fitted fixed µs | fitted {per_unit} | largest deviation '
        f'| marginal {per_unit} ({steps}) |',
        '|---|---:|---:|---:|---|',
    ]
    for name in names:
        ys = [median[name, shape] for shape in shapes]
        fixed, slope, deviation = fit(xs, ys)
        marginal = ' / '.join(
            f'{(y1 - y0) / (x1 - x0):.2f}'
            for (x0, y0), (x1, y1) in itertools.pairwise(zip(xs, ys, strict=True))
        )
        lines.append(
            f'| {name} | {fixed:,.1f} | {slope:.3f} | {deviation:.1%} | {marginal} |',
        )
    return '\n'.join(lines)


def main(argv: list[str]) -> int:
    """Run the growth measure and print its tables; 1 if a worker failed."""
    arguments = _arguments(argv)
    variants = sorted(_selected(arguments.only), key=lambda v: arguments.only.index(v.name))
    asynchronous = [variant.name for variant in variants if variant.interface != 'wsgi']
    if asynchronous:
        raise SystemExit(f'growth runs sync (WSGI) variants only, not {", ".join(asynchronous)}')
    if arguments.smoke:
        arguments.rounds, arguments.budget = 1, 0.0
    shapes = [(series, size) for series in arguments.series for size in SERIES[series]]
    started = time.perf_counter()
    try:
        workers = _start(variants, 200)
        try:
            counts = _counts(workers, shapes, arguments.budget)
            results = measure(workers, shapes, counts, arguments.rounds)
        finally:
            for worker in workers:
                worker.close()
    except WorkerError as error:
        print(f'growth failed: {error}', file=sys.stderr)
        return 1
    kind = 'SMOKE RUN: correctness only, the figures mean nothing' if arguments.smoke else 'run'
    print(f'\ngrowth {kind}: {time.strftime("%Y-%m-%d %H:%M %Z")}, {_machine()}')
    print(
        f'{arguments.rounds} interleaved rounds, about {arguments.budget} CPU-s per variant, '
        f'size and round; {time.perf_counter() - started:.0f} s',
    )
    print('CPU µs per request, median of the rounds (ratio to django+msgspec at that size)')
    for series in arguments.series:
        print(f'\n**{series}**\n')
        print(tables(results, series, SERIES[series]))
    if arguments.json is not None:
        raw = {
            name: {f'{shape[0]}={shape[1]}': timings for shape, timings in by_shape.items()}
            for name, by_shape in results.items()
        }
        arguments.json.write_text(json.dumps({'rounds': raw}, indent=1))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
