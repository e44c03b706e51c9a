"""Writing a parser and a renderer of your own."""

import json
from typing import Annotated, Any
from urllib.parse import parse_qsl

import msgspec
from django.test import RequestFactory
from dmr import Body, Controller
from dmr.errors import ErrorType, RequestValidationError, error_detail
from dmr.parsers import JsonParser, Parser, RequestBody
from dmr.renderers import JsonRenderer, Renderer
from dmr.serializer import TypeAdapter


class FormParser:
    """HTML forms: ``application/x-www-form-urlencoded`` bodies."""

    media_type = 'application/x-www-form-urlencoded'

    def parse(self, body: RequestBody, adapter: TypeAdapter, /) -> Any:
        try:
            pairs = parse_qsl(
                body.read().decode('ascii'), keep_blank_values=True, strict_parsing=True
            )
        except (UnicodeDecodeError, ValueError) as exc:
            raise RequestValidationError(
                [error_detail(f'Invalid form body: {exc}', ['body'], ErrorType.PARSE_ERROR)],
            ) from None
        data: dict[str, Any] = {}
        for key, value in pairs:
            if key in adapter.array_fields:  # fields that hold several values
                data.setdefault(key, []).append(value)
            else:
                data[key] = value
        return adapter.from_python(data)  # text is coerced, as for query strings


class IndentedJsonRenderer:
    """JSON for people: indented, with sorted keys."""

    media_type = 'application/vnd.example.pretty+json'

    def render(self, value: Any, adapter: TypeAdapter, /) -> bytes:
        return json.dumps(adapter.to_python(value), indent=2, sort_keys=True).encode()

    def validate(self, content: bytes, adapter: TypeAdapter, /) -> None:
        adapter.from_json(content)  # read back, as the default renderer does


assert isinstance(FormParser(), Parser)
assert isinstance(IndentedJsonRenderer(), Renderer)


Topic = Annotated[str, msgspec.Meta(max_length=50)]


class Subscription(msgspec.Struct):
    email: Annotated[str, msgspec.Meta(max_length=254)]
    weekly: bool = False
    topics: Annotated[list[Topic], msgspec.Meta(max_length=20)] = []


class SubscriptionController(Controller):
    parsers = (JsonParser(), FormParser())
    renderers = (JsonRenderer(), IndentedJsonRenderer())

    def post(self, subscription: Body[Subscription]) -> Subscription:
        return subscription


request = RequestFactory().post(
    '/subscriptions/',
    b'email=ann%40example.com&weekly=true&topics=django&topics=python',
    content_type='application/x-www-form-urlencoded',
    HTTP_ACCEPT='application/vnd.example.pretty+json',
)
response = SubscriptionController.as_view()(request)
assert response.status_code == 201
assert response.content.decode() == (
    '{\n'
    '  "email": "ann@example.com",\n'
    '  "topics": [\n'
    '    "django",\n'
    '    "python"\n'
    '  ],\n'
    '  "weekly": true\n'
    '}'
)
