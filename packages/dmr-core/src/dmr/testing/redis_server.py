"""A throwaway Redis server for tests: ``redis-server`` on a free loopback port.

>>> with redis_server() as (url, process):
...     ...  # point the throttling settings (or a cache) at ``url``

The server keeps nothing on disk and listens on 127.0.0.1 only; it is
stopped when the block ends. Stop ``process`` inside the block to test what
happens when Redis goes away. It needs the ``redis-server`` binary (Debian's
``redis-server`` package) and ``redis-py`` (``dmr-core[redis]``); without the
binary, it raises ``RuntimeError`` saying so.
"""

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

import redis


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def redis_server() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Start a server (no persistence, loopback only); its URL and process; stop it after."""
    binary = shutil.which('redis-server')
    if binary is None:
        raise RuntimeError(
            'redis-server is not installed: apt-get install redis-server '
            '(bash scripts/test does it when run as root)',
        )
    port = free_port()
    with tempfile.TemporaryDirectory() as workdir:
        process = subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
            [
                binary,
                '--port', str(port),
                '--bind', '127.0.0.1',
                '--save', '',
                '--appendonly', 'no',
                '--dir', workdir,
                '--protected-mode', 'yes',
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        url = f'redis://127.0.0.1:{port}/0'
        try:
            _wait_for(url, process)
            yield url, process
        finally:
            process.terminate()
            process.wait(timeout=10)


def _wait_for(url: str, process: subprocess.Popen[bytes]) -> None:
    client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
        except redis.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
        else:
            client.close()
            return
