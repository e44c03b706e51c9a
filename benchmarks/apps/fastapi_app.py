"""FastAPI: pydantic models for the query, the headers and the body, on its own ASGI app.

No Django here: FastAPI is the async reference outside Django.
"""

from typing import Annotated, Any

import pydantic
from fastapi import FastAPI, Header, Query

from benchmarks.models.pydantic_models import CreatedUser, User, UserQuery, create_user

ENVIRONMENT = 'bench-peers'
INTERFACE = 'asgi'
SETTINGS: dict[str, Any] = {}
VARIANTS: dict[str, dict[str, Any]] = {'fastapi': {}}


class FastAPIHeaders(pydantic.BaseModel):
    """The required headers: FastAPI reads ``x_api_token`` from ``X-API-Token``."""

    x_api_token: str
    x_request_origin: str


application = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


@application.post('/user/', status_code=201)
async def create(
    user: User,
    query: Annotated[UserQuery, Query()],  # noqa: ARG001 - validated, not used
    headers: Annotated[FastAPIHeaders, Header()],  # noqa: ARG001
) -> CreatedUser:
    """Create the user; query and headers are only validated."""
    return create_user(user)
