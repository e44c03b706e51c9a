"""Django settings for the dmr-marshmallow tests.

pytest-django sets Django up from these settings and provides the ``client``
fixture the HTTP tests use.
"""

import django.conf


def pytest_configure() -> None:
    """Configure Django before pytest-django sets it up."""
    django.conf.settings.configure(
        # dmr.testing.rows: the rows the pagination suite pages through.
        INSTALLED_APPS=['dmr', 'dmr.testing.rows'],
        DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}},
        DMR_SETTINGS={'serializer': 'marshmallow'},
        ROOT_URLCONF='marshmallow_urls',
        ALLOWED_HOSTS=['*'],
        SECRET_KEY='dmr-marshmallow-tests',
        USE_TZ=True,
    )
