"""The messages of the shared error types, in the request's language.

For the error ``type``s every backend shares (``missing``, ``type_error``,
``out_of_range``...), clients do not read the validation library's wording:
the core writes ``msg`` itself, from the type and a small *context* it reads
from the compiled JSON Schema at the error's ``loc`` (the expected types, a
limit, a pattern). So every backend, bundled or third-party, gives the same
message for the same mistake, translated by Django's translation machinery
(``LocaleMiddleware`` picks the language from ``Accept-Language``).

The context has fixed keys per type; a key that is absent, or holds a value
of the wrong kind, only makes the message less precise, never an error:

=====================  ===================================================
type                   context keys
=====================  ===================================================
``type_error``         ``expected``: JSON type names (``'integer'``...)
``out_of_range``       ``minimum``, ``maximum``, ``exclusive_minimum``,
                       ``exclusive_maximum``: numbers
``too_short``,         ``limit``: an integer; ``kind``: ``'string'``,
``too_long``           ``'array'`` or ``'object'``
``pattern_mismatch``   ``pattern``: the regular expression
``invalid_choice``     ``choices``: the allowed values (JSON scalars)
``invalid_format``     ``format``: the JSON Schema ``format`` (``'date'``,
                       ``'date-time'``, ``'time'``, ``'duration'``,
                       ``'uuid'``, ``'decimal'``)
=====================  ===================================================

>>> render_message('too_short', {'limit': 2, 'kind': 'string'})
'The minimum length is 2.'

Other types (``value_error`` above all, which a user's own validator
raises) keep the backend's message, as written: a backend files its
library's own refusals of an enum member or a date under ``invalid_choice``
and ``invalid_format``, so only its users' messages are ``value_error``.
"""

import json
from collections.abc import Callable, Mapping
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from dmr.errors import ErrorType

SHARED_TYPES: frozenset[str] = frozenset(
    {
        ErrorType.PARSE_ERROR,
        ErrorType.MISSING,
        ErrorType.EXTRA_FORBIDDEN,
        ErrorType.TYPE_ERROR,
        ErrorType.OUT_OF_RANGE,
        ErrorType.TOO_SHORT,
        ErrorType.TOO_LONG,
        ErrorType.PATTERN_MISMATCH,
        ErrorType.INVALID_CHOICE,
        ErrorType.INVALID_FORMAT,
    },
)
"""The error types whose ``msg`` the core renders, whatever the backend."""

_FIXED: dict[str, Promise] = {
    ErrorType.PARSE_ERROR: gettext_lazy('The request body could not be parsed.'),
    ErrorType.MISSING: gettext_lazy('This field is required.'),
    ErrorType.EXTRA_FORBIDDEN: gettext_lazy('This field is not allowed.'),
}
_BOUNDS = (
    ('minimum', gettext_lazy('Must be greater than or equal to %(limit)s.')),
    ('exclusive_minimum', gettext_lazy('Must be greater than %(limit)s.')),
    ('maximum', gettext_lazy('Must be less than or equal to %(limit)s.')),
    ('exclusive_maximum', gettext_lazy('Must be less than %(limit)s.')),
)
_LENGTHS: dict[tuple[str, str], Promise] = {
    (ErrorType.TOO_SHORT, 'string'): gettext_lazy('The minimum length is %(limit)s.'),
    (ErrorType.TOO_SHORT, 'array'): gettext_lazy('The minimum number of items is %(limit)s.'),
    (ErrorType.TOO_SHORT, 'object'): gettext_lazy('The minimum number of keys is %(limit)s.'),
    (ErrorType.TOO_LONG, 'string'): gettext_lazy('The maximum length is %(limit)s.'),
    (ErrorType.TOO_LONG, 'array'): gettext_lazy('The maximum number of items is %(limit)s.'),
    (ErrorType.TOO_LONG, 'object'): gettext_lazy('The maximum number of keys is %(limit)s.'),
}
_UNBOUNDED: dict[str, Promise] = {
    ErrorType.OUT_OF_RANGE: gettext_lazy('The number is out of range.'),
    ErrorType.TOO_SHORT: gettext_lazy('The value is too short.'),
    ErrorType.TOO_LONG: gettext_lazy('The value is too long.'),
    ErrorType.PATTERN_MISMATCH: gettext_lazy('The value does not match the required pattern.'),
    ErrorType.TYPE_ERROR: gettext_lazy('The value is of the wrong type.'),
    ErrorType.INVALID_CHOICE: gettext_lazy('The value is not one of the allowed values.'),
    ErrorType.INVALID_FORMAT: gettext_lazy('The value is not in the expected format.'),
}
_FORMATS: dict[str, Promise] = {
    'date-time': gettext_lazy(
        'Expected a date and time in ISO 8601 format, such as `2024-01-31T12:00:00Z`.',
    ),
    'date': gettext_lazy('Expected a date in ISO 8601 format, such as `2024-01-31`.'),
    'time': gettext_lazy('Expected a time in ISO 8601 format, such as `12:30:00`.'),
    'duration': gettext_lazy('Expected a duration in ISO 8601 format, such as `P1DT2H30M`.'),
    'uuid': gettext_lazy('Expected a UUID, such as `123e4567-e89b-12d3-a456-426614174000`.'),
    'decimal': gettext_lazy('Expected a decimal number, such as `12.50`.'),
}
_MAX_CHOICES = 20  # listed in a message, at most
_JSON_TYPES = ('string', 'integer', 'number', 'boolean', 'array', 'object', 'null')


