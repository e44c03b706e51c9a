"""Structure hooks for scalars, in the two modes a request needs.

*Strict* hooks take JSON's own types: ``"1"`` is not an ``int`` and ``1``
is not a ``str``. They serve JSON bodies and every response. *Text* hooks
also read the text a query string, a header, a cookie or a path segment
carries: ``"1"`` becomes ``1`` and ``"true"`` becomes ``True``.

Strings of the date, time, duration, UUID and decimal formats are parsed by
msgspec, the codec of this backend, so what is accepted is exactly what the
codec writes: RFC 3339 datetimes (``Z`` or an offset), ISO 8601 durations
(``P1DT30S``), canonical UUIDs, decimal strings.
"""

import datetime
import decimal
import math
import re
import uuid
from collections.abc import Callable
from typing import Any

import msgspec

from dmr.errors import ErrorType
from dmr.files import UploadedFile
from dmr_attrs._errors import AttrsValidationError, wrong_type

StructureHook = Callable[[Any, Any], Any]

_INTEGER = re.compile(r'[+-]?[0-9]{1,4300}')
_NUMBER = re.compile(r'[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?')
_BOOLEANS = {'true': True, 'false': False, '1': True, '0': False}


def structure_str(value: Any, _: Any) -> str:
    """A JSON string."""
    if isinstance(value, str):
        return value
    raise wrong_type('str', value)


def structure_int(value: Any, _: Any) -> int:
    """A JSON integer (booleans are not integers)."""
    if value.__class__ is int:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    raise wrong_type('int', value)


def structure_float(value: Any, _: Any) -> float:
    """A finite JSON number, integral or not (``1e400`` is out of range)."""
    if value.__class__ is float:
        if math.isfinite(value):
            return value
        raise AttrsValidationError('Number out of range', ErrorType.OUT_OF_RANGE)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return structure_float(float(value), _)
    raise wrong_type('float', value)


def structure_bool(value: Any, _: Any) -> bool:
    """``true`` or ``false``."""
    if isinstance(value, bool):
        return value
    raise wrong_type('bool', value)


def structure_none(value: Any, _: Any) -> None:
    """``null``."""
    if value is not None:
        raise wrong_type('null', value)


def text_int(value: Any, type_: Any) -> int:
    """An integer, or its decimal digits."""
    if isinstance(value, str) and _INTEGER.fullmatch(value):
        return int(value)
    return structure_int(value, type_)


def text_float(value: Any, type_: Any) -> float:
    """A number, or its decimal notation (finite: ``nan`` is not JSON)."""
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        number = float(value)
        if math.isfinite(number):
            return number
    return structure_float(value, type_)


def text_bool(value: Any, type_: Any) -> bool:
    """A boolean, or ``true``/``false``/``1``/``0`` in any case."""
    if isinstance(value, str):
        parsed = _BOOLEANS.get(value.lower())
        if parsed is not None:
            return parsed
    return structure_bool(value, type_)


def _parsed_from_text(cls: type, *json_types: type) -> StructureHook:
    """A hook for ``cls``, written as a string (or one of ``json_types``) on the wire."""
    name = {decimal.Decimal: 'decimal', uuid.UUID: 'uuid'}.get(cls, cls.__name__)

    def structure(value: Any, _: Any) -> Any:
        if value.__class__ is cls:
            return value
        if isinstance(value, json_types) and not isinstance(value, bool):
            try:
                return msgspec.convert(value, cls)
            except msgspec.ValidationError as exc:
                raise AttrsValidationError(str(exc), ErrorType.INVALID_FORMAT) from None
        raise wrong_type(name, value)

    structure.__name__ = f'structure_{name}'
    return structure


def structure_file(value: Any, _: Any) -> Any:
    """An uploaded file (a ``Files[T]`` field) passes through as it is."""
    if isinstance(value, UploadedFile):
        return value
    raise wrong_type('file', value)


TEXT_FORMATS: dict[type, StructureHook] = {
    datetime.datetime: _parsed_from_text(datetime.datetime, str),
    datetime.date: _parsed_from_text(datetime.date, str),
    datetime.time: _parsed_from_text(datetime.time, str),
    datetime.timedelta: _parsed_from_text(datetime.timedelta, str),
    uuid.UUID: _parsed_from_text(uuid.UUID, str),
    decimal.Decimal: _parsed_from_text(decimal.Decimal, str, int, float),
}
"""Types with a string form on the wire, and their hooks (both modes)."""

STRICT: dict[type, StructureHook] = {
    str: structure_str,
    int: structure_int,
    float: structure_float,
    bool: structure_bool,
    type(None): structure_none,
    UploadedFile: structure_file,
    **TEXT_FORMATS,
}
"""The scalar hooks of the strict mode."""

TEXT: dict[type, StructureHook] = {
    **STRICT,
    int: text_int,
    float: text_float,
    bool: text_bool,
}
"""The scalar hooks of the text mode."""

JSON_CLASSES: dict[type, frozenset[type]] = {
    str: frozenset({str}),
    int: frozenset({int}),
    float: frozenset({float, int}),
    bool: frozenset({bool}),
    type(None): frozenset({type(None)}),
    UploadedFile: frozenset({UploadedFile}),
    decimal.Decimal: frozenset({str, int, float, decimal.Decimal}),
    **{cls: frozenset({str, cls}) for cls in TEXT_FORMATS if cls is not decimal.Decimal},
}
"""Which Python classes each scalar's strict hook accepts, to route unions."""
