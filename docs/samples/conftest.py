"""Runs the documentation's code samples: each module here is one test.

A page includes a sample with ``literalinclude``, so what a reader sees is
what this runs. A sample is a plain module that asserts what it shows;
importing it is the test. Modules named ``test_*.py`` are ordinary pytest
tests of the pages themselves (such as "Getting started"); samples named
``db_*.py`` use the database, and ``test_tokens_database.py`` runs them.
"""

import importlib
import os
import pathlib
import sys
import tempfile

import django
import pytest
from django.conf import settings

SAMPLES = pathlib.Path(__file__).resolve().parent
_TEST_DATABASE = f'dmr-docs-samples-{os.getpid()}.sqlite3'


def pytest_configure() -> None:
    """The settings every sample starts from: dmr with the msgspec backend.

    Django's auth and dmr's tokens app are installed too, with a database:
    samples named ``db_*.py`` use it, and ``test_tokens_database.py`` runs
    them under pytest-django's ``django_db`` mark.
    """
    settings.configure(
        DEBUG=False,
        ALLOWED_HOSTS=['testserver'],
        SECRET_KEY='docs-samples-only',
        INSTALLED_APPS=[
            'django.contrib.contenttypes',
            'django.contrib.auth',
            'dmr',
            'dmr.security.tokens',
            # The conformance kit's rows (plugin_kit/ runs its pagination suite).
            'dmr.testing.rows',
        ],
        DATABASES={
            'default': {
                'ENGINE': 'django.db.backends.sqlite3',
                'NAME': ':memory:',
                # A file, so that its connection can be closed after the `db_` samples.
                'TEST': {'NAME': str(pathlib.Path(tempfile.gettempdir()) / _TEST_DATABASE)},
            },
        },
        PASSWORD_HASHERS=['django.contrib.auth.hashers.MD5PasswordHasher'],
        DMR_SETTINGS={'serializer': 'msgspec'},
        ROOT_URLCONF='urls_empty',
        USE_TZ=True,
        # The throttling samples count in the default LocMemCache: they run in one process.
        SILENCED_SYSTEM_CHECKS=['dmr.W010'],
    )
    django.setup()
    sys.path.insert(0, str(SAMPLES))


def _is_sample(path: pathlib.Path) -> bool:
    return (
        path.suffix == '.py'
        and path.parent == SAMPLES
        and not path.name.startswith(('test_', 'conftest', 'urls_', 'db_', '_'))
    )


def pytest_collect_file(file_path: pathlib.Path, parent: pytest.Collector) -> pytest.File | None:
    """Collect every sample module of this folder (a folder given to pytest)."""
    if _is_sample(file_path) and not parent.session.isinitpath(file_path):
        return SampleModule.from_parent(parent, path=file_path)
    return None


def pytest_pycollect_makemodule(module_path: pathlib.Path, parent: pytest.Collector) -> object:
    """Collect a sample named on the command line as a sample, not a test module."""
    if _is_sample(module_path):
        return SampleModule.from_parent(parent, path=module_path)
    return None


class SampleModule(pytest.File):
    """A sample file: one test, named after it."""

    def collect(self) -> list[pytest.Item]:
        return [SampleRun.from_parent(self, name=self.path.stem)]


class SampleRun(pytest.Item):
    """Import the sample afresh; its asserts are the test."""

    def runtest(self) -> None:
        sys.modules.pop(self.name, None)
        pytest.register_assert_rewrite(self.name)  # failed asserts show their values
        importlib.import_module(self.name)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException]) -> str:
        """The failure as seen from the sample: its own lines, not the importer's."""
        in_sample = excinfo.traceback.filter(lambda entry: entry.path == self.path)
        if in_sample:
            excinfo.traceback = in_sample
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[pathlib.Path, int, str]:
        return self.path, 0, f'docs sample {self.path.name}'