def render_message(error_type: str, context: Mapping[str, Any], /) -> str | None:
    """The message of a shared ``error_type``, in the active language.

    ``None`` for a type that is not shared (its message stays the
    backend's). Never raises for any ``context``.
    """
    fixed = _FIXED.get(error_type)
    if fixed is not None:
        return str(fixed)
    if error_type in (ErrorType.TOO_SHORT, ErrorType.TOO_LONG):
        return _length(error_type, context)
    if error_type == ErrorType.OUT_OF_RANGE:
        return _out_of_range(context)
    by_key = _BY_KEY.get(error_type)
    if by_key is None:
        return None
    key, render = by_key
    return render(context.get(key))


def _choice(choices: Any) -> str:
    if isinstance(choices, (list, tuple)):
        scalars = [value for value in choices if _is_scalar(value)]
        if scalars and len(scalars) <= _MAX_CHOICES:
            listed = ', '.join(f'`{_scalar_text(value)}`' for value in scalars)
            return gettext('Expected one of: %(choices)s.') % {'choices': listed}
    return str(_UNBOUNDED[ErrorType.INVALID_CHOICE])


def _format(name: Any) -> str:
    message = _FORMATS.get(name) if isinstance(name, str) else None
    return str(message if message is not None else _UNBOUNDED[ErrorType.INVALID_FORMAT])


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _scalar_text(value: Any) -> str:
    """A string as it is, other values as JSON writes them (``null``, ``true``, ``2``)."""
    return value if isinstance(value, str) else json.dumps(value)


def _pattern(pattern: Any) -> str:
    if isinstance(pattern, str):
        return gettext('Must match the pattern `%(pattern)s`.') % {'pattern': pattern}
    return str(_UNBOUNDED[ErrorType.PATTERN_MISMATCH])


def _type_error(expected: Any) -> str:
    if isinstance(expected, (list, tuple)):
        names = [name for name in _JSON_TYPES if name in expected]
        if names:
            listed = ', '.join(f'`{name}`' for name in names)
            return gettext('Expected a value of type %(expected)s.') % {'expected': listed}
    return str(_UNBOUNDED[ErrorType.TYPE_ERROR])


def _out_of_range(context: Mapping[str, Any]) -> str:
    sentences = [
        str(template) % {'limit': _number(context[key])}
        for key, template in _BOUNDS
        if _is_number(context.get(key))
    ]
    return ' '.join(sentences) or str(_UNBOUNDED[ErrorType.OUT_OF_RANGE])


def _length(error_type: str, context: Mapping[str, Any]) -> str:
    limit = context.get('limit')
    kind = context.get('kind')
    template = _LENGTHS.get((error_type, kind)) if isinstance(kind, str) else None
    if template is None or not isinstance(limit, int) or isinstance(limit, bool):
        return str(_UNBOUNDED[error_type])
    return str(template) % {'limit': limit}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _number(value: Any) -> str:
    """``2`` for ``2.0``: JSON Schema writes integer bounds as floats at times."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)


# The types whose message reads one key of the context, and how.
_BY_KEY: dict[str, tuple[str, Callable[[Any], str]]] = {
    ErrorType.TYPE_ERROR: ('expected', _type_error),
    ErrorType.PATTERN_MISMATCH: ('pattern', _pattern),
    ErrorType.INVALID_CHOICE: ('choices', _choice),
    ErrorType.INVALID_FORMAT: ('format', _format),
}
