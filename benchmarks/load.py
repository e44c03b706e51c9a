"""The HTTP measure: ``./scripts/hatch run bench:http [OPTIONS]``.

Each variant is served by a real server on the loopback interface, one
worker each: sync (WSGI) variants by gunicorn's sync worker, async (ASGI)
ones by uvicorn (uvloop and httptools). The load tool is ``wrk`` from
Debian's packages, sending the benchmark's exact request (the POST body,
the query string and both headers, from a small generated Lua script) over
a fixed number of connections for a fixed time. Servers and wrk are pinned
to different cores when the machine has two (``taskset``).

Every server first passes the checks of ``check.py`` over HTTP
(``httpcheck.py``); every answer under load must be a 201 too, or the run
fails. Then the variants are interleaved round by round (A B C ... A B C
...), as in the in-process driver, and the report gives the median requests
per second with the ratio to the plain Django view of the same interface
(the median of per-round ratios), plus the server process's CPU time per
request, latency percentiles and resident memory after warm-up.

Only 127.0.0.1 is ever loaded, and each load stops by itself after
``--duration`` seconds. This takes minutes and is not part of CI.
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from benchmarks import manifest, payload
from benchmarks.pool import ROOT, _clean_environ, environment_python
from benchmarks.run import BASELINES, _machine

DEFAULT_VARIANTS = (
    'django+msgspec',
    'dmr-msgspec',
    'upstream-msgspec',
    'django-ninja',
    'django+msgspec-async',
    'dmr-msgspec-async',
    'dmr-msgspec-async+lane',
    'upstream-msgspec-async',
    'django-ninja-async',
    'fastapi',
)
HOST = '127.0.0.1'
_TITLES = {
    'wsgi': 'Sync: gunicorn, 1 sync worker',
    'asgi': 'Async: uvicorn, 1 worker (uvloop, httptools)',
}
_SERVER_CORE, _LOAD_CORE = '0', '1'
_FAILURES = ('wrong_status', 'connect', 'read', 'write', 'timeout')

_SCRIPT = """-- Written by benchmarks/load.py: the benchmark's request, and a count of
-- answers other than 201 that the driver turns into a failure.
local file = assert(io.open({body_path}, "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
{headers}
local threads = {{}}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  wrong = 0
end

function response(status, headers, body)
  if status ~= 201 then
    wrong = wrong + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("wrong")
  end
  local errors = summary.errors
  io.write(string.format(
    'WRK_RESULT {{"requests": %d, "duration_us": %d, "wrong_status": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "timeout": %d, ' ..
    '"p50_us": %d, "p99_us": %d}}\\n',
    summary.requests, summary.duration, total,
    errors.connect, errors.read, errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


class LoadError(RuntimeError):
    """A server failed to start, failed its checks, or answered wrongly under load."""


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog='benchmarks/load.py', description=__doc__.split('\n')[0])
    parser.add_argument('--smoke', action='store_true', help='one short round, correctness only')
    parser.add_argument('--rounds', type=int, default=5, help='interleaved rounds (5)')
    parser.add_argument('--duration', type=int, default=5, help='seconds of load per round (5)')
    parser.add_argument('--warmup', type=int, default=2, help='seconds of load before timing (2)')
    parser.add_argument('--connections', type=int, default=8, help='open connections (8)')
    parser.add_argument(
        '--only',
        nargs='+',
        metavar='VARIANT',
        default=list(DEFAULT_VARIANTS),
        help='variants to serve (the default: dmr-msgspec, the plain views, upstream, '
        'django-ninja, FastAPI)',
    )
    parser.add_argument('--no-pin', action='store_true', help='do not pin server and wrk to cores')
    parser.add_argument('--json', type=Path, metavar='PATH', help='write raw results here')
    arguments = parser.parse_args(argv)
    if arguments.smoke:
        arguments.rounds, arguments.duration, arguments.warmup = 1, 1, 1
    return arguments


def ensure_wrk() -> str:
    """The path of ``wrk``; as root on Debian, ``apt-get install wrk`` when it is missing."""
    found = shutil.which('wrk')
    if found:
        return found
    if os.geteuid() != 0 or shutil.which('apt-get') is None:
        raise SystemExit('wrk is missing: install it (Debian: `apt-get install wrk`) and rerun')
    print('wrk is missing; installing it with apt-get', file=sys.stderr)
    environ = {**os.environ, 'DEBIAN_FRONTEND': 'noninteractive'}
    subprocess.run(['apt-get', 'update', '-qq'], check=True, env=environ)  # noqa: S607
    subprocess.run(['apt-get', 'install', '-y', '-qq', 'wrk'], check=True, env=environ)  # noqa: S607
    found = shutil.which('wrk')
    if not found:
        raise SystemExit('apt-get did not install wrk')
    return found


def _pinned(core: str, *, pin: bool) -> list[str]:
    return ['taskset', '-c', core] if pin else []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def server_command(interface: str, python: str, port: int) -> list[str]:
    """The server's command line: gunicorn for WSGI, uvicorn for ASGI; one worker."""
    app = 'benchmarks.served:application'
    if interface == 'wsgi':
        return [
            python, '-m', 'gunicorn', app,
            '--bind', f'{HOST}:{port}',
            '--workers', '1',
            '--worker-class', 'sync',
            '--log-level', 'warning',
        ]  # fmt: skip
    return [
        python, '-m', 'uvicorn', app,
        '--host', HOST,
        '--port', str(port),
        '--loop', 'uvloop',
        '--http', 'httptools',
        '--lifespan', 'off',
        '--no-access-log',
        '--log-level', 'warning',
    ]  # fmt: skip


def _ticks(pid: int) -> float:
    """User and system CPU seconds of process ``pid``, all its threads (Linux)."""
    with open(f'/proc/{pid}/stat') as stat:
        fields = stat.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')  # utime, stime


def _rss_kib(pid: int) -> int:
    with open(f'/proc/{pid}/status') as status:
        for line in status:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    return 0


class Server:
    """One variant served by gunicorn or uvicorn on a free loopback port."""

    def __init__(
        self, variant: manifest.Variant, python: str, workdir: Path, *, pin: bool
    ) -> None:
        self.variant = variant
        self.python = python
        self.port = _free_port()
        self.log_path = workdir / f'{variant.name}.log'
        pidfile = workdir / f'{variant.name}.pid'
        environ = {
            **_clean_environ(),
            'DMR_BENCH_VARIANT': variant.name,
            'DMR_BENCH_PIDFILE': str(pidfile),
        }
        command = [
            *_pinned(_SERVER_CORE, pin=pin),
            *server_command(variant.interface, python, self.port),
        ]
        self._log: IO[bytes] = self.log_path.open('wb')
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            command, cwd=ROOT, env=environ, stdout=self._log, stderr=subprocess.STDOUT
        )
        self.pid = self._wait(pidfile)
        self.versions = self._check()

    def _fail(self, message: str) -> LoadError:
        self.close()
        return LoadError(f'{self.variant.name}: {message}\n{self.log_path.read_text()[-3000:]}')

    def _wait(self, pidfile: Path, timeout: float = 120.0) -> int:
        """Wait for the app to be imported and the port to accept connections."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise self._fail(f'the server exited with {self.process.returncode}')
            if pidfile.exists() and pidfile.read_text():
                try:
                    socket.create_connection((HOST, self.port), timeout=1).close()
                except OSError:
                    pass
                else:
                    return int(pidfile.read_text())
            time.sleep(0.1)
        raise self._fail(f'not ready after {timeout:.0f} s')

    def _check(self) -> dict[str, str]:
        """Run ``httpcheck.py`` against the server; the versions it reports."""
        result = subprocess.run(  # noqa: S603 - fixed arguments
            [self.python, '-m', 'benchmarks.httpcheck', str(self.port)],
            cwd=ROOT,
            env=_clean_environ(),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise self._fail(f'failed its checks over HTTP:\n{result.stdout}{result.stderr}')
        versions: dict[str, str] = json.loads(result.stdout.strip().splitlines()[-1])
        return versions

    def cpu(self) -> float:
        """CPU seconds the serving process has used so far."""
        return _ticks(self.pid)

    def rss_mib(self) -> float:
        """The serving process's resident memory."""
        return _rss_kib(self.pid) / 1024

    def close(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 15 s)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


@dataclass(frozen=True)
class Load:
    """wrk, set up to send the benchmark's request."""

    wrk: str
    script: Path
    connections: int
    pin: bool

    def run(self, server: Server, duration: int) -> dict[str, Any]:
        """Load ``server`` for ``duration`` seconds; wrk's summary and the server's CPU time."""
        command = [
            *_pinned(_LOAD_CORE, pin=self.pin),
            self.wrk,
            '--threads', '1',
            '--connections', str(self.connections),
            '--duration', f'{duration}s',
            '--timeout', '10s',
            '--script', str(self.script),
            f'http://{HOST}:{server.port}{payload.PATH}?{payload.QUERY}',
        ]  # fmt: skip
        cpu = server.cpu()
        result = subprocess.run(  # noqa: S603 - fixed arguments
            command, capture_output=True, text=True, check=False, timeout=duration + 60
        )
        cpu = server.cpu() - cpu
        lines = [line for line in result.stdout.splitlines() if line.startswith('WRK_RESULT ')]
        if result.returncode != 0 or not lines:
            raise LoadError(f'wrk failed ({result.returncode}):\n{result.stdout}{result.stderr}')
        summary: dict[str, Any] = json.loads(lines[-1].removeprefix('WRK_RESULT '))
        summary['cpu'] = cpu
        failed = {key: summary[key] for key in _FAILURES}
        if any(failed.values()) or summary['requests'] == 0:
            raise LoadError(
                f'{server.variant.name}: {summary["requests"]} answers, failures {failed}',
            )
        return summary


def write_script(directory: Path) -> Path:
    """The Lua script that makes wrk send the benchmark's body, query and headers."""
    body = directory / 'body.json'
    body.write_bytes(payload.BODY)
    headers = '\n'.join(
        f'wrk.headers[{json.dumps(name)}] = {json.dumps(value)}'
        for name, value in payload.HEADERS.items()
    )
    script = directory / 'request.lua'
    script.write_text(_SCRIPT.format(body_path=json.dumps(str(body)), headers=headers))
    return script


@dataclass(frozen=True)
class Row:
    """One variant's figures over all rounds."""

    name: str
    rps: float
    spread: float
    ratio: float | None
    cpu_us: float
    cpu_ratio: float | None
    p50_ms: float
    p99_ms: float
    rss_mib: float


def _spread(values: Sequence[float]) -> float:
    if len(values) < 2:
        return 0.0
    low, _, high = statistics.quantiles(values, n=4)
    return (high - low) / statistics.median(values)


def rows(
    results: Mapping[str, Sequence[Mapping[str, Any]]],
    rss: Mapping[str, float],
    baseline: str | None,
) -> list[Row]:
    """Medians over rounds, fastest first; ratios are medians of per-round ratios."""
    rps = {
        name: [r['requests'] / (r['duration_us'] / 1e6) for r in rounds]
        for name, rounds in results.items()
    }
    cpu = {
        name: [r['cpu'] / r['requests'] * 1e6 for r in rounds] for name, rounds in results.items()
    }

    def paired(mine: Sequence[float], theirs: Sequence[float]) -> float:
        return statistics.median(a / b for a, b in zip(mine, theirs, strict=True))

    summary = [
        Row(
            name=name,
            rps=statistics.median(rps[name]),
            spread=_spread(rps[name]),
            ratio=None if baseline not in rps else paired(rps[name], rps[baseline]),
            cpu_us=statistics.median(cpu[name]),
            cpu_ratio=None if baseline not in cpu else paired(cpu[baseline], cpu[name]),
            p50_ms=statistics.median(r['p50_us'] for r in rounds) / 1000,
            p99_ms=statistics.median(r['p99_us'] for r in rounds) / 1000,
            rss_mib=rss[name],
        )
        for name, rounds in results.items()
    ]
    return sorted(summary, key=lambda row: -row.rps)


def table(summary: Sequence[Row], baseline: str | None) -> str:
    """The results as a Markdown table."""
    versus = 'ratio' if baseline is None else f'ratio to {baseline}'

    def ratio(value: float | None) -> str:
        return '' if value is None else f'{value:.2f}x'

    lines = [
        f'| framework | requests/s | IQR | {versus} | server CPU µs/request | ratio (CPU) '
        '| p50 ms | p99 ms | RSS MiB |',
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ]
    lines.extend(
        f'| {row.name} | {row.rps:,.0f} | {row.spread:.1%} | {ratio(row.ratio)} '
        f'| {row.cpu_us:.1f} | {ratio(row.cpu_ratio)} | {row.p50_ms:.2f} | {row.p99_ms:.2f} '
        f'| {row.rss_mib:.1f} |'
        for row in summary
    )
    return '\n'.join(lines)


def _start(variants: Sequence[manifest.Variant], workdir: Path, *, pin: bool) -> dict[str, Server]:
    pythons = {
        environment: environment_python(environment)
        for environment in dict.fromkeys(variant.environment for variant in variants)
    }
    servers: dict[str, Server] = {}
    try:
        for variant in variants:
            print(f'starting {variant.name} ({variant.environment})', file=sys.stderr)
            servers[variant.name] = Server(variant, pythons[variant.environment], workdir, pin=pin)
    except BaseException:
        for server in servers.values():
            server.close()
        raise
    return servers


def measure(
    servers: Mapping[str, Server], load: Load, rounds: int, duration: int, warmup: int
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, float]]:
    """Warm every server up, then the interleaved rounds; and each server's RSS after warm-up."""
    rss: dict[str, float] = {}
    for name, server in servers.items():
        load.run(server, warmup)
        rss[name] = server.rss_mib()
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in servers}
    for number in range(1, rounds + 1):
        for name, server in servers.items():
            results[name].append(load.run(server, duration))
        print(f'round {number}/{rounds} done', file=sys.stderr)
    return results, rss


