"""dmr's work done by hand, for ``breakdown.py``: a framework that costs nothing.

Class-based views, like dmr's controllers, that serve the benchmark's
request with the same serializer calls a dmr backend makes (a typed decode
of the body, a conversion of the query and headers, a typed encode of the
response), and nothing else: no negotiation, no error model. The difference
between a dmr variant and its view here is the cost of dmr's own code; the
difference between this view and :class:`ReadBody` is the serializer's.
"""

from urllib.parse import parse_qsl

import msgspec
import pydantic
from django.http import HttpRequest, HttpResponse
from django.views import View

from benchmarks.models import msgspec_models, pydantic_models

_JSON = 'application/json'


def _query(request: HttpRequest) -> dict[str, str]:
    return dict(parse_qsl(request.META['QUERY_STRING'], keep_blank_values=True))


def _headers(request: HttpRequest) -> dict[str, str]:
    meta = request.META
    return {
        'x_api_token': meta['HTTP_X_API_TOKEN'],
        'x_request_origin': meta['HTTP_X_REQUEST_ORIGIN'],
    }


class ReadBody(View):
    """Django alone: read the body, answer a constant 201."""

    def post(self, request: HttpRequest) -> HttpResponse:
        """Read the body and ignore it."""
        _ignored = request.body
        return HttpResponse(b'{}', status=201, content_type=_JSON)


class MsgspecByHand(View):
    """The msgspec backend's calls, by hand."""

    decode = msgspec.json.Decoder(msgspec_models.User).decode
    encode = msgspec.json.Encoder().encode

    def post(self, request: HttpRequest) -> HttpResponse:
        """Validate the query, the headers and the body; answer the new user."""
        msgspec.convert(_query(request), msgspec_models.UserQuery, strict=False)
        msgspec.convert(_headers(request), msgspec_models.UserHeaders, strict=False)
        user = self.decode(request.body)
        created = msgspec_models.create_user(user)
        return HttpResponse(self.encode(created), status=201, content_type=_JSON)


class PydanticByHand(View):
    """The pydantic backend's calls (validators and serializers of type adapters), by hand."""

    query = pydantic.TypeAdapter(pydantic_models.UserQuery)
    headers = pydantic.TypeAdapter(pydantic_models.UserHeaders)
    user = pydantic.TypeAdapter(pydantic_models.User)
    created = pydantic.TypeAdapter(pydantic_models.CreatedUser)

    def post(self, request: HttpRequest) -> HttpResponse:
        """Validate the query, the headers and the body; answer the new user."""
        self.query.validate_python(_query(request))
        self.headers.validate_python(_headers(request))
        user = self.user.validate_json(request.body)
        created = pydantic_models.create_user(user)
        content = self.created.dump_json(created, by_alias=True)
        return HttpResponse(content, status=201, content_type=_JSON)


BY_HAND: dict[str, type[View]] = {'msgspec': MsgspecByHand, 'pydantic': PydanticByHand}
"""The hand-written counterpart of each dmr backend that has one."""
