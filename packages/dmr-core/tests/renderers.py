"""A second media type, so negotiation has something to choose between."""

from typing import Any

from dmr.parsers import RequestBody
from dmr.serializer import TypeAdapter


class TextRenderer:
    media_type = 'text/plain'

    def render(self, value: Any, adapter: TypeAdapter, /) -> bytes:
        return repr(adapter.to_python(value)).encode()

    def validate(self, content: bytes, adapter: TypeAdapter, /) -> None:
        return None


class TextJsonParser:
    """Reads ``text/plain`` bodies as JSON, to test parser selection."""

    media_type = 'text/plain'

    def parse(self, body: RequestBody, adapter: TypeAdapter, /) -> Any:
        return adapter.from_json(body.read())
