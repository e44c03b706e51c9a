"""Which kinds of value a field reads from JSON and writes from Python.

marshmallow's fields convert generously (``Integer`` reads ``"7"``,
``String`` dumps ``str(anything)``). The backend needs the strict view too:
to validate responses, to pick a union member, and to tell a value of the
wrong kind (``type_error``) from a malformed one (``value_error``).

Each check answers ``True`` (the kind is right), ``False`` (it is wrong) or
``None`` (the field accepts anything, or is a custom field the backend does
not know).
"""

import datetime
import decimal
import ipaddress
import numbers
import uuid
from collections.abc import Mapping
from typing import Any

from marshmallow import fields

_IP_ADDRESSES = (ipaddress.IPv4Address, ipaddress.IPv6Address)
_IP_INTERFACES = (ipaddress.IPv4Interface, ipaddress.IPv6Interface)
_TIMESTAMP_FORMATS = frozenset({'timestamp', 'timestamp_ms'})


class KindAware:
    """A field that answers the kind checks itself (this package's fields)."""

    def json_kind(self, value: Any, *, dumped: bool) -> bool | None:
        """Whether ``value``, read from JSON, is of a kind this field reads."""
        raise NotImplementedError

    def python_kind(self, value: Any) -> bool | None:
        """Whether ``value`` is of a Python type this field dumps."""
        raise NotImplementedError


def is_integer(value: Any) -> bool:
    """An ``int`` that is not a ``bool``."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: Any) -> bool:
    """A real number that is not a ``bool``."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _json_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _json_enum(field: fields.Enum[Any], value: Any) -> bool:
    if not field.by_value:
        return isinstance(value, str)
    return any(
        type(value) is type(member.value) or (_json_number(value) and _json_number(member.value))
        for member in field.enum
    )


def _temporal_json(field: fields.Field[Any], value: Any) -> bool:
    if getattr(field, 'format', None) in _TIMESTAMP_FORMATS:
        return _json_number(value)
    return isinstance(value, str)


def json_kind_matches(  # noqa: PLR0911, PLR0912 - one dispatch table
    field: fields.Field[Any], value: Any, *, dumped: bool = False
) -> bool | None:
    """Whether JSON ``value`` (not ``None``) is of the kind ``field`` reads.

    ``dumped`` says the value is what the field itself wrote: numbers of an
    ``as_string`` field are then strings.
    """
    if isinstance(field, KindAware):
        return field.json_kind(value, dumped=dumped)
    if isinstance(field, fields.Pluck):
        return None
    if isinstance(field, fields.Nested):
        many = field.many or field.schema.many
        return isinstance(value, list) if many else isinstance(value, dict)
    if isinstance(field, fields.List | fields.Tuple):
        return isinstance(value, list)
    if isinstance(field, fields.Mapping):
        return isinstance(value, dict)
    if isinstance(field, fields.Boolean):
        return isinstance(value, bool)
    if isinstance(field, fields.Number):
        if dumped and field.as_string:
            return isinstance(value, str)
        if isinstance(field, fields.Integer):
            return is_integer(value)
        if isinstance(field, fields.Decimal):
            return _json_number(value) or isinstance(value, str)
        return _json_number(value)
    if isinstance(field, fields.DateTime | fields.Date | fields.Time):
        return _temporal_json(field, value)
    if isinstance(field, fields.TimeDelta):
        return _json_number(value)
    if isinstance(field, fields.String | fields.UUID | fields.IP | fields.IPInterface):
        return isinstance(value, str)
    if isinstance(field, fields.Enum):
        return _json_enum(field, value)
    if isinstance(field, fields.Constant):
        return bool(value == field.constant)
    return None


def python_kind_matches(  # noqa: PLR0911, PLR0912 - one dispatch table
    field: fields.Field[Any], value: Any
) -> bool | None:
    """Whether Python ``value`` (not ``None``) is of a type ``field`` dumps as itself."""
    if isinstance(field, KindAware):
        return field.python_kind(value)
    if isinstance(field, fields.Pluck):
        return None
    if isinstance(field, fields.Nested):
        if field.many or field.schema.many:
            return isinstance(value, list | tuple)
        return not isinstance(value, str | bytes | int | float | list | tuple | set)
    if isinstance(field, fields.List):
        return isinstance(value, list | tuple | set | frozenset)
    if isinstance(field, fields.Tuple):
        return isinstance(value, list | tuple) and len(value) == len(field.tuple_fields)
    if isinstance(field, fields.Mapping):
        return isinstance(value, Mapping)
    if isinstance(field, fields.Date):
        return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    if isinstance(field, fields.Integer):
        return is_integer(value)
    if isinstance(field, fields.Number):
        return is_number(value) or isinstance(value, decimal.Decimal)
    if isinstance(field, fields.Enum):
        return isinstance(value, field.enum)
    for field_type, python_types in _PYTHON_TYPES:
        if isinstance(field, field_type):
            return isinstance(value, python_types)
    return None


# Order matters: Boolean before the rest (a bool is an int).
_PYTHON_TYPES: tuple[tuple[type[fields.Field[Any]], type | tuple[type, ...]], ...] = (
    (fields.Boolean, bool),
    (fields.String, str),
    (fields.UUID, (uuid.UUID, str)),
    (fields.DateTime, datetime.datetime),
    (fields.Time, datetime.time),
    (fields.TimeDelta, datetime.timedelta),
    (fields.IP, _IP_ADDRESSES),
    (fields.IPInterface, _IP_INTERFACES),
)
