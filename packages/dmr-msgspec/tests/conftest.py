"""Django settings for the dmr-msgspec tests.

pytest-django sets Django up from these settings and provides the ``client``
fixture the HTTP tests use.
"""

import django.conf
import pytest


def pytest_configure() -> None:
    """Configure Django before pytest-django sets it up."""
    django.conf.settings.configure(
        # Auth, and the apps of dmr's token controllers (test_msgspec_tokens.py)
        # and JWT controllers (test_msgspec_jwt.py, which keeps users and revoked tokens);
        # dmr.testing.rows: the rows the pagination suite pages through.
        INSTALLED_APPS=[
            'django.contrib.contenttypes',
            'django.contrib.auth',
            'dmr',
            'dmr.security.tokens',
            'dmr.security.jwt',
            'dmr.testing.rows',
        ],
        DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}},
        PASSWORD_HASHERS=['django.contrib.auth.hashers.MD5PasswordHasher'],
        DMR_SETTINGS={
            'serializer': 'msgspec',
            'parsers': ['dmr.parsers.JsonParser', 'dmr_msgspec.MsgpackParser'],
            'renderers': ['dmr.renderers.JsonRenderer', 'dmr_msgspec.MsgpackRenderer'],
        },
        ROOT_URLCONF='msgspec_urls',
        ALLOWED_HOSTS=['*'],
        SECRET_KEY='dmr-msgspec-tests',
        USE_TZ=True,
    )


@pytest.fixture(autouse=True)
def _fresh_throttles() -> None:
    """Each test starts with no request counted (throttles count in the default cache)."""
    from django.core.cache import caches

    caches['default'].clear()
