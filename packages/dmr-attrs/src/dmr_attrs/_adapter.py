"""The adapter: one annotation, compiled into cattrs hooks and msgspec's codec."""

from collections.abc import Callable
from typing import Any

import cattrs
import msgspec

from dmr.errors import ErrorType
from dmr_attrs._classes import passthrough
from dmr_attrs._errors import AttrsValidationError
from dmr_attrs._types import holds_objects

# What msgspec raises for bytes that are not JSON: DecodeError for malformed
# JSON, UnicodeDecodeError for invalid UTF-8 in a string, RecursionError for
# nesting deeper than the interpreter allows.
_MALFORMED = (msgspec.DecodeError, UnicodeDecodeError, RecursionError)
# What msgspec raises for a value it cannot encode: TypeError for an object
# of an unknown class, RecursionError for a value that contains itself.
_UNENCODABLE = (TypeError, RecursionError)

# What is structured into a response annotation before it is written.
_SHAPED: frozenset[type] = frozenset({dict, list})

_encoder = msgspec.json.Encoder()
_decode = msgspec.json.decode


class AttrsParseError(AttrsValidationError):
    """The request body is not JSON."""

    error_type = ErrorType.PARSE_ERROR


class AttrsEncodeError(AttrsValidationError):
    """A response value msgspec cannot encode (answered with 422)."""

    error_type = ErrorType.TYPE_ERROR


class AttrsAdapter:
    """An annotation compiled once, called on every request.

    JSON bodies and responses are structured strictly (JSON carries its own
    types); :meth:`from_python` reads text in request adapters, since query
    strings, headers, cookies and path segments arrive as ``str``.

    Responses go out as the annotation declares them: where the annotation
    holds attrs classes or ``TypedDict`` classes, a dict or a list returned for it is
    structured into the annotation first, which drops the keys it does not
    declare. Values of other kinds are written as they are, for response
    validation to judge.

    >>> from dmr_attrs import AttrsSerializer
    >>> AttrsSerializer().adapter(int, direction='request').from_python('1')
    1
    """

    __slots__ = (
        '_python',
        '_shape',
        '_structure',
        '_target',
        '_unstructure',
        'annotation',
        'array_fields',
        'direction',
    )

    def __init__(
        self,
        annotation: Any,
        *,
        target: Any,
        structure: Callable[[Any, Any], Any],
        python: Callable[[Any, Any], Any],
        unstructure: Callable[[Any], Any],
        array_fields: frozenset[str],
        direction: str,
    ) -> None:
        self.annotation = annotation
        self._target = target
        self.array_fields = array_fields
        self.direction = direction
        self._structure = structure
        self._python = python
        self._unstructure = None if passthrough(unstructure) else unstructure
        self._shape = direction == 'response' and holds_objects(annotation)

    def __repr__(self) -> str:
        return f'<AttrsAdapter {self.annotation!r} ({self.direction})>'

    def from_json(self, data: bytes, /) -> Any:
        """Decode JSON bytes and structure them strictly."""
        try:
            decoded = _decode(data)
        except _MALFORMED as exc:
            raise AttrsParseError(f'Invalid JSON: {exc}'[:300]) from None
        return self._call(self._structure, decoded)

    def from_python(self, data: Any, /) -> Any:
        """Structure primitives, reading text in requests."""
        return self._call(self._python, data)

    def to_json(self, value: Any, /) -> bytes:
        """Unstructure and encode a value straight to JSON bytes."""
        if self._shape and value.__class__ in _SHAPED:
            value = self._call(self._structure, value)
        try:
            if self._unstructure is not None:
                value = self._unstructure(value)
            return _encoder.encode(value)
        except _UNENCODABLE as exc:
            raise AttrsEncodeError(f'Cannot encode the response: {exc}') from exc

    def to_python(self, value: Any, /) -> Any:
        """Unstructure a value into JSON-compatible primitives."""
        if self._shape and value.__class__ in _SHAPED:
            value = self._call(self._structure, value)
        try:
            if self._unstructure is not None:
                value = self._unstructure(value)
            return msgspec.to_builtins(value)
        except _UNENCODABLE as exc:
            raise AttrsEncodeError(f'Cannot encode the response: {exc}') from exc

    def _call(self, hook: Callable[[Any, Any], Any], data: Any) -> Any:
        try:
            return hook(data, self._target)
        except (cattrs.BaseValidationError, AttrsValidationError):
            raise
        except Exception as exc:  # a hook of a plain type (not a class) failed
            raise AttrsValidationError(str(exc), ErrorType.VALUE_ERROR) from exc
