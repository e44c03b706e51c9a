"""The adapter: one annotation, compiled into a marshmallow root field."""

import datetime
import decimal
import enum
import json
import uuid
from collections.abc import Mapping
from typing import Any

from dmr.errors import ErrorType, error_detail
from dmr.serializer import Direction
from marshmallow import ValidationError, fields

from dmr_marshmallow import fields as dmr_fields
from dmr_marshmallow._errors import InvalidDataError, field_details
from dmr_marshmallow._strict import DumpFailure, ResponseChecker, harden_field

# What the stdlib JSON codec raises for input it cannot read (JSONDecodeError
# and UnicodeDecodeError are ValueErrors) or nested beyond the interpreter's
# recursion limit.
_MALFORMED = (ValueError, RecursionError)
# What json.dumps raises for a value it cannot write: an unknown type, NaN or
# infinity, a value that contains itself.
_UNWRITABLE = (TypeError, ValueError, RecursionError)
_ROOT = 'value'


def _refuse_constant(name: str) -> Any:
    raise ValueError(f'{name} is not valid JSON')


def _primitive(value: Any) -> Any:
    """A value marshmallow left as it is (a ``Raw`` field...), as JSON would have it."""
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return dmr_fields.format_duration(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, set | frozenset):
        return list(value)
    raise TypeError(f'{type(value).__name__} value {value!r} cannot be written as JSON')


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float | bool | None):
        return value
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    return _plain(_primitive(value))


def array_fields(root: fields.Field[Any]) -> frozenset[str]:
    """Wire names of an object root's fields that hold several values."""
    if not isinstance(root, fields.Nested) or isinstance(root, fields.Pluck) or root.many:
        return frozenset()
    found = set()
    for name, field in root.schema.load_fields.items():
        members = field.members if isinstance(field, dmr_fields.Union) else [field]
        if any(isinstance(member, fields.List | fields.Tuple) for member in members):
            found.add(name if field.data_key is None else field.data_key)
    return frozenset(found)


class MarshmallowAdapter:
    """An annotation compiled once into a marshmallow field, called on every request.

    Request adapters load data with marshmallow (``Schema.load`` for
    Schemas: its hooks, validators and ``unknown`` option apply) and turn a
    ``ValidationError`` into :class:`dmr_marshmallow.InvalidDataError`. Response
    adapters dump with marshmallow, on a copy of the Schema whose fields
    first check the Python type of what they dump, and validate JSON
    strictly.

    >>> from dmr_marshmallow import MarshmallowSerializer
    >>> MarshmallowSerializer().adapter(int, direction='request').from_python('1')
    1
    """

    __slots__ = ('_root', 'annotation', 'array_fields', 'direction')

    def __init__(self, annotation: Any, root: fields.Field[Any], *, direction: Direction) -> None:
        self.annotation = annotation
        self.direction = direction
        self._root = root
        if isinstance(root, fields.Nested):
            root.schema  # noqa: B018 - resolves the Schema now, so that mistakes show at import time
        if direction == 'response':
            harden_field(root)
        self.array_fields = array_fields(root)

    def __repr__(self) -> str:
        return f'<MarshmallowAdapter {self.annotation!r} ({self.direction})>'

    def from_json(self, data: bytes, /) -> Any:
        """Decode JSON with the standard library, then validate it."""
        try:
            value = json.loads(data, parse_constant=_refuse_constant)
        except _MALFORMED as exc:
            raise InvalidDataError(
                [error_detail(f'Invalid JSON: {exc}', (), ErrorType.PARSE_ERROR)]
            ) from exc
        return self.from_python(value)

    def from_python(self, data: Any, /) -> Any:
        """Load ``data`` (requests) or check it strictly (responses)."""
        if self.direction == 'response':
            checker = ResponseChecker()
            checker.field(self._root, data, ())
            if checker.details:
                raise InvalidDataError(checker.details)
            return data
        try:
            return self._root.deserialize(data)
        except ValidationError as exc:
            raise InvalidDataError(field_details(self._root, exc.messages, data)) from exc
        except RecursionError as exc:
            raise InvalidDataError(
                [error_detail('Input is nested too deeply', (), ErrorType.VALUE_ERROR)]
            ) from exc

    def to_json(self, value: Any, /) -> bytes:
        """Dump ``value`` with marshmallow and encode it with the standard library."""
        dumped = self._dump(value)
        try:
            text = json.dumps(
                dumped,
                default=_primitive,
                ensure_ascii=False,
                allow_nan=False,
                separators=(',', ':'),
            )
        except _UNWRITABLE as exc:
            raise InvalidDataError([error_detail(str(exc), (), ErrorType.TYPE_ERROR)]) from exc
        return text.encode()

    def to_python(self, value: Any, /) -> Any:
        """Dump ``value`` into JSON-compatible primitives."""
        dumped = self._dump(value)
        try:
            return _plain(dumped)
        except _UNWRITABLE as exc:
            raise InvalidDataError([error_detail(str(exc), (), ErrorType.TYPE_ERROR)]) from exc

    def _dump(self, value: Any) -> Any:
        try:
            return self._root.serialize(_ROOT, {_ROOT: value})
        except DumpFailure as failure:
            raise InvalidDataError(
                [error_detail(failure.message, failure.loc, failure.error_type)],
            ) from None
