"""Upstream django-modern-rest (PyPI) with its msgspec serializer.

Its import package is also called ``dmr``, so it runs in its own
environment, ``bench-upstream``, never next to this project's ``dmr``.
"""

from typing import Any

from django.urls import path
from dmr.plugins.msgspec import MsgspecSerializer

from benchmarks.models.msgspec_models import CreatedUser, HttpHeaders, User, UserQuery, create_user
from dmr import Body, Controller, Headers, Query

ENVIRONMENT = 'bench-upstream'
SETTINGS: dict[str, Any] = {'INSTALLED_APPS': ['dmr']}
VARIANTS: dict[str, dict[str, Any]] = {
    'upstream-msgspec': {'DMR_SETTINGS': {'validate_responses': False}},
    'upstream-msgspec+validation': {'DMR_SETTINGS': {'validate_responses': True}},
}


class UserController(Controller[MsgspecSerializer]):
    """``POST /user/``."""

    def post(
        self,
        parsed_body: Body[User],
        parsed_query: Query[UserQuery],  # noqa: ARG002 - upstream fixes the names
        parsed_headers: Headers[HttpHeaders],  # noqa: ARG002
    ) -> CreatedUser:
        """Create the user; query and headers are only validated."""
        return create_user(parsed_body)


urlpatterns = [path('user/', UserController.as_view())]
