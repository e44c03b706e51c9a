"""Turning pydantic's errors into dmr's error details.

pydantic reports every error it finds, each with a ``type`` from its own
vocabulary and a ``loc``. This module files each ``type`` under the shared
:class:`dmr.errors.ErrorType` vocabulary and, when the schema that failed is
known, rewrites ``loc`` as the path in the data (see
:mod:`dmr_pydantic._locations`). Where a union failed, pydantic reports
every member's errors; clients get those of the member that came closest, as
from the other backends.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticSerializationError

from dmr.errors import ErrorDetail, ErrorType, Loc, error_detail
from dmr_pydantic._core_schema import Node, SchemaGraph, choice_kinds, json_kind
from dmr_pydantic._locations import Branch, locate

_TYPES: dict[str, ErrorType] = {
    # Input that could not be read as a whole: malformed JSON, invalid
    # UTF-8, nesting too deep or cyclic.
    'json_invalid': ErrorType.PARSE_ERROR,
    'recursion_loop': ErrorType.PARSE_ERROR,
    'recursion_depth_exceeded': ErrorType.PARSE_ERROR,
    'missing': ErrorType.MISSING,
    'missing_argument': ErrorType.MISSING,
    'missing_keyword_only_argument': ErrorType.MISSING,
    'missing_positional_only_argument': ErrorType.MISSING,
    'extra_forbidden': ErrorType.EXTRA_FORBIDDEN,
    'unexpected_keyword_argument': ErrorType.EXTRA_FORBIDDEN,
    'unexpected_positional_argument': ErrorType.EXTRA_FORBIDDEN,
    'greater_than': ErrorType.OUT_OF_RANGE,
    'greater_than_equal': ErrorType.OUT_OF_RANGE,
    'less_than': ErrorType.OUT_OF_RANGE,
    'less_than_equal': ErrorType.OUT_OF_RANGE,
    'int_parsing_size': ErrorType.OUT_OF_RANGE,
    'finite_number': ErrorType.OUT_OF_RANGE,  # NaN, Infinity, 1e400
    'too_short': ErrorType.TOO_SHORT,
    'string_too_short': ErrorType.TOO_SHORT,
    'bytes_too_short': ErrorType.TOO_SHORT,
    'too_long': ErrorType.TOO_LONG,
    'string_too_long': ErrorType.TOO_LONG,
    'bytes_too_long': ErrorType.TOO_LONG,
    'url_too_long': ErrorType.TOO_LONG,
    'string_pattern_mismatch': ErrorType.PATTERN_MISMATCH,
    # Text that is no number or boolean at all, as the other backends say:
    # the value is of the wrong type. A type not listed here (a user's own
    # validator above all) is a `value_error`.
    'int_parsing': ErrorType.TYPE_ERROR,
    'int_from_float': ErrorType.TYPE_ERROR,
    'float_parsing': ErrorType.TYPE_ERROR,
    'bool_parsing': ErrorType.TYPE_ERROR,
    'none_required': ErrorType.TYPE_ERROR,
    'is_instance_of': ErrorType.TYPE_ERROR,
    'is_subclass_of': ErrorType.TYPE_ERROR,
    'string_unicode': ErrorType.TYPE_ERROR,
    'needs_python_object': ErrorType.TYPE_ERROR,
    # pydantic's own refusals of a value of the right kind: not a member of
    # an enum or Literal, text that is no valid date, UUID or decimal. The
    # core writes their messages from the schema, as for every backend.
    'enum': ErrorType.INVALID_CHOICE,
    'literal_error': ErrorType.INVALID_CHOICE,
    'datetime_parsing': ErrorType.INVALID_FORMAT,
    'datetime_from_date_parsing': ErrorType.INVALID_FORMAT,
    'date_parsing': ErrorType.INVALID_FORMAT,
    'date_from_datetime_parsing': ErrorType.INVALID_FORMAT,
    'date_from_datetime_inexact': ErrorType.INVALID_FORMAT,
    'time_parsing': ErrorType.INVALID_FORMAT,
    'time_delta_parsing': ErrorType.INVALID_FORMAT,
    'uuid_parsing': ErrorType.INVALID_FORMAT,
    'uuid_version': ErrorType.INVALID_FORMAT,
    'decimal_parsing': ErrorType.INVALID_FORMAT,
}
# Errors about the input as a whole: pydantic places a nesting limit deep
# inside the value, where it gave up.
_WHOLE_INPUT = frozenset({'json_invalid', 'recursion_depth_exceeded'})
# pydantic before 2.14.3 names that limit `recursion_loop`, as it names a cycle
# of type aliases met inside a union; outside any union it is the limit.
_LIMIT_OR_CYCLE = 'recursion_loop'
# A value outside an enum or Literal is an `invalid_choice`, unless it is not
# even of the kind of those values (a number for string choices).
_CHOICES = frozenset({'enum', 'literal_error'})
_UNKNOWN_TYPE = 'Unable to serialize unknown type'

MAX_DETAILS = 100
"""At most this many of pydantic's errors are reported for one value.

