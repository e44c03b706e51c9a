"""Loaded by every test run in the repository, before any test module.

- dmr's catalogues, compiled: the ``.mo`` files are built, never committed;
  the wheel's build hook makes them for users, and this makes them for the
  editable installs the test environments use (only catalogues whose ``.po``
  changed are written again).
- Hypothesis' checks of speed (a deadline per example, the ``too_slow``
  health check) measure the machine, not the code: on a shared two-core CI
  runner they only turn load into failures. The properties themselves are
  checked in full.
- ``thread_connections_closed``: a fixture for the tests whose requests open
  database connections in threads of their own (see its docstring).
"""

import importlib.util
import pathlib
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.db.backends.signals import connection_created
from hypothesis import HealthCheck, settings

_CATALOGUES = pathlib.Path(__file__).parent / 'packages' / 'dmr-core' / 'catalogues.py'

settings.register_profile(
    'dmr',
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile('dmr')


def pytest_configure() -> None:
    """Compile the message catalogues before any test imports dmr."""
    spec = importlib.util.spec_from_file_location('dmr_catalogues', _CATALOGUES)
    assert spec is not None  # noqa: S101 - the file is ours
    assert spec.loader is not None  # noqa: S101 - the file is ours
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.compile_catalogues()


@pytest.fixture
def thread_connections_closed() -> Iterator[None]:
    """The database connections other threads open during the test are closed after it.

    A request served by ``dmr.asgi`` (or an async stream under WSGI) queries
    from a thread of its own. Django never closes an in-memory SQLite
    connection, since closing the last one drops the database, so that
    thread's is left to the garbage collector, which Python 3.13 reports as a
    ``ResourceWarning``. The test database outlives these: the test's own
    thread holds a connection to it.
    """
    main = threading.get_ident()
    opened: list[Any] = []

    def record(*, connection: Any, **_signal: Any) -> None:
        if threading.get_ident() != main:
            opened.append(connection)

    connection_created.connect(record, weak=False)
    try:
        yield
    finally:
        connection_created.disconnect(record)
        for wrapper in opened:
            if wrapper.connection is not None:
                wrapper.connection.close()
                # Its thread may serve again: it connects anew.
                wrapper.connection = None
