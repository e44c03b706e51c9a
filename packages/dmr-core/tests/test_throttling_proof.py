"""The proof: three gunicorn workers on one Redis server let exactly the limit through."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from dmr.testing.redis_server import free_port, redis_server

CORE = Path(__file__).resolve().parent.parent


def get(url: str) -> tuple[int, str]:
    """Status of one request and the worker that answered; a refusal is an answer too."""
    try:
        # Generous: three workers on a loaded two-core machine answer slowly,
        # and only a hang (not slowness) should fail this test.
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.headers['X-Worker']
    except urllib.error.HTTPError as error:
        return error.code, error.headers['X-Worker']


@pytest.fixture(params=['redis', 'cache'])
def served(request: pytest.FixtureRequest) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Gunicorn with 3 workers counting on a fresh Redis server (store or Django cache)."""
    with redis_server() as (redis_url, redis_process):
        port = free_port()
        env = {
            **os.environ,
            'REDIS_URL': redis_url,
            'PROOF_BACKEND': request.param,
            'PYTHONPATH': str(CORE),
        }
        server = subprocess.Popen(
            [
                sys.executable, '-m', 'gunicorn',
                '--workers', '3',
                '--bind', f'127.0.0.1:{port}',
                '--chdir', str(CORE),
                'tests.proof_server:application',
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        base = f'http://127.0.0.1:{port}'
        try:
            _wait_for(base, server)
            yield base, redis_process
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_for(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f'{base}/missing/', timeout=1)
        except urllib.error.HTTPError:
            return
        except OSError:
            assert server.poll() is None, 'gunicorn exited'
            time.sleep(0.2)
    raise AssertionError('gunicorn did not start')


def test_three_workers_let_exactly_the_limit_through(served: tuple[str, subprocess.Popen[bytes]]):
    """40 requests from 8 clients at once on 10/day: exactly 10 are 200, the rest 429."""
    base, _redis = served
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(get, [f'{base}/limited/'] * 40))
    statuses = Counter(status for status, _worker in answers)
    assert statuses == {200: 10, 429: 30}
    workers = {worker for _status, worker in answers}
    assert len(workers) >= 2, 'the requests were not shared between workers'


def test_redis_stopped_mid_run_answers_every_request_in_time(
    served: tuple[str, subprocess.Popen[bytes]],
):
    """With the server killed, requests are let through (or 503 where denied), none hangs."""
    base, redis_process = served
    assert get(f'{base}/limited/')[0] == 200
    redis_process.kill()
    redis_process.wait()
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        allowed = list(pool.map(get, [f'{base}/limited/'] * 16))
        denied = list(pool.map(get, [f'{base}/closed/'] * 16))
    assert time.monotonic() - started < 10
    assert {status for status, _worker in allowed} == {200}
    assert {status for status, _worker in denied} == {503}
