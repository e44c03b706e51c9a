"""Fixtures of the newsroom tests: a few rows to work on.

Every test goes through HTTP with Django's test client, or with dmr's
(``dmr_client``, from dmr-core's pytest plugin, which sends ``data`` as JSON
through the project's backend), against the test database of whichever
engine ``DATABASE_URL`` selects (SQLite by default), under the backend
``NEWSROOM_SERIALIZER`` selects (msgspec by default).
"""

from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches

from tags.models import Tag
from users.models import User

PASSWORD = 'correct horse battery staple'
"""The password of every account the fixtures create."""


def pytest_report_header() -> list[str]:
    database = settings.DATABASES['default']
    serializer = settings.DMR_SETTINGS['serializer']
    return [
        f'newsroom database: {database["ENGINE"].rpartition(".")[2]} {database["NAME"]}',
        f'newsroom serializer: {settings.NEWSROOM_SERIALIZER} ({serializer})',
    ]


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
