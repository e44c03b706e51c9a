"""dmr with its msgspec backend, the endpoint behind ``HttpBasic`` (Django's PBKDF2).

The controller is ``dmr_msgspec_auth.py``'s (``dmr-msgspec``'s, with the
variant's auth). ``apps/_auth.py`` creates the user and sends the
credentials. Every request hashes the password: the suite runs it only when
named (``--only dmr-msgspec+basic``), with few requests.
"""

from typing import Any

from django.urls import path

from benchmarks.apps.dmr_msgspec_auth import UserController

ENVIRONMENT = 'bench-dmr'
# The apps, the database and the middleware apps/_auth.py needs.
SETTINGS: dict[str, Any] = {
    'INSTALLED_APPS': [
        'django.contrib.contenttypes',
        'django.contrib.auth',
        'dmr',
        'dmr.security.jwt',
    ],
    'DATABASES': {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}},
    'MIDDLEWARE': ['benchmarks.apps._auth.SendCredentials'],
    'DMR_SETTINGS': {'serializer': 'msgspec', 'validate_responses': False},
}
OPT_IN = True
VARIANTS: dict[str, dict[str, Any]] = {
    'dmr-msgspec+basic': {'BENCH_AUTH': 'basic'},
}

urlpatterns = [path('user/', UserController.as_view())]
