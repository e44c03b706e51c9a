r"""How text becomes a value: one table for every backend.

Query strings, path segments, headers and cookies carry text. Before a
backend sees them, the core reads each text value by the JSON Schema the
backend gives for its field, following one grammar per scalar type, and
hands the backend JSON values: ``'5'`` becomes ``5`` for an ``integer``,
``'true'`` becomes ``True`` for a ``boolean``; strings of a ``format`` stay
strings once they are known to be well formed. Whatever the backend,
a client sees the same table:

=============  ==============================================================
schema         text accepted
=============  ==============================================================
``integer``    ``-?(0|[1-9][0-9]*)``: no ``+``, no leading zeros, no
               fraction, exponent, ``_`` or whitespace
``number``     a JSON number, ``-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?``,
               finite (``nan``, ``inf`` and ``1e309`` are refused)
``boolean``    ``true``, ``false``, ``1``, ``0``, in any case
``date``       ``YYYY-MM-DD``, a real date
``date-time``  ``YYYY-MM-DDTHH:MM:SS``, optional ``.f`` (1 to 6 digits),
               optional ``Z`` or ``+HH:MM``/``-HH:MM``
``time``       ``HH:MM:SS``, optional ``.f`` (1 to 6 digits) and offset
``duration``   ISO 8601: ``P1DT2H3M4.5S``, optional leading ``-``
``uuid``       ``8-4-4-4-12`` hexadecimal digits, either case
``decimal``    ``-?[0-9]+(\.[0-9]+)?``
enum, const    the text of a listed number or boolean becomes that value;
               other text is passed on for the backend to check
``anyOf``      the first member the text satisfies, in order
string         any text
=============  ==============================================================

Text that breaks the grammar of a number or boolean is a ``type_error``;
a malformed date, time, UUID, duration or decimal is a ``value_error``; a
number too large for a float is ``out_of_range``. Text holding a NUL
character (``\x00``) is refused as a ``value_error`` unless
``DMR_SETTINGS['allow_nul']`` is set.

>>> reader = field_reader({'type': 'integer'}, {})
>>> reader('42')
42
"""

import datetime
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext

from dmr.errors import ErrorType
from dmr.messages import render_message

JsonSchema = Mapping[str, Any]
TextReader = Callable[[str], Any]
"""Reads one text value into a JSON value, or raises :class:`TextError`."""

MAX_DIGITS = 4300  # Python's default limit on digits read from text
_INTEGER = re.compile(r'-?(?:0|[1-9][0-9]{0,4299})')
_NUMBER = re.compile(r'-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?')
_BOOLEANS = {'true': True, 'false': False, '1': True, '0': False}
_FRACTION_AND_OFFSET = r'(?:\.[0-9]{1,6})?(?:Z|[+-][0-9]{2}:[0-9]{2})?'
_DATE = re.compile(r'[0-9]{4}-[0-9]{2}-[0-9]{2}')
_TIME = re.compile(r'[0-9]{2}:[0-9]{2}:[0-9]{2}' + _FRACTION_AND_OFFSET)
_DATETIME = re.compile(
    r'[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}' + _FRACTION_AND_OFFSET,
)
_DURATION = re.compile(
    r'-?P(?=[0-9T])(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]{1,6})?S)?)?',
)
_UUID = re.compile(r'[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}')
_DECIMAL = re.compile(r'-?[0-9]{1,4300}(?:\.[0-9]{1,4300})?')


class TextError(ValueError):
    """Text that the table refuses, with the error ``type`` to report."""

    def __init__(self, message: str, error_type: ErrorType) -> None:
        super().__init__(message)
        self.error_type = error_type


def _invalid(name: str) -> TextError:
    """The error of text that is not in the string format ``name``."""
    message = render_message(ErrorType.INVALID_FORMAT, {'format': name})
    return TextError(message or '', ErrorType.INVALID_FORMAT)


def read_integer(text: str) -> int:
    """An ``integer``: optional ``-``, ASCII digits, no leading zeros."""
    if (
        text.isdigit()
        and text.isascii()
        and (text[0] != '0' or len(text) == 1)
        and len(text) <= MAX_DIGITS
    ):
        return int(text)  # the usual text, checked without the expression
    if _INTEGER.fullmatch(text) is None or text == '-0':
        raise TextError(gettext('Expected an integer, such as `42` or `-7`'), ErrorType.TYPE_ERROR)
    return int(text)


def read_number(text: str) -> float:
    """A ``number``: a finite JSON number."""
    if _NUMBER.fullmatch(text) is None:
        message = gettext('Expected a number, such as `1.5` or `-2e3`')
        raise TextError(message, ErrorType.TYPE_ERROR)
    number = float(text)
    if not math.isfinite(number):
        raise TextError(gettext('Number out of range'), ErrorType.OUT_OF_RANGE)
    return number


