"""Django settings for a backend's conformance tests: all the kit needs.

The kit calls its controllers through Django's ``RequestFactory``, so no
URLconf is needed, and it pins your backend on them, so no
``DMR_SETTINGS['serializer']`` either.
"""

import django
import pytest
from django.conf import settings


@pytest.hookimpl(trylast=True)
def pytest_configure() -> None:
    """Configure Django before the test module imports dmr."""
    if settings.configured:  # by an outer conftest, as in the run of dmr's own docs
        return
    settings.configure(INSTALLED_APPS=['dmr'], USE_TZ=True)
    django.setup()
