"""Turning interleaved rounds into medians, ratios and a Markdown table."""

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Row:
    """One variant's figures over all rounds."""

    name: str
    cpu_us: float
    """Median CPU time per request, in microseconds."""
    cpu_spread: float
    """Interquartile range of the CPU time per request, relative to its median."""
    cpu_ratio: float | None
    """Median over rounds of the baseline's CPU time per request divided by this one's."""
    rps: float
    """Median wall-clock requests per second."""
    rps_ratio: float | None
    """Median over rounds of this variant's requests per second over the baseline's."""
    startup_ms: float
    rss_mib: float


def _spread(values: Sequence[float]) -> float:
    if len(values) < 2:
        return 0.0
    low, _, high = statistics.quantiles(values, n=4)
    return (high - low) / statistics.median(values)


def _paired(mine: Sequence[float], theirs: Sequence[float]) -> float:
    return statistics.median(a / b for a, b in zip(mine, theirs, strict=True))


def rows(
    rounds: Mapping[str, Sequence[Mapping[str, Any]]],
    ready: Mapping[str, Mapping[str, Any]],
    baseline: str | None,
) -> list[Row]:
    """Summarise each variant's rounds, cheapest first.

    Round ``i`` of every variant ran back to back, so ratios to the baseline
    are taken per round and their median reported. CPU time is the steadier
    figure on a shared machine: a process that waits for a core loses
    requests per second but not CPU time.
    """
    cpu = {
        name: [timing['cpu'] / timing['requests'] * 1e6 for timing in timings]
        for name, timings in rounds.items()
    }
    rps = {
        name: [timing['requests'] / timing['wall'] for timing in timings]
        for name, timings in rounds.items()
    }
    summary = [
        Row(
            name=name,
            cpu_us=statistics.median(cpu[name]),
            cpu_spread=_spread(cpu[name]),
            cpu_ratio=None if baseline not in cpu else _paired(cpu[baseline], cpu[name]),
            rps=statistics.median(rps[name]),
            rps_ratio=None if baseline not in rps else _paired(rps[name], rps[baseline]),
            startup_ms=ready[name]['startup'] * 1000,
            rss_mib=ready[name]['rss_kib'] / 1024,
        )
        for name in rounds
    ]
    return sorted(summary, key=lambda row: row.cpu_us)


def _ratio(value: float | None) -> str:
    return '' if value is None else f'{value:.2f}x'


def table(summary: Sequence[Row], baseline: str | None) -> str:
    """The results as a Markdown table."""
    versus = 'ratio' if baseline is None else f'ratio to {baseline}'
    lines = [
        '| framework | CPU µs/request | IQR | requests/CPU-s '
        f'| {versus} (CPU) | wall requests/s | ratio (wall) '
        '| startup ms | RSS MiB |',
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ]
    lines.extend(
        f'| {row.name} | {row.cpu_us:.1f} | {row.cpu_spread:.1%} | {1e6 / row.cpu_us:,.0f} '
        f'| {_ratio(row.cpu_ratio)} | {row.rps:,.0f} | {_ratio(row.rps_ratio)} '
        f'| {row.startup_ms:.0f} | {row.rss_mib:.1f} |'
        for row in summary
    )
    return '\n'.join(lines)


def versions(ready: Mapping[str, Mapping[str, Any]]) -> str:
    """Every distribution version the workers reported, one line."""
    merged: dict[str, set[str]] = {}
    for message in ready.values():
        for name, version in message.get('versions', {}).items():
            merged.setdefault(name, set()).add(version)
    return ', '.join(f'{name} {"/".join(sorted(found))}' for name, found in sorted(merged.items()))
