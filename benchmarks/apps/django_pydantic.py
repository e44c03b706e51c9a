"""A plain Django function view validating with pydantic by hand.

The pydantic counterpart of :mod:`django_msgspec`: what any Django
framework pays with pydantic models, so the floor of the pydantic variants
(dmr-pydantic, upstream-pydantic, django-ninja). Ratios are still taken
against the msgspec view.
"""

from typing import Any

import pydantic
from django.http import HttpRequest, HttpResponse
from django.urls import path

from benchmarks.models.pydantic_models import User, UserHeaders, UserQuery, create_user

ENVIRONMENT = 'bench-peers'
SETTINGS: dict[str, Any] = {}
VARIANTS: dict[str, dict[str, Any]] = {'django+pydantic': {}}

_HEADERS = {'x_api_token': 'HTTP_X_API_TOKEN', 'x_request_origin': 'HTTP_X_REQUEST_ORIGIN'}
_ERROR = pydantic.TypeAdapter(dict[str, str])


def _error(detail: str, status: int) -> HttpResponse:
    return HttpResponse(
        _ERROR.dump_json({'detail': detail}), status=status, content_type='application/json'
    )


def users(request: HttpRequest) -> HttpResponse:
    """``POST /user/``: validate query, headers and body; answer the new user."""
    if request.method != 'POST':
        return _error('method not allowed', 405)
    if request.content_type != 'application/json':
        return _error('unsupported media type', 415)
    meta = request.META
    try:
        UserQuery.model_validate(request.GET.dict())
        UserHeaders.model_validate(
            {name: meta[key] for name, key in _HEADERS.items() if key in meta},
        )
        user = User.model_validate_json(request.body)
    except pydantic.ValidationError as exc:
        return _error(str(exc), 400)
    return HttpResponse(
        create_user(user).model_dump_json(), status=201, content_type='application/json'
    )


urlpatterns = [path('user/', users)]
