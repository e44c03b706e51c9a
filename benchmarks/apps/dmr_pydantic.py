"""dmr with its pydantic backend, with response validation off and on."""

from typing import Any

from django.urls import path

from benchmarks.models.pydantic_models import (
    CreatedUser,
    User,
    UserHeaders,
    UserQuery,
    create_user,
)
from dmr import Body, Controller, Headers, Query

ENVIRONMENT = 'bench-dmr'
SETTINGS: dict[str, Any] = {'INSTALLED_APPS': ['dmr']}
VARIANTS: dict[str, dict[str, Any]] = {
    'dmr-pydantic': {'DMR_SETTINGS': {'serializer': 'pydantic', 'validate_responses': False}},
    'dmr-pydantic+validation': {
        'DMR_SETTINGS': {'serializer': 'pydantic', 'validate_responses': True},
    },
}


class UserController(Controller):
    """``POST /user/``."""

    def post(
        self,
        user: Body[User],
        _query: Query[UserQuery],
        _headers: Headers[UserHeaders],
    ) -> CreatedUser:
        """Create the user; query and headers are only validated."""
        return create_user(user)


urlpatterns = [path('user/', UserController.as_view())]
