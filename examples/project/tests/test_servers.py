"""The project under real servers: gunicorn on ``wsgi.py``, uvicorn on ``asgi.py``, runserver.

Each server runs in a subprocess on a free loopback port, with a SQLite
database of its own that ``migrate`` and ``load_demo_data`` prepared.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 30.0


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, 'manage.py', *args],
        cwd=PROJECT,
        env=env,
        check=True,
        timeout=60,
        stdout=subprocess.DEVNULL,
    )


@pytest.fixture(scope='module')
def server_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    database = tmp_path_factory.mktemp('served') / 'db.sqlite3'
    env = {**os.environ, 'DATABASE_URL': f'sqlite:///{database}'}
    manage('migrate', '--no-input', env=env)
    manage('load_demo_data', env=env)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return int(sock.getsockname()[1])


def request(port: int, path: str, payload: object = None) -> tuple[int, object]:
    data = None if payload is None else json.dumps(payload).encode()
    headers = {'Content-Type': 'application/json'} if data else {}
    req = urllib.request.Request(f'http://127.0.0.1:{port}{path}', data=data, headers=headers)
    with urllib.request.urlopen(req, timeout=10) as response:
        return response.status, json.loads(response.read())


def server_command(name: str, port: int) -> list[str]:
    """How the README runs each server, on ``port``."""
    if name == 'gunicorn':  # sync, wsgi.py
        return [
            *(sys.executable, '-m', 'gunicorn', '--chdir', str(PROJECT), 'newsroom.wsgi'),
            *('--bind', f'127.0.0.1:{port}', '--workers', '1', '--no-control-socket'),
        ]
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


@pytest.fixture(params=['gunicorn', 'uvicorn', 'runserver'])
def served(
    request: pytest.FixtureRequest,
    server_env: dict[str, str],
    tmp_path: Path,
) -> Iterator[int]:
    """The port of a running server; it is stopped after the test."""
    name = request.param
    port = free_port()
    log = tmp_path / f'{name}.log'
    with log.open('wb') as output:
        process = subprocess.Popen(
            server_command(name, port),
            env=server_env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_serving(port, process, log)
        yield port
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


def test_serves_the_api_and_its_document(served: int) -> None:
    status, tags = request(served, '/api/tags/')
    assert status == 200
    assert {'async', 'django', 'openapi', 'python', 'rest'} <= {tag['slug'] for tag in tags}

    slug = f'served-{served}'
    status, created = request(served, '/api/tags/', {'slug': slug, 'name': 'Served'})
    assert (status, created) == (201, {'slug': slug, 'name': 'Served', 'articles': 0})

    status, page = request(served, '/api/articles/?per_page=2')
    assert (status, page['total'], len(page['items'])) == (200, 5, 2)

    status, document = request(served, '/docs/openapi.json/')
    assert (status, document['info']['title']) == (200, 'Newsroom')
