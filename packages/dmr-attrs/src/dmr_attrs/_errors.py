"""The backend's own validation errors, and cattrs' error groups turned into details.

cattrs reports every problem of a class at once: a ``ClassValidationError``
holds one exception per bad field, each carrying an ``AttributeValidationNote``
that names the field; an ``IterableValidationError`` does the same for list
items (by index) and dict values (by key). This module walks that tree,
without recursion (a group may be nested as deeply as the input was), and
turns every leaf into one :class:`dmr.errors.ErrorDetail` whose ``loc`` is
the path of notes that led to it.
"""

from collections.abc import Callable
from typing import Any

import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from dmr.errors import ErrorDetail, ErrorType, Loc, error_detail


class AttrsValidationError(ValueError):
    """Invalid data found by dmr-attrs itself, with its ``type`` in dmr's vocabulary.

    Raised by the backend's structure hooks (a ``str`` sent for an ``int``,
    an unknown enum value...) and for input that is not JSON at all.
    Inside a class or a collection, cattrs collects it into its error groups.
    """

    error_type: ErrorType = ErrorType.VALUE_ERROR

    def __init__(self, message: str, error_type: ErrorType | None = None) -> None:
        super().__init__(message)
        if error_type is not None:
            self.error_type = error_type


class WrongTypeError(AttrsValidationError):
    """A value of the wrong JSON type: a string for a number, an array for an object."""

    error_type = ErrorType.TYPE_ERROR


def wrong_type(expected: str, value: Any) -> WrongTypeError:
    """The error for ``value`` where ``expected`` (a type name) was needed."""
    return WrongTypeError(f'Expected `{expected}`, got `{_json_type(value)}`')


def _json_type(value: Any) -> str:
    names = {str: 'str', int: 'int', float: 'float', bool: 'bool', list: 'array', dict: 'object'}
    if value is None:
        return 'null'
    return names.get(value.__class__, type(value).__name__)


# Where a note puts the exception it is attached to, below its group.
_NOTES: dict[type, Callable[[Any], str | int]] = {
    AttributeValidationNote: lambda note: note.name,
    IterableValidationNote: lambda note: note.index,
}


def error_details(
    error: BaseException,
    wire_name: Callable[[type, str], str],
) -> list[ErrorDetail]:
    """Convert one validation error (a cattrs group or a leaf) into details.

    ``wire_name(cls, attribute)`` maps an attribute name, which is what
    cattrs' notes hold, to the key clients send.
    """
    details: list[ErrorDetail] = []
    pending: list[tuple[BaseException, Loc, type | None]] = [(error, [], None)]
    while pending:
        exc, loc, owner = pending.pop()
        if isinstance(exc, BaseExceptionGroup):
            cls = exc.cl if isinstance(exc, cattrs.BaseValidationError) else None
            children = [(sub, _child_loc(sub, loc, cls, wire_name), cls) for sub in exc.exceptions]
            pending.extend(reversed(children))
        elif isinstance(exc, ForbiddenExtraKeysError):
            details.extend(
                error_detail(f'Unknown field `{key}`', [*loc, key], ErrorType.EXTRA_FORBIDDEN)
                for key in sorted(exc.extra_fields)
            )
        else:
            details.append(_leaf(exc, loc, owner))
    return details


def _child_loc(
    exc: BaseException,
    loc: Loc,
    cls: type | None,
    wire_name: Callable[[type, str], str],
) -> Loc:
    for note in getattr(exc, '__notes__', ()):
        step = _NOTES.get(note.__class__)
        if step is None:
            continue
        key = step(note)
        if isinstance(note, AttributeValidationNote) and cls is not None:
            key = wire_name(cls, note.name)
        return [*loc, key]
    return loc


def _leaf(exc: BaseException, loc: Loc, owner: type | None) -> ErrorDetail:
    if isinstance(exc, AttrsValidationError):
        return error_detail(str(exc), loc, exc.error_type)
    if isinstance(exc, KeyError) and owner is not None and loc and exc.args == (loc[-1],):
        return error_detail('Missing required field', loc, ErrorType.MISSING)
    if isinstance(exc, TypeError):
        return error_detail(str(exc), loc, ErrorType.TYPE_ERROR)
    return error_detail(str(exc) or type(exc).__name__, loc, ErrorType.VALUE_ERROR)
