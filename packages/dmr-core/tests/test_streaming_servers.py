"""Streams over real servers: uvicorn (ASGI) and gunicorn with gthread workers (WSGI).

A client reads whole streams, and another goes away mid-stream: the
generator is closed (its ``finally`` writes a file this test reads) and no
database connection stays open (open descriptors of the SQLite file in the
server's processes are counted).
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dmr.testing.redis_server import free_port

CORE = Path(__file__).resolve().parent.parent
SERVERS = {
    'uvicorn': [
        'uvicorn', '--lifespan', 'off', '--log-level', 'warning',
        'tests.streaming_server:asgi',
    ],
    'gunicorn': [
        'gunicorn', '--worker-class', 'gthread', '--threads', '4', '--workers', '1',
        'tests.streaming_server:application',
    ],
}  # fmt: skip


class Server:
    def __init__(
        self, base: str, port: int, process: subprocess.Popen[bytes], folder: Path
    ) -> None:
        self.base = base
        self.port = port
        self.process = process
        self.closed = folder / 'closed'
        self.db = folder / 'db.sqlite3'

    def open_connections(self) -> int:
        """Descriptors of the database file held by the server's processes."""
        count = 0
        for pid in _tree(self.process.pid):
            fds = Path(f'/proc/{pid}/fd')
            for fd in fds.iterdir():
                try:
                    count += os.readlink(fd) == str(self.db)
                except OSError:
                    continue
        return count


def _tree(pid: int) -> list[int]:
    children = Path(f'/proc/{pid}/task/{pid}/children').read_text().split()
    return [pid, *(found for child in children for found in _tree(int(child)))]


@pytest.fixture(params=list(SERVERS))
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    """A real server on a free port, started for the test and stopped after it."""
    (tmp_path / 'closed').mkdir()
    port = free_port()
    name, *arguments = SERVERS[request.param]
    bind = ['--port', str(port)] if name == 'uvicorn' else ['--bind', f'127.0.0.1:{port}']
    env = {
        **os.environ,
        'PYTHONPATH': str(CORE),
        'STREAM_DB': str(tmp_path / 'db.sqlite3'),
        'STREAM_CLOSED_DIR': str(tmp_path / 'closed'),
    }
    process = subprocess.Popen(
        [sys.executable, '-m', name, *bind, *arguments],
        cwd=CORE,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    served = Server(f'http://127.0.0.1:{port}', port, process, tmp_path)
    try:
        _wait_for(served)
        yield served
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for(server: Server) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f'{server.base}/missing/', timeout=1)
        except urllib.error.HTTPError:
            return
        except OSError:
            assert server.process.poll() is None, 'the server exited'
            time.sleep(0.2)
    raise AssertionError('the server did not start')


def _wait_until(condition: object, what: str) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.05)
    raise AssertionError(what)


def _read(url: str, **headers: str) -> tuple[str, bytes]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers['Content-Type'], response.read()


def _leave_mid_stream(server: Server, path: str, until: bytes = b'data: {"n":1}') -> None:
    """Read a stream until ``until`` has come (two events by default), then hang up."""
    with socket.create_connection(('127.0.0.1', server.port), timeout=10) as client:
        client.sendall(f'GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n'.encode())
        received = b''
        while until not in received:
            chunk = client.recv(4096)
            assert chunk, 'the server closed the stream'
            received += chunk
    assert received.startswith(b'HTTP/1.1 200')


@pytest.mark.parametrize('kind', ['sync', 'async'])
def test_a_real_client_reads_the_whole_stream(server: Server, kind: str):
    """A stream arrives whole, event by event, in each format."""
    media_type, body = _read(f'{server.base}/{kind}/ticks/')
    assert media_type == 'text/event-stream'
    assert body.count(b'data: ') == 3
    media_type, body = _read(f'{server.base}/{kind}/ticks/', Accept='application/x-ndjson')
    assert (media_type, body) == ('application/x-ndjson', b'{"n":0}\n{"n":1}\n{"n":2}\n')


@pytest.mark.parametrize('kind', ['sync', 'async'])
def test_keep_alive_comments_reach_the_client(server: Server, kind: str):
    """An idle stream sends keep-alive comments before its event."""
    _media_type, body = _read(f'{server.base}/{kind}/idle/')
    assert body.startswith(b': keep-alive\n\n')
    assert body.endswith(b'data: {"n":1}\n\n')


@pytest.mark.parametrize('kind', ['sync', 'async'])
def test_a_client_that_goes_away_closes_the_generator(server: Server, kind: str):
    """The generator of an endless stream is closed once its client hangs up."""
    _leave_mid_stream(server, f'/{kind}/endless/')
    marker = server.closed / f'{kind}-endless'
    _wait_until(marker.exists, 'the generator was not closed')


def test_keep_alive_notices_that_a_quiet_client_left(server: Server):
    """A stream with no events is closed too: its keep-alive comments find the client gone."""
    _leave_mid_stream(server, '/async/quiet/', until=b': keep-alive')
    _wait_until((server.closed / 'async-quiet').exists, 'the quiet generator was not closed')


@pytest.mark.parametrize('kind', ['sync', 'async'])
def test_streams_that_query_leak_no_connection(server: Server, kind: str):
    """Streams that query the database, read whole or left, close their connections."""
    for _ in range(5):
        assert _read(f'{server.base}/{kind}/users/')[1].count(b'data: ') == 3
    _wait_until(lambda: server.open_connections() == 0, 'a database connection stayed open')
