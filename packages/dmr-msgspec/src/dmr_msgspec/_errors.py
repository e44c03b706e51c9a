"""Turning msgspec's errors into dmr's error details.

msgspec reports one error at a time, as text: a message, then the place it
happened as a suffix, `` - at `$.items[0].name` ``. This module splits that
suffix off into a ``loc`` and files the message under the shared
:class:`dmr.errors.ErrorType` vocabulary. It reads text that may echo client
input (an unknown field's name, an invalid enum value), so every step
tolerates any string: what it cannot read stays in ``msg`` with an empty
``loc``.
"""

import re

import msgspec

from dmr.errors import ErrorDetail, ErrorType, Loc, error_detail

DICT_KEY = '[...]'
"""The ``loc`` entry for a dict key: msgspec does not say which key it was."""

_SUFFIX = ' - at `'
_KEY_PREFIX = 'key` in `'  # " - at `key` in `$.a`": the key of a dict at `$.a`

# One step of a path after `$`: `.name` (a name runs to the next `.` or `[`),
# `[3]`, or `[...]` for a dict key. Long digit runs are refused, not parsed:
# int() rejects more than 4300 digits.
_SEGMENT = re.compile(r'\.([^.\[]*)|\[([0-9]{1,18})\]|\[(\.\.\.)\]')

_FIELD_MESSAGES = (
    (re.compile(r'Object missing required field `(.*)`', re.DOTALL), ErrorType.MISSING),
    (
        re.compile(r'Object contains unknown field `(.*)`', re.DOTALL),
        ErrorType.EXTRA_FORBIDDEN,
    ),
)
_MESSAGES = (
    (re.compile(r'Expected `[^`]*` of length >= '), ErrorType.TOO_SHORT),
    (re.compile(r'Expected `[^`]*` of length <= '), ErrorType.TOO_LONG),
    (re.compile(r'Expected `[^`]*` [<>]=? '), ErrorType.OUT_OF_RANGE),
    (re.compile(r'(Integer value|Number) out of range'), ErrorType.OUT_OF_RANGE),
    (re.compile(r'Expected `[^`]*` matching regex '), ErrorType.PATTERN_MISMATCH),
    (re.compile(r'Expected `[^`]*`(, got `[^`]*`)?\Z'), ErrorType.TYPE_ERROR),
    (re.compile(r'Encoding objects of type '), ErrorType.TYPE_ERROR),
    # msgspec's own refusals of a value of the right type: the core writes
    # their messages from the schema, as for every backend.
    (re.compile(r'Invalid enum value '), ErrorType.INVALID_CHOICE),
    (
        re.compile(
            r'Invalid (RFC3339 encoded (datetime|date|time)|ISO8601 duration|UUID'
            r'|decimal string)\Z',
        ),
        ErrorType.INVALID_FORMAT,
    ),
)
# Input that could not be read at all; ValidationError, a DecodeError, is not.
_PARSE_ERRORS = (msgspec.DecodeError, UnicodeDecodeError, RecursionError)


def error_details(error: BaseException) -> list[ErrorDetail]:
    """Convert one msgspec error into dmr's error details.

    >>> error_details(msgspec.ValidationError('Expected `int`, got `str` - at `$.a[0]`'))
    [{'msg': 'Expected `int`, got `str`', 'loc': ['a', 0], 'type': 'type_error'}]
    """
    message, loc = split_location(str(error))
    if isinstance(error, msgspec.ValidationError) or not isinstance(error, _PARSE_ERRORS):
        return [classify(message, loc)]
    return [error_detail(message, loc, ErrorType.PARSE_ERROR)]


def classify(message: str, loc: Loc) -> ErrorDetail:
    """File a validation message (its suffix split off) under an error type.

    A missing or unknown field is placed at its own ``loc``, under the
    object that lacks or has it.
    """
    for pattern, error_type in _FIELD_MESSAGES:
        match = pattern.fullmatch(message)
        if match is not None:
            return error_detail(message, [*loc, match[1]], error_type)
    for pattern, error_type in _MESSAGES:
        if pattern.match(message):
            return error_detail(message, loc, error_type)
    return error_detail(message, loc, ErrorType.VALUE_ERROR)


def split_location(message: str) -> tuple[str, Loc]:
    """Split msgspec's `` - at `...` `` suffix off ``message``.

    Returns the message without the suffix and the path as a ``loc``; a
    message without a readable suffix is returned whole, with ``[]``.
    """
    start = message.rfind(_SUFFIX)
    if start < 0 or not message.endswith('`'):
        return message, []
    where = message[start + len(_SUFFIX) : -1]
    where = where.removeprefix(_KEY_PREFIX)
    loc = parse_path(where)
    if loc is None:
        return message, []
    return message[:start], loc


def parse_path(path: str) -> Loc | None:
    """Read msgspec's ``$.a[0].b`` into ``['a', 0, 'b']``; ``None`` if unreadable.

    A dict key, which msgspec writes ``[...]``, becomes :data:`DICT_KEY`.
    """
    if not path.startswith('$'):
        return None
    loc: Loc = []
    position = 1
    while position < len(path):
        match = _SEGMENT.match(path, position)
        if match is None:
            return None
        name, index, _ = match.groups()
        if name is not None:
            loc.append(name)
        elif index is not None:
            loc.append(int(index))
        else:
            loc.append(DICT_KEY)
        position = match.end()
    return loc
