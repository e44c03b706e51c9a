"""dmr with its msgspec backend, the endpoint public and behind ``JWTAuth`` (ES256, HS256).

The controller is ``dmr-msgspec``'s, response validation off as there, with
the variant's auth. ``apps/_auth.py`` creates the user and sends the
credentials; ``dmr_msgspec_basic.py`` has HTTP Basic.
"""

from typing import Any

from django.urls import path

from benchmarks.apps import dmr_msgspec
from benchmarks.apps._auth import auth

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
VARIANTS: dict[str, dict[str, Any]] = {
    'dmr-msgspec-public': {'BENCH_AUTH': 'none'},
    'dmr-msgspec+jwt-hs256': {'BENCH_AUTH': 'jwt-hs256'},
    'dmr-msgspec+jwt-es256': {'BENCH_AUTH': 'jwt-es256'},
}


class UserController(dmr_msgspec.UserController):
    """``dmr-msgspec``'s ``POST /user/``, with the variant's auth."""

    auth = auth()


urlpatterns = [path('user/', UserController.as_view())]
