"""The chart of the docs' performance page: ``./scripts/hatch run docs:chart``.

Reads the raw rounds that ``./scripts/hatch run bench:run --json
benchmarks/results.json`` wrote, takes the sync (WSGI) variants, and draws
each one's CPU ratio to the plain Django view (the median over rounds of the
per-round ratio, as in the results table) into ``docs/_static/benchmark.png``.
"""

import argparse
import json
import sys
from pathlib import Path

import matplotlib as mpl

mpl.use('Agg')  # no display: draw straight to a file

import matplotlib.pyplot as plt

from benchmarks import manifest, report
from benchmarks.run import BASELINES

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / 'benchmarks' / 'results.json'
OUTPUT = ROOT / 'docs' / '_static' / 'benchmark.png'
OURS = '#2a7ab0'
THEIRS = '#9aa5b1'
FLOOR = '#3b4a5a'


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog='benchmarks/chart.py', description=__doc__.split('\n')[0]
    )
    parser.add_argument('--results', type=Path, default=RESULTS, help='raw results (JSON)')
    parser.add_argument('--output', type=Path, default=OUTPUT, help='PNG to write')
    return parser.parse_args(argv)


def sync_rows(results: dict[str, dict[str, object]]) -> list[report.Row]:
    """The WSGI variants of a run, with their ratios to the plain Django view."""
    interfaces = {variant.name: variant.interface for variant in manifest.discover()}
    rounds = {
        name: timings
        for name, timings in results['rounds'].items()
        if interfaces.get(name, 'wsgi') == 'wsgi'
    }
    baseline = BASELINES['wsgi']
    if baseline not in rounds:
        raise SystemExit(f'the results hold no {baseline} rounds to take ratios against')
    return report.rows(rounds, results['ready'], baseline)  # type: ignore[arg-type]


def draw(rows: list[report.Row], output: Path) -> None:
    """A horizontal bar per variant, fastest on top, dmr's bars and the plain views highlighted."""
    rows = sorted(rows, key=lambda row: row.cpu_ratio or 0.0)
    names = [row.name for row in rows]
    ratios = [row.cpu_ratio or 0.0 for row in rows]
    # dmr's bars, the plain Django views (the floors), everything else.
    colours = [
        OURS if name.startswith('dmr-') else FLOOR if name.startswith('django+') else THEIRS
        for name in names
    ]
    figure, axes = plt.subplots(figsize=(8, 0.42 * len(rows) + 1.3), dpi=100)
    bars = axes.barh(names, ratios, color=colours, height=0.62)
    axes.bar_label(bars, labels=[f'{ratio:.2f}x' for ratio in ratios], padding=4, fontsize=9)
    axes.axvline(1.0, color=FLOOR, linewidth=0.8, linestyle='--')
    axes.set_xlim(0, max(ratios) * 1.15)
    axes.set_xlabel(f'requests per CPU-second, relative to {BASELINES["wsgi"]} (higher is faster)')
    axes.set_title("Sync, in-process through Django's WSGI handler", fontsize=11, loc='left')
    axes.spines[['top', 'right']].set_visible(False)
    axes.tick_params(axis='y', length=0)
    figure.tight_layout()
    output.parent.mkdir(parents=True, exist_ok=True)
    # No software or date in the metadata: the same results give the same bytes.
    figure.savefig(output, format='png', metadata={'Software': None})
    plt.close(figure)


def main(argv: list[str]) -> int:
    """Draw the chart; print where it went and how large it is."""
    arguments = _arguments(argv)
    if not arguments.results.exists():
        print(
            f'{arguments.results} does not exist; run '
            '`./scripts/hatch run bench:run --json benchmarks/results.json` first',
            file=sys.stderr,
        )
        return 1
    results = json.loads(arguments.results.read_text())
    draw(sync_rows(results), arguments.output)
    size = arguments.output.stat().st_size
    print(f'wrote {arguments.output} ({size / 1024:.0f} KiB)')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
