"""The adapter: one annotation, compiled into msgspec's codecs."""

from collections.abc import Mapping
from typing import Any

import msgspec
from msgspec import inspect as msgspec_inspect

from dmr_msgspec._types import FIELDED_TYPES, NullableField, walk

# What msgspec raises for a value it cannot encode: TypeError for an
# unsupported type or dict key, RecursionError for a value that contains
# itself. Both are re-raised as EncodeError, which response validation
# answers with 422.
_ENCODE_FAILURES = (TypeError, RecursionError)


def encode_error(exc: BaseException) -> msgspec.EncodeError:
    """An :class:`msgspec.EncodeError` for a value msgspec could not encode."""
    return msgspec.EncodeError(str(exc))


def _shape(annotation: Any) -> tuple[bool, type | None]:
    """Whether ``annotation`` holds objects with fields, and its exact class.

    The class is the annotation itself when it is a Struct, dataclass or attrs
    class: its instances are encoded with exactly their declared fields.
    """
    info = msgspec_inspect.type_info(annotation)
    exact = (
        annotation
        if isinstance(info, msgspec_inspect.StructType | msgspec_inspect.DataclassType)
        else None
    )
    return any(isinstance(node, FIELDED_TYPES) for node in walk(info)), exact


class MsgspecAdapter:
    """An annotation compiled once, called on every request.

    JSON is decoded strictly in both directions: JSON carries its own types.
    :meth:`from_python` coerces text (``'1'`` to ``1``, ``'true'`` to
    ``True``) in request adapters, since query strings, headers, cookies and
    path segments arrive as ``str``, and is strict in response adapters. The
    text ``null`` stays text: a field of type ``bool | None`` refuses it, one
    of type ``str | None`` holds ``'null'`` (msgspec's lax mode alone would
    read it as ``None``).

    Responses go out as the annotation declares them: a value that is not an
    instance of the annotated Struct (a dict, a list of dicts) is converted
    into the annotation first, which drops the keys it does not declare.

    >>> from dmr_msgspec import MsgspecSerializer
    >>> adapter = MsgspecSerializer().adapter(int, direction='request')
    >>> adapter.from_python('1')
    1
    """

    __slots__ = (
        '_decoder',
        '_encoder',
        '_exact',
        '_nullable',
        '_shape',
        '_strict',
        'annotation',
        'array_fields',
    )

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
        # Only responses are shaped, and only types that declare fields.
        has_objects, self._exact = _shape(annotation)
        self._shape = strict and has_objects

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
        """Encode a value straight to JSON bytes, as the annotation declares it."""
        if self._shape and value.__class__ is not self._exact:
            value = self._shaped(value)
        try:
            return self._encoder.encode(value)
        except _ENCODE_FAILURES as exc:
            raise encode_error(exc) from exc

    def to_python(self, value: Any, /) -> Any:
        """Unstructure a value into JSON-compatible primitives."""
        if self._shape and value.__class__ is not self._exact:
            value = self._shaped(value)
        try:
            return msgspec.to_builtins(value)
        except _ENCODE_FAILURES as exc:
            raise encode_error(exc) from exc

    def _shaped(self, value: Any) -> Any:
        """``value`` converted into the annotation: undeclared keys are dropped."""
        try:
            return msgspec.convert(value, self.annotation, strict=True)
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
