"""The floor: a plain Django function view, validating with msgspec by hand.

It does only what the endpoint needs (no negotiation, no error model beyond
one message) and is what any Django framework is measured against.
"""

from typing import Any

import msgspec
from django.http import HttpRequest, HttpResponse
from django.urls import path

from benchmarks.models.msgspec_models import User, UserHeaders, UserQuery, create_user

ENVIRONMENT = 'bench-peers'
SETTINGS: dict[str, Any] = {}
VARIANTS: dict[str, dict[str, Any]] = {'django+msgspec': {}}

_decode_user = msgspec.json.Decoder(User).decode
_encode = msgspec.json.Encoder().encode
_HEADERS = {'x_api_token': 'HTTP_X_API_TOKEN', 'x_request_origin': 'HTTP_X_REQUEST_ORIGIN'}


def _json(data: Any, status: int) -> HttpResponse:
    return HttpResponse(_encode(data), status=status, content_type='application/json')


def users(request: HttpRequest) -> HttpResponse:
    """``POST /user/``: validate query, headers and body; answer the new user."""
    if request.method != 'POST':
        return _json({'detail': 'method not allowed'}, 405)
    if request.content_type != 'application/json':
        return _json({'detail': 'unsupported media type'}, 415)
    meta = request.META
    try:
        msgspec.convert(request.GET.dict(), UserQuery, strict=False)
        msgspec.convert(
            {name: meta[key] for name, key in _HEADERS.items() if key in meta},
            UserHeaders,
            strict=False,
        )
        user = _decode_user(request.body)
    except msgspec.DecodeError as exc:  # ValidationError is a DecodeError
        return _json({'detail': str(exc)}, 400)
    return _json(create_user(user), 201)


urlpatterns = [path('user/', users)]