def _wrk_version(wrk: str) -> str:
    result = subprocess.run([wrk, '--version'], capture_output=True, text=True, check=False)  # noqa: S603
    words = (result.stdout or result.stderr).split()
    return words[1] if len(words) > 1 else 'unknown'


def main(argv: list[str]) -> int:
    """Serve, check and load every variant; print the tables. 1 if anything failed."""
    arguments = _arguments(argv)
    known = {variant.name: variant for variant in manifest.discover()}
    unknown = sorted(set(arguments.only) - set(known))
    if unknown:
        raise SystemExit(f'unknown variants: {", ".join(unknown)}; known: {", ".join(known)}')
    variants = [known[name] for name in arguments.only]
    wrk = ensure_wrk()
    pin = not arguments.no_pin and (os.cpu_count() or 1) >= 2 and shutil.which('taskset')
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix='dmr-bench-http-') as directory:
        workdir = Path(directory)
        load = Load(wrk, write_script(workdir), arguments.connections, pin=bool(pin))
        try:
            servers = _start(variants, workdir, pin=bool(pin))
            try:
                results, rss = measure(
                    servers, load, arguments.rounds, arguments.duration, arguments.warmup
                )
            finally:
                for server in servers.values():
                    server.close()
        except LoadError as error:
            print(f'HTTP benchmark failed: {error}', file=sys.stderr)
            return 1
    kind = 'SMOKE RUN: correctness only, the figures mean nothing' if arguments.smoke else 'run'
    merged: dict[str, set[str]] = {}
    for server in servers.values():
        for name, version in server.versions.items():
            merged.setdefault(name, set()).add(version)
    merged['wrk'] = {_wrk_version(wrk)}
    print(f'\nHTTP {kind}: {time.strftime("%Y-%m-%d %H:%M %Z")}, {_machine()}')
    print(
        f'{arguments.rounds} interleaved rounds x {arguments.duration} s of wrk '
        f'(1 thread, {arguments.connections} connections) after '
        f'{arguments.warmup} s of warm-up; server and wrk '
        f'{"pinned to cores 0 and 1" if pin else "not pinned"}; '
        f'{time.perf_counter() - started:.0f} s',
    )
    versions = (f'{name} {"/".join(sorted(found))}' for name, found in sorted(merged.items()))
    print(f'versions: {", ".join(versions)}')
    for interface, baseline in BASELINES.items():
        names = [variant.name for variant in variants if variant.interface == interface]
        if not names:
            continue
        section = {name: results[name] for name in names}
        base = baseline if baseline in section else None
        print(f'\n{_TITLES[interface]}\n')
        print(table(rows(section, rss, base), base))
    if arguments.json is not None:
        arguments.json.write_text(json.dumps({'rss_mib': rss, 'rounds': results}, indent=1))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