A body of invalid list items would otherwise be answered with a detail per
item: megabytes of errors for a request that a client fixes one field at a
time anyway.
"""


def error_type(pydantic_type: str) -> ErrorType:
    """The dmr error type of one of pydantic's error types.

    >>> error_type('string_too_short'), error_type('int_type'), error_type('value_error')
    (<ErrorType.TOO_SHORT: 'too_short'>, <ErrorType.TYPE_ERROR: 'type_error'>, \
<ErrorType.VALUE_ERROR: 'value_error'>)
    """
    known = _TYPES.get(pydantic_type)
    if known is not None:
        return known
    if pydantic_type.endswith('_type'):
        return ErrorType.TYPE_ERROR
    return ErrorType.VALUE_ERROR


@dataclass(frozen=True, slots=True)
class _Located:
    """One pydantic error, converted, with the unions on its path."""

    order: int
    msg: str
    loc: Loc
    type: ErrorType
    branches: tuple[Branch, ...]

    def detail(self) -> ErrorDetail:
        return error_detail(self.msg, self.loc, self.type)


def validation_details(
    error: ValidationError,
    graph: SchemaGraph | None,
) -> list[ErrorDetail]:
    """Convert a :class:`pydantic.ValidationError` into error details.

    With the ``graph`` of the schema that failed, union labels are taken out
    of each ``loc`` and union errors narrowed to the closest member; without
    it, ``loc`` is pydantic's. Only the first :data:`MAX_DETAILS` errors are
    converted.
    """
    located = []
    lines = error.errors(include_url=False)[:MAX_DETAILS]
    for order, line in enumerate(lines):
        kind = line['type']
        loc: Sequence[str | int] = line['loc']
        branches: tuple[Branch, ...] = ()
        dmr_type = error_type(kind)
        if kind in _WHOLE_INPUT:
            loc = ()
        elif graph is not None:
            location = locate(graph, loc)
            loc, branches = location.path, location.branches
            if kind in _CHOICES and _other_kind(line.get('input'), location.schemas):
                dmr_type = ErrorType.TYPE_ERROR
            elif kind == _LIMIT_OR_CYCLE and not branches:
                loc = ()
        located.append(_Located(order, line['msg'], list(loc), dmr_type, branches))
    narrowed = sorted(_narrow(located, 0), key=lambda item: item.order)
    return [item.detail() for item in narrowed]


def serialization_details(error: PydanticSerializationError) -> list[ErrorDetail]:
    """A value pydantic could not serialize: an unknown type, a cycle, bad bytes."""
    message = str(error)
    kind = ErrorType.TYPE_ERROR if _UNKNOWN_TYPE in message else ErrorType.VALUE_ERROR
    return [error_detail(message, [], kind)]


def _other_kind(value: Any, schemas: list[Node]) -> bool:
    """Whether ``value`` is of no JSON kind the choices at ``schemas`` have.

    Text is given the benefit of the doubt: query strings and headers carry
    every kind of value as text.
    """
    if isinstance(value, str):
        return False
    kinds = choice_kinds(schemas)
    return kinds is not None and json_kind(value) not in kinds


def _narrow(errors: list[_Located], depth: int) -> list[_Located]:
    """Keep, for each union at ``depth`` on the errors' paths, one member's errors."""
    result: list[_Located] = []
    unions: dict[tuple[str | int, ...], dict[str | int, list[_Located]]] = {}
    for item in errors:
        if len(item.branches) <= depth:
            result.append(item)
            continue
        branch = item.branches[depth]
        unions.setdefault(branch.at, {}).setdefault(branch.member, []).append(item)
    for at, members in unions.items():
        result.extend(_narrow(_closest(at, list(members.values())), depth + 1))
    return result


def _closest(at: tuple[str | int, ...], members: list[list[_Located]]) -> list[_Located]:
    """The errors of the union member that came closest to accepting the value.

    A member that failed deeper inside the value is closer; then one with
    fewer errors; then one that accepted the kind of value but not the value
    itself. When every member refused the kind of value outright, the union
    is reported as one ``type_error`` at its own place.
    """
    if all(_refused_outright(len(at), errors) for errors in members):
        first = members[0][0]
        message = '; '.join(dict.fromkeys(item.msg for errors in members for item in errors))
        return [_Located(first.order, message, list(at), ErrorType.TYPE_ERROR, ())]
    return max(members, key=lambda errors: _closeness(len(at), errors))


def _refused_outright(depth: int, errors: list[_Located]) -> bool:
    return all(len(item.loc) == depth and item.type is ErrorType.TYPE_ERROR for item in errors)


def _closeness(depth: int, errors: list[_Located]) -> tuple[int, int, bool]:
    deepest = max(len(item.loc) - depth for item in errors)
    return (
        deepest,
        -len(errors),
        any(item.type is not ErrorType.TYPE_ERROR for item in errors),
    )
