"""A bounded load over HTTP on ``asgi.py`` (``dmr.asgi``, uvicorn): no error, no connection leaked.

The async tags API queries the database on every request, each in a
request thread of its own. After the load, the server holds no more
database connections than requests can be in flight at once, whatever
``CONN_MAX_AGE`` is (``NEWSROOM_CONN_MAX_AGE``), on SQLite (open files of
the database) and on PostgreSQL (``pg_stat_activity``).
"""

import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from tags.models import Tag
from tests.serving import free_port, manage, running, server_command

CONNECTIONS = 8
"""Clients sending at once."""
REQUESTS = 50
"""Requests per client."""
SETTLE = 5.0
"""Seconds the server has to let go of what it no longer uses."""


def is_postgres() -> bool:
    return connection.vendor == 'postgresql'


@pytest.fixture
def database(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Callable[[int], int]]:
    """The server's ``DATABASE_URL``, and how to count its connections given its PID."""
    if is_postgres():
        request.getfixturevalue('transactional_db')
        for slug in ('django', 'python', 'rest'):
            Tag.objects.create(slug=slug, name=slug.title())
        parts = urlsplit(os.environ['DATABASE_URL'])
        url = urlunsplit(parts._replace(path=f'/{connection.settings_dict["NAME"]}'))
        return url, postgres_connections
    path = tmp_path / 'load.sqlite3'
    env = {**os.environ, 'DATABASE_URL': f'sqlite:///{path}'}
    manage('migrate', '--no-input', env=env)
    manage('load_demo_data', env=env)
    return f'sqlite:///{path}', lambda pid: open_files(pid, path)


def postgres_connections(_pid: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT count(*) FROM pg_stat_activity '
            'WHERE datname = current_database() AND pid <> pg_backend_pid()',
        )
        (count,) = cursor.fetchone()
    return int(count)


def open_files(pid: int, path: Path) -> int:
    """How many descriptors of process ``pid`` are open on the file at ``path``."""
    found = 0
    for descriptor in Path(f'/proc/{pid}/fd').iterdir():
        try:
            target = descriptor.readlink()
        except OSError:
            continue
        found += target == path
    return found


@pytest.fixture
def uvicorn(
    database: tuple[str, Callable[[int], int]],
    tmp_path: Path,
) -> Iterator[tuple[int, int]]:
    """The port and PID of uvicorn serving ``asgi.py`` on ``database``."""
    url, _count = database
    port = free_port()
    log = tmp_path / 'uvicorn.log'
    env = {**os.environ, 'DATABASE_URL': url}
    with running(server_command('uvicorn', port), port, env, log) as process:
        yield port, process.pid
    assert 'SynchronousOnlyOperation' not in log.read_text()
    assert 'Traceback' not in log.read_text()


def statuses(port: int) -> list[int]:
    """The statuses one client gets for :data:`REQUESTS` reads of the tags, one after another."""
    found = []
    for _ in range(REQUESTS):
        try:
            url = f'http://127.0.0.1:{port}/api/tags/'
            with urllib.request.urlopen(url, timeout=10) as answer:
                answer.read()
                found.append(answer.status)
        except urllib.error.HTTPError as error:
            found.append(error.code)
    return found


def test_a_load_run_answers_every_request_and_leaks_no_connection(
    uvicorn: tuple[int, int],
    database: tuple[str, Callable[[int], int]],
) -> None:
    """400 async reads, 8 at a time: all 200, and the server's connections do not pile up."""
    port, pid = uvicorn
    _url, count = database
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        found = pool.map(statuses, [port] * CONNECTIONS)
        answers = [status for client in found for status in client]

    assert answers == [200] * (CONNECTIONS * REQUESTS)
    deadline = time.monotonic() + SETTLE
    while count(pid) > CONNECTIONS and time.monotonic() < deadline:
        time.sleep(0.1)
    assert count(pid) <= CONNECTIONS
