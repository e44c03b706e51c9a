"""Fixtures of the newsroom tests: JSON requests and a few rows to work on.

Every test goes through HTTP with Django's test client, against the test
database of whichever engine ``DATABASE_URL`` selects (SQLite by default),
under the backend ``NEWSROOM_SERIALIZER`` selects (msgspec by default).
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tags.models import Tag
from users.models import User

JsonCall = Callable[..., Any]


def pytest_report_header() -> list[str]:
    database = settings.DATABASES['default']
    serializer = settings.DMR_SETTINGS['serializer']
    return [
        f'newsroom database: {database["ENGINE"].rpartition(".")[2]} {database["NAME"]}',
        f'newsroom serializer: {settings.NEWSROOM_SERIALIZER} ({serializer})',
    ]


@pytest.fixture
def post(client: Client) -> JsonCall:
    """``post(url, payload)``: a JSON POST."""
    return lambda url, payload: client.post(url, payload, content_type='application/json')


@pytest.fixture
def put(client: Client) -> JsonCall:
    """``put(url, payload)``: a JSON PUT."""
    return lambda url, payload: client.put(url, payload, content_type='application/json')


@pytest.fixture
def ada(db: None) -> User:
    return User.objects.create(email='ada@example.com', name='Ada Lovelace')


@pytest.fixture
def grace(db: None) -> User:
    return User.objects.create(email='grace@example.com', name='Grace Hopper')


@pytest.fixture
def tags(db: None) -> dict[str, Tag]:
    names = {'django': 'Django', 'python': 'Python', 'rest': 'REST'}
    return {slug: Tag.objects.create(slug=slug, name=name) for slug, name in names.items()}
