"""The core's own adapter for ``typing.Any``, for backends whose library has none.

Every endpoint renders error bodies and, with response validation off,
responses it did not declare: both are values of ``Any``. A backend that
supports ``Any`` encodes them with its own codec (so a msgspec Struct or a
pydantic model returned through ``Any`` renders as that library writes it);
for a backend that does not, the core uses this adapter, which reads and
writes plain JSON values with the standard library and checks nothing.

Its failures are the framework's own errors, which every endpoint answers
whatever the backend: malformed JSON in a request body is a 400 at
``["body"]``, and anything wrong on the way out a 422 at ``["response"]``.
"""

import json
from typing import Any

from django.utils.translation import gettext

from dmr.errors import (
    ErrorType,
    FrameworkError,
    RequestValidationError,
    ResponseValidationError,
    error_detail,
)
from dmr.serializer import Direction

# What the stdlib codec raises: JSONDecodeError and UnicodeDecodeError are
# ValueErrors, so is NaN refused on the way out; TypeError for a value JSON
# cannot hold; RecursionError for nesting too deep or a value containing itself.
_CODEC_FAILURES = (TypeError, ValueError, RecursionError)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f'{name} is not valid JSON')


class JsonPassThroughAdapter:
    """Any JSON value, unchecked, read and written with the standard library."""

    __slots__ = ('_error', '_loc', 'direction')

    array_fields: frozenset[str] = frozenset()

    def __init__(self, direction: Direction) -> None:
        self.direction = direction
        self._error: type[FrameworkError] = (
            RequestValidationError if direction == 'request' else ResponseValidationError
        )
        self._loc = 'body' if direction == 'request' else 'response'

    def from_json(self, data: bytes, /) -> Any:
        """Decode JSON bytes into plain values."""
        try:
            return json.loads(data, parse_constant=_refuse_constant)
        except _CODEC_FAILURES as exc:
            raise self._fail(
                gettext('Invalid JSON: %(error)s') % {'error': exc}, ErrorType.PARSE_ERROR
            ) from None

    def from_python(self, data: Any, /) -> Any:
        """Return ``data`` as it is: ``Any`` accepts every value."""
        return data

    def to_json(self, value: Any, /) -> bytes:
        """Encode plain JSON values compactly, as UTF-8."""
        try:
            text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(',', ':'))
        except _CODEC_FAILURES as exc:
            raise self._fail(f'Cannot encode the value: {exc}', ErrorType.TYPE_ERROR) from None
        return text.encode()

    def to_python(self, value: Any, /) -> Any:
        """Return ``value`` as it is: it must already be plain JSON values."""
        return value

    def _fail(self, msg: str, error_type: ErrorType) -> FrameworkError:
        return self._error([error_detail(msg, [self._loc], error_type)])
