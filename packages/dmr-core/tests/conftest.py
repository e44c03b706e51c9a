from collections.abc import Iterator

import django
import pytest
from django.conf import settings

from dmr.testing import within_one_window

# What `django-admin startproject` puts in MIDDLEWARE.
STARTPROJECT_MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.contrib.messages.middleware.MessageMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]


def pytest_configure() -> None:
    settings.configure(
        DEBUG=False,
        SECRET_KEY='tests',
        ALLOWED_HOSTS=['*'],
        ROOT_URLCONF='tests.urls',
        INSTALLED_APPS=[
            'django.contrib.admin',
            'django.contrib.contenttypes',
            'django.contrib.auth',
            'django.contrib.sessions',
            'django.contrib.messages',
            'dmr',
            'dmr.security.tokens',
            'dmr.security.jwt',
            # The conformance kit's app, which backends install for its pagination suite.
            'dmr.testing.rows',
        ],
        TEMPLATES=[
            {
                'BACKEND': 'django.template.backends.django.DjangoTemplates',
                'APP_DIRS': True,
                'OPTIONS': {
                    'context_processors': [
                        'django.template.context_processors.request',
                        'django.contrib.auth.context_processors.auth',
                        'django.contrib.messages.context_processors.messages',
                    ],
                },
            },
        ],
        MIDDLEWARE=STARTPROJECT_MIDDLEWARE,
        DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}},
        # The fastest hasher: the tests log in many times.
        PASSWORD_HASHERS=['django.contrib.auth.hashers.MD5PasswordHasher'],
        DMR_SETTINGS={'serializer': 'tests.stub_backend.StubSerializer'},
        USE_TZ=True,
        # Throttles count in the default LocMemCache: the tests run in one process.
        SILENCED_SYSTEM_CHECKS=['dmr.W010'],
    )
    django.setup()


@pytest.fixture(autouse=True)
def _fresh_throttles() -> None:
    """Each test starts with no request counted (throttles count in the default cache)."""
    from django.core.cache import caches

    caches['default'].clear()


@pytest.fixture
def one_window() -> None:
    """The test's requests fall in one of the cache's one-minute windows."""
    within_one_window()


@pytest.fixture(scope='session')
def redis_url() -> Iterator[str]:
    """The URL of a Redis server the whole test session shares."""
    from dmr.testing.redis_server import redis_server

    with redis_server() as (url, _process):
        yield url
