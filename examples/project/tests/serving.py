"""The project under real servers, in a subprocess each: what the served tests share.

Each server runs on a free loopback port, with a SQLite database of its own
that ``migrate`` and ``load_demo_data`` prepared (the ``server_env`` fixture);
the ``served`` fixture (``conftest.py``) starts the one its test is
parametrised with (``indirect``) by name, from :func:`server_command`.
"""

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 30.0

DEMO_LOGIN = {'username': 'ada@example.com', 'password': 'ada-demo-password'}
"""A demo account of ``load_demo_data``, as the README gives it."""


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, 'manage.py', *args],
        cwd=PROJECT,
        env=env,
        check=True,
        # Generous: migrations and the demo data are slow on a loaded machine.
        timeout=120,
        stdout=subprocess.DEVNULL,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return int(sock.getsockname()[1])


def request(
    port: int,
    path: str,
    payload: object = None,
    headers: dict[str, str] | None = None,
    opener: urllib.request.OpenerDirector | None = None,
) -> tuple[int, object]:
    data = None if payload is None else json.dumps(payload).encode()
    sent = ({'Content-Type': 'application/json'} if data else {}) | (headers or {})
    req = urllib.request.Request(f'http://127.0.0.1:{port}{path}', data=data, headers=sent)
    # Generous: the demo accounts hash with PBKDF2, slow on a loaded machine.
    with (opener or urllib.request.build_opener()).open(req, timeout=60) as response:
        return response.status, json.loads(response.read() or b'null')


def bearer(port: int) -> dict[str, str]:
    """The ``Authorization`` header of a demo user's access token."""
    status, pair = request(port, '/api/auth/token/', DEMO_LOGIN)
    assert status == 200
    assert isinstance(pair, dict)
    return {'Authorization': f'Bearer {pair["access"]}'}


def server_command(name: str, port: int) -> list[str]:
    """How the README runs each server, on ``port``."""
    gunicorn = [sys.executable, '-m', 'gunicorn', '--chdir', str(PROJECT), 'newsroom.wsgi']
    bind = ['--bind', f'127.0.0.1:{port}', '--no-control-socket']
    if name == 'gunicorn':  # sync, wsgi.py
        return [*gunicorn, *bind, '--workers', '1']
    if name == 'gunicorn-gthread':
        # Streams need threads under WSGI: each open stream holds one (README).
        # A feed left open is noticed at its next keep-alive (15 s): stop sooner.
        return [*gunicorn, *bind, '--worker-class', 'gthread', '--threads', '4',
                '--graceful-timeout', '1']  # fmt: skip
    if name == 'uvicorn':  # async, asgi.py
        return [
            *(sys.executable, '-m', 'uvicorn', '--app-dir', str(PROJECT)),
            *('newsroom.asgi:application', '--host', '127.0.0.1', '--port', str(port)),
        ]
    # Django's development server, as `bash scripts/demo` runs it.
    return [
        sys.executable,
        str(PROJECT / 'manage.py'),
        'runserver',
        '--noreload',
        f'127.0.0.1:{port}',
    ]


@contextmanager
def running(
    command: list[str],
    port: int,
    env: Mapping[str, str],
    log: Path,
) -> Iterator[subprocess.Popen[bytes]]:
    """``command`` run with ``env`` and its output in ``log``, once it listens on ``port``.

    The server is stopped when the block ends.
    """
    with log.open('wb') as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_until_serving(port, process, log)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_until_serving(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f'the server exited with {process.returncode}:\n{log.read_text()}')
        try:
            with socket.create_connection(('127.0.0.1', port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f'the server did not listen within {START_TIMEOUT} s:\n{log.read_text()}')
