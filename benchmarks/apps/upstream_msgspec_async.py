"""Upstream django-modern-rest with msgspec, an async controller under ASGI."""

from typing import Any

from django.urls import path
from dmr.plugins.msgspec import MsgspecSerializer

from benchmarks.models.msgspec_models import CreatedUser, HttpHeaders, User, UserQuery, create_user
from dmr import Body, Controller, Headers, Query

ENVIRONMENT = 'bench-upstream'
INTERFACE = 'asgi'
SETTINGS: dict[str, Any] = {'INSTALLED_APPS': ['dmr']}
VARIANTS: dict[str, dict[str, Any]] = {
    'upstream-msgspec-async': {'DMR_SETTINGS': {'validate_responses': False}},
}


class UserController(Controller[MsgspecSerializer]):
    """``POST /user/``."""

    async def post(
        self,
        parsed_body: Body[User],
        parsed_query: Query[UserQuery],  # noqa: ARG002 - upstream fixes the names
        parsed_headers: Headers[HttpHeaders],  # noqa: ARG002
    ) -> CreatedUser:
        """Create the user; query and headers are only validated."""
        return create_user(parsed_body)


urlpatterns = [path('user/', UserController.as_view())]