def read_boolean(text: str) -> bool:
    """A ``boolean``: ``true``, ``false``, ``1`` or ``0``, in any case."""
    try:
        return _BOOLEANS[text.lower()]
    except KeyError:
        raise TextError(
            gettext('Expected a boolean: `true`, `false`, `1` or `0`'), ErrorType.TYPE_ERROR
        ) from None


def _string_format(
    name: str,
    pattern: re.Pattern[str],
    check: Callable[[str], object] | None = None,
) -> TextReader:
    def read(text: str) -> str:
        if pattern.fullmatch(text) is None:
            raise _invalid(name)
        if check is not None:
            try:
                check(text)
            except ValueError:
                raise _invalid(name) from None
        return text

    read.__name__ = f'read_{name.replace("-", "_")}'
    return read


FORMATS: Mapping[str, TextReader] = {
    'date': _string_format('date', _DATE, datetime.date.fromisoformat),
    'date-time': _string_format('date-time', _DATETIME, datetime.datetime.fromisoformat),
    'time': _string_format('time', _TIME, datetime.time.fromisoformat),
    'duration': _string_format('duration', _DURATION),
    'uuid': _string_format('uuid', _UUID),
    'decimal': _string_format('decimal', _DECIMAL),
}
"""Readers of the string formats; each returns the text it checked."""

_TYPES: Mapping[str, TextReader] = {
    'integer': read_integer,
    'number': read_number,
    'boolean': read_boolean,
}


def _never(_text: str) -> Any:
    raise TextError(gettext('Expected no value'), ErrorType.TYPE_ERROR)


def _identity(text: str) -> str:
    return text


def _choices(values: list[Any]) -> TextReader | None:
    spelled = {_spelling(value): value for value in values if not isinstance(value, str)}
    if not spelled:
        return None
    return lambda text: spelled.get(text, text)


def _spelling(value: Any) -> str:
    if isinstance(value, bool):
        return 'true' if value else 'false'
    return str(value)


def _first_of(readers: list[TextReader]) -> TextReader:
    def read(text: str) -> Any:
        first: TextError | None = None
        for reader in readers:
            try:
                return reader(text)
            except TextError as exc:
                first = first or exc
        raise first  # type: ignore[misc]  # `readers` is never empty

    return read


def field_reader(
    schema: Any,
    definitions: Mapping[str, JsonSchema],
    seen: frozenset[str] = frozenset(),
) -> TextReader | None:
    """The reader of text for a field of ``schema``; ``None`` keeps text as it is."""
    schema, seen = _resolved(schema, definitions, seen)
    if schema is None:
        return None
    if 'enum' in schema or 'const' in schema:
        return _choices(list(schema['enum']) if 'enum' in schema else [schema['const']])
    members = schema.get('anyOf', schema.get('oneOf'))
    kinds = schema.get('type')
    if isinstance(kinds, list):
        members = [{**schema, 'type': kind} for kind in kinds]
    if isinstance(members, list):
        readers = [field_reader(member, definitions, seen) or _identity for member in members]
        return _first_of(readers) if readers else None
    return _scalar_reader(kinds, schema.get('format'))


def _scalar_reader(kind: Any, string_format: Any) -> TextReader | None:
    if kind == 'null':
        return _never
    if kind == 'string':
        return FORMATS.get(string_format) if isinstance(string_format, str) else None
    return _TYPES.get(kind) if isinstance(kind, str) else None


def _resolved(
    schema: Any,
    definitions: Mapping[str, JsonSchema],
    seen: frozenset[str],
) -> tuple[Mapping[str, Any] | None, frozenset[str]]:
    """``schema`` with its ``$ref`` followed; ``None`` for no schema or a loop."""
    while isinstance(schema, Mapping) and isinstance(schema.get('$ref'), str):
        ref = schema['$ref']
        if ref in seen or ref not in definitions:
            return None, seen
        seen |= {ref}
        schema = definitions[ref]
    return (schema, seen) if isinstance(schema, Mapping) else (None, seen)


def items_reader(
    schema: Any,
    definitions: Mapping[str, JsonSchema],
    seen: frozenset[str] = frozenset(),
) -> TextReader | None:
    """The reader of each item of an array field (repeated query keys, say)."""
    schema, seen = _resolved(schema, definitions, seen)
    if schema is None:
        return None
    for member in schema.get('anyOf', schema.get('oneOf', ())):
        reader = items_reader(member, definitions, seen)
        if reader is not None:
            return reader
    if schema.get('type') == 'array':
        return field_reader(schema.get('items'), definitions, seen)
    return None
