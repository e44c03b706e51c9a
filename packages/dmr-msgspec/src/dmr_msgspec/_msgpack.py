"""MessagePack (``application/msgpack``) request parser and response renderer.

List them in ``DMR_SETTINGS['parsers']`` and ``['renderers']`` (or a
controller's ``parsers`` and ``renderers``) and a client may send
``Content-Type: application/msgpack`` and ask for
``Accept: application/msgpack``. They work with any adapter: the body is
decoded to primitives and validated with ``adapter.from_python``, and values
are unstructured with ``adapter.to_python`` before encoding.
"""

from typing import Any

import msgspec

from dmr.errors import ErrorType, RequestValidationError, ResponseValidationError, error_detail
from dmr.parsers import RequestBody
from dmr.serializer import TypeAdapter

MEDIA_TYPE = 'application/msgpack'

_decoder = msgspec.msgpack.Decoder()
_encoder = msgspec.msgpack.Encoder()


# What untyped decoding raises for input it cannot read: DecodeError (and its
# subclass ValidationError, for a malformed timestamp extension), invalid
# UTF-8 in a string, nesting deeper than the interpreter allows.
_MALFORMED = (msgspec.DecodeError, UnicodeDecodeError, RecursionError)
_UNHASHABLE_KEY = 'MessagePack decode error: a map key must not be a map'


class MsgpackParser:
    """Parses MessagePack request bodies.

    Malformed MessagePack is answered with 400 and a ``parse_error`` at
    ``['body']``, whichever backend validates the decoded data.
    """

    media_type = MEDIA_TYPE

    def parse(self, body: RequestBody, adapter: TypeAdapter, /) -> Any:
        """Decode the body to primitives and validate them with ``adapter``."""
        try:
            data = _decoder.decode(body.read())
        except _MALFORMED as exc:
            raise RequestValidationError(
                [error_detail(str(exc), ['body'], ErrorType.PARSE_ERROR)],
            ) from exc
        except TypeError:  # msgspec before 0.22: a map as a map key (unhashable)
            raise RequestValidationError(
                [error_detail(_UNHASHABLE_KEY, ['body'], ErrorType.PARSE_ERROR)],
            ) from None
        return adapter.from_python(data)


class MsgpackRenderer:
    """Renders responses as MessagePack."""

    media_type = MEDIA_TYPE

    def render(self, value: Any, adapter: TypeAdapter, /) -> bytes:
        """Unstructure ``value`` with ``adapter`` and encode it."""
        primitives = adapter.to_python(value)
        try:
            return _encoder.encode(primitives)
        except OverflowError as exc:
            # MessagePack integers stop at 64 bits; JSON's do not.
            raise ResponseValidationError(
                [error_detail(str(exc), ['response'], ErrorType.RESPONSE_INVALID)],
            ) from exc

    def validate(self, content: bytes, adapter: TypeAdapter, /) -> None:
        """Decode rendered MessagePack and validate it with ``adapter``."""
        adapter.from_python(_decoder.decode(content))
