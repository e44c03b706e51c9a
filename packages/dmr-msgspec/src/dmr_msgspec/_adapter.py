"""The adapter: one annotation, compiled into msgspec's codecs."""

from collections.abc import Mapping
from typing import Any

import msgspec

from dmr_msgspec._types import NullableField

# What msgspec raises for a value it cannot encode: TypeError for an
# unsupported type or dict key, RecursionError for a value that contains
# itself. Both are re-raised as EncodeError, which response validation
# answers with 422.
_ENCODE_FAILURES = (TypeError, RecursionError)


def encode_error(exc: BaseException) -> msgspec.EncodeError:
    """An :class:`msgspec.EncodeError` for a value msgspec could not encode."""
    return msgspec.EncodeError(str(exc))


class MsgspecAdapter:
    """An annotation compiled once, called on every request.

    JSON is decoded strictly in both directions: JSON carries its own types.
    :meth:`from_python` coerces text (``'1'`` to ``1``, ``'true'`` to
    ``True``) in request adapters, since query strings, headers, cookies and
    path segments arrive as ``str``, and is strict in response adapters. The
    text ``null`` stays text: a field of type ``bool | None`` refuses it, one
    of type ``str | None`` holds ``'null'`` (msgspec's lax mode alone would
    read it as ``None``).

    >>> from dmr_msgspec import MsgspecSerializer
    >>> adapter = MsgspecSerializer().adapter(int, direction='request')
    >>> adapter.from_python('1')
    1
    """

    __slots__ = ('_decoder', '_encoder', '_nullable', '_strict', 'annotation', 'array_fields')

    def __init__(
        self,
        annotation: Any,
        *,
        decoder: msgspec.json.Decoder[Any],
        encoder: msgspec.json.Encoder,
        strict: bool,
        array_fields: frozenset[str],
        nullable_fields: Mapping[str, NullableField] | None = None,
    ) -> None:
        self.annotation = annotation
        self.array_fields = array_fields
        self._decoder = decoder
        self._encoder = encoder
        self._strict = strict
        self._nullable = {} if strict else dict(nullable_fields or {})

    def __repr__(self) -> str:
        direction = 'response' if self._strict else 'request'
        return f'<MsgspecAdapter {self.annotation!r} ({direction})>'

    def from_json(self, data: bytes, /) -> Any:
        """Decode JSON bytes straight into a validated value."""
        return self._decoder.decode(data)

    def from_python(self, data: Any, /) -> Any:
        """Validate primitives into a value, coercing text in requests."""
        value = msgspec.convert(data, self.annotation, strict=self._strict)
        if self._nullable and isinstance(data, dict):
            for wire, found in self._nullable.items():
                if data.get(wire) == 'null' and _field(value, found.name) is None:
                    _refuse_null_text(wire, found.annotation)
        return value

    def to_json(self, value: Any, /) -> bytes:
        """Encode a value straight to JSON bytes."""
        try:
            return self._encoder.encode(value)
        except _ENCODE_FAILURES as exc:
            raise encode_error(exc) from exc

    def to_python(self, value: Any, /) -> Any:
        """Unstructure a value into JSON-compatible primitives."""
        try:
            return msgspec.to_builtins(value)
        except _ENCODE_FAILURES as exc:
            raise encode_error(exc) from exc


def _field(value: Any, name: str) -> Any:
    return value.get(name) if isinstance(value, dict) else getattr(value, name)


def _refuse_null_text(wire: str, annotation: Any) -> None:
    """Raise msgspec's own error for the text ``null`` in a field of type ``annotation``."""
    try:
        msgspec.convert('null', annotation, strict=True)
    except msgspec.ValidationError as exc:
        raise msgspec.ValidationError(f'{exc} - at `$.{wire}`') from None
