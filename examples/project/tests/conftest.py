"""Fixtures of the newsroom tests: a few rows to work on.

Every test goes through HTTP with Django's test client, or with dmr's
(``dmr_client``, from dmr-core's pytest plugin, which sends ``data`` as JSON
through the project's backend), against the test database of whichever
engine ``DATABASE_URL`` selects (SQLite by default), under the backend
``NEWSROOM_SERIALIZER`` selects (msgspec by default).
"""

import pytest
from django.conf import settings

from tags.models import Tag
from users.models import User


def pytest_report_header() -> list[str]:
    database = settings.DATABASES['default']
    serializer = settings.DMR_SETTINGS['serializer']
    return [
        f'newsroom database: {database["ENGINE"].rpartition(".")[2]} {database["NAME"]}',
        f'newsroom serializer: {settings.NEWSROOM_SERIALIZER} ({serializer})',
    ]


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
