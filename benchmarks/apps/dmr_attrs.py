"""dmr with its attrs backend, with response validation off and on."""

from typing import Any

from django.urls import path

from benchmarks.models.attrs_models import (
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
    'dmr-attrs': {'DMR_SETTINGS': {'serializer': 'attrs', 'validate_responses': False}},
    'dmr-attrs+validation': {
        'DMR_SETTINGS': {'serializer': 'attrs', 'validate_responses': True},
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
