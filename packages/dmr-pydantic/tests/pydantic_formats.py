"""A second media type, so the tests reach the adapters' Python mode.

``application/x-plain-json`` is JSON read and written by the standard
library: the parser hands primitives to ``adapter.from_python`` and the
renderer encodes what ``adapter.to_python`` returns, the way MessagePack or
any other format would.
"""

import json
from typing import Any

from dmr.errors import ErrorType, RequestValidationError, error_detail
from dmr.parsers import RequestBody
from dmr.serializer import TypeAdapter

MEDIA_TYPE = 'application/x-plain-json'


class PlainJsonParser:
    media_type = MEDIA_TYPE

    def parse(self, body: RequestBody, adapter: TypeAdapter, /) -> Any:
        try:
            data = json.loads(body.read())
        except ValueError as exc:
            raise RequestValidationError(
                [error_detail(str(exc), ['body'], ErrorType.PARSE_ERROR)],
            ) from exc
        return adapter.from_python(data)


class PlainJsonRenderer:
    media_type = MEDIA_TYPE

    def render(self, value: Any, adapter: TypeAdapter, /) -> bytes:
        return json.dumps(adapter.to_python(value)).encode()

    def validate(self, content: bytes, adapter: TypeAdapter, /) -> None:
        adapter.from_python(json.loads(content))
