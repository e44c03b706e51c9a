"""django-ninja: pydantic models for the query, the headers and the body."""

from typing import Any

from django.http import HttpRequest
from django.urls import path
from ninja import Header, NinjaAPI, Query

from benchmarks.models.pydantic_models import (
    CreatedUser,
    HttpHeaders,
    User,
    UserQuery,
    create_user,
)

ENVIRONMENT = 'bench-peers'
SETTINGS: dict[str, Any] = {}
VARIANTS: dict[str, dict[str, Any]] = {'django-ninja': {}}


api = NinjaAPI(docs_url=None, openapi_url=None)


@api.post('/user/', response={201: CreatedUser})
def create(
    request: HttpRequest,  # noqa: ARG001 - ninja passes it first
    user: User,
    query: Query[UserQuery],  # noqa: ARG001 - validated, not used
    headers: Header[HttpHeaders],  # noqa: ARG001
) -> tuple[int, CreatedUser]:
    """Create the user; query and headers are only validated."""
    return 201, create_user(user)


urlpatterns = [path('', api.urls)]
