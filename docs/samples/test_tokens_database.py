"""Runs the samples named ``db_*.py``, which need the database (pytest-django's mark)."""

import importlib
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connections


@pytest.fixture
def closing(django_db_blocker: Any) -> Iterator[None]:
    """Close the connection afterwards: the samples after these ones may not use it."""
    yield
    with django_db_blocker.unblock():
        connections.close_all()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures('closing')
@pytest.mark.parametrize(
    'sample',
    [
        'db_tokens_flow',
        'db_tokens_python',
        'db_pagination_numbers',
        'db_pagination_cursor',
        'db_pagination_offsets',
    ],
)
def test_database_sample(sample: str) -> None:
    """Importing the sample on a migrated database runs its asserts."""
    sys.modules.pop(sample, None)
    pytest.register_assert_rewrite(sample)
    importlib.import_module(sample)
