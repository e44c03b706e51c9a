"""dmr with its msgspec backend, the endpoint behind ``HttpBasic`` (Django's PBKDF2).

Response validation is off, as in ``dmr-msgspec``. ``apps/_auth.py`` creates
the user and sends the credentials. Every request hashes the password:
the suite runs it only when named (``--only dmr-msgspec+basic``), with few
requests.
"""

from typing import Any

from django.urls import path

from benchmarks.apps._auth import auth
from benchmarks.models.msgspec_models import (
    CreatedUser,
    User,
    UserHeaders,
    UserQuery,
    create_user,
)
from dmr import Body, Controller, Headers, Query

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


class UserController(Controller):
    """``POST /user/``, with the variant's auth."""

    auth = auth()

    def post(
        self,
        user: Body[User],
        _query: Query[UserQuery],
        _headers: Headers[UserHeaders],
    ) -> CreatedUser:
        """Create the user; query and headers are only validated."""
        return create_user(user)


urlpatterns = [path('user/', UserController.as_view())]
