"""Fixtures of the newsroom tests: a few rows to work on.

Every test goes through HTTP with Django's test client, or with dmr's
(``dmr_client``, from dmr-core's pytest plugin, which sends ``data`` as JSON
through the project's backend), against the test database of whichever
engine ``DATABASE_URL`` selects (SQLite by default), under the backend
``NEWSROOM_SERIALIZER`` selects (msgspec by default).

With ``NEWSROOM_ASGI_LANE=1`` the test clients (``client``, ``dmr_client``,
``new_client``) send every request over ASGI to ``dmr.asgi``, as a server
would, instead of through Django's test handler; each request then runs its
sync code in a thread of its own, with a database connection of its own, so
every test that uses the database gets a transactional one (rows it writes
are committed, and the request sees them).
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client
from dmr.testing import DMRClient
from dmr.testing.asgi import ServedHandler

from tags.models import Tag
from tests.serving import free_port, manage, running, server_command
from users.models import User

PASSWORD = 'correct horse battery staple'
"""The password of every account the fixtures create."""


ASGI_LANE = os.environ.get('NEWSROOM_ASGI_LANE') == '1'
C = TypeVar('C', bound=Client)


def pytest_report_header() -> list[str]:
    database = settings.DATABASES['default']
    serializer = settings.DMR_SETTINGS['serializer']
    handler = 'dmr.asgi over ASGI' if ASGI_LANE else "Django's test handler"
    return [
        f'newsroom database: {database["ENGINE"].rpartition(".")[2]} {database["NAME"]}'
        f' (CONN_MAX_AGE {database["CONN_MAX_AGE"]})',
        f'newsroom serializer: {settings.NEWSROOM_SERIALIZER} ({serializer})',
        f'newsroom test clients: {handler}',
    ]


@pytest.fixture(scope='session')
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """On the lane with SQLite, the test database is a file, as under a server.

    Requests read from their own threads while the test writes (the live
    feed polls as the test writes an article): SQLite makes a write to a
    file wait for a read in progress, but answers "table is locked" at once
    in the in-memory database threads share.
    """
    database = settings.DATABASES['default']
    if ASGI_LANE and database['ENGINE'].endswith('sqlite3'):
        path = tmp_path_factory.mktemp('newsroom') / 'test.sqlite3'
        database.setdefault('TEST', {})['NAME'] = str(path)
        # Nothing to keep if the machine crashes: no waiting for the disk.
        database.setdefault('OPTIONS', {})['init_command'] = 'PRAGMA synchronous = OFF'


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        'markers',
        'without_test_client: sends no request through the test clients (it starts servers or'
        ' tools of its own), so the runs on the lane (NEWSROOM_ASGI_LANE=1) leave it out',
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On the lane, only tests that use the test clients, each with a transactional database."""
    if not ASGI_LANE:
        return
    left = [item for item in items if item.get_closest_marker('without_test_client')]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = [item for item in items if not item.get_closest_marker('without_test_client')]
    for item in items:
        if 'db' in getattr(item, 'fixturenames', ()) or item.get_closest_marker('django_db'):
            item.add_marker(pytest.mark.django_db(transaction=True), append=False)


def on_the_lane(client: C) -> C:
    """``client``, sending its requests to ``dmr.asgi`` over ASGI on the lane."""
    if ASGI_LANE:
        client.handler = ServedHandler(enforce_csrf_checks=client.handler.enforce_csrf_checks)
    return client


@contextmanager
def streams_closed(client: C) -> Iterator[C]:
    """``client``; on the lane, a stream the test left unread is disconnected at the end."""
    try:
        yield client
    finally:
        if isinstance(client.handler, ServedHandler):
            client.handler.close()


@pytest.fixture
def client() -> Iterator[Client]:
    """Django's test client (served by ``dmr.asgi`` on the lane)."""
    with streams_closed(on_the_lane(Client())) as client:
        yield client


@pytest.fixture
def new_client() -> Iterator[Client]:
    """A second client of its own: another browser, another session."""
    with streams_closed(on_the_lane(Client())) as client:
        yield client


@pytest.fixture
def dmr_client() -> Iterator[DMRClient]:
    """dmr's test client (served by ``dmr.asgi`` on the lane)."""
    with streams_closed(on_the_lane(DMRClient())) as client:
        yield client


@pytest.fixture(autouse=True)
def fresh_throttles() -> None:
    """Every test starts with no request counted (the throttles count in the default cache)."""
    caches['default'].clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """MD5 for the tests' accounts: the default PBKDF2 is slow on purpose."""
    settings.PASSWORD_HASHERS = ['django.contrib.auth.hashers.MD5PasswordHasher']


def writer(email: str, name: str) -> User:
    """A profile with an account that logs in as ``email`` with :data:`PASSWORD`."""
    account = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
    return User.objects.create(email=email, name=name, account=account)


@pytest.fixture
def ada(db: None) -> User:
    return writer('ada@example.com', 'Ada Lovelace')


@pytest.fixture
def grace(db: None) -> User:
    return writer('grace@example.com', 'Grace Hopper')


@pytest.fixture
def tags(db: None) -> dict[str, Tag]:
    names = {'django': 'Django', 'python': 'Python', 'rest': 'REST'}
    return {slug: Tag.objects.create(slug=slug, name=name) for slug, name in names.items()}


@pytest.fixture
def editor(db: None) -> Any:
    """An account without a profile: it may write tags and profiles, but no article."""
    return get_user_model().objects.create_user(username='editor', password=PASSWORD)


@pytest.fixture(scope='module')
def server_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a module's real servers: a demo database and media of their own."""
    database = tmp_path_factory.mktemp('served') / 'db.sqlite3'
    media = tmp_path_factory.mktemp('media')
    env = {**os.environ, 'DATABASE_URL': f'sqlite:///{database}', 'DJANGO_MEDIA_ROOT': str(media)}
    manage('migrate', '--no-input', env=env)
    manage('load_demo_data', env=env)
    return env


@pytest.fixture(name='served')
def served_port(
    request: pytest.FixtureRequest,
    server_env: dict[str, str],
    tmp_path: Path,
) -> Iterator[int]:
    """The port of a running server, named by the test's (indirect) parameter; stopped after.

    The names are those of :func:`tests.serving.server_command`.
    """
    port = free_port()
    command = server_command(request.param, port)
    with running(command, port, server_env, tmp_path / f'{request.param}.log'):
        yield port
