"""Django settings for a backend's conformance tests: all the kit needs.

The kit calls its controllers through Django's ``RequestFactory``, so no
URLconf is needed, and it pins your backend on them, so no
``DMR_SETTINGS['serializer']`` either. The pagination suite pages through
the rows of the kit's own app, ``dmr.testing.rows``, in a database, with
signed cursors (a ``SECRET_KEY``).
"""

import django
import pytest
from django.conf import settings


@pytest.hookimpl(trylast=True)
def pytest_configure() -> None:
    """Configure Django before the test module imports dmr."""
    if settings.configured:  # by an outer conftest, as in the run of dmr's own docs
        return
    settings.configure(
        INSTALLED_APPS=['dmr', 'dmr.testing.rows'],
        DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}},
        SECRET_KEY='conformance-tests-only',
        USE_TZ=True,
    )
    django.setup()
