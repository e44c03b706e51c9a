"""Reading attrs validators: which constraint each one is, and where it applies.

attrs composes validators (``and_``, a list, ``optional``, ``deep_iterable``,
``deep_mapping``) around simple ones (``ge``, ``max_len``, ``matches_re``...).
:func:`leaves` takes a composed validator apart into the simple ones and the
part of the value each one checks, which serves two purposes:

- locating a failure: attrs raises a validator's error from ``__init__``
  without saying which field failed, so the backend runs each leaf again to
  find the field, the list index or the dict key, and the error ``type``;
- the JSON Schema: each leaf the schema can express becomes one keyword.

The simple validator classes are private to attrs; they are recognised by
the class of a validator the public factories build, never imported.
"""

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import attrs
from attrs import validators

from dmr.errors import ErrorType

NUMBER: type[Any] = type(validators.ge(0))
MIN_LENGTH: type[Any] = type(validators.min_len(0))
MAX_LENGTH: type[Any] = type(validators.max_len(0))
MATCHES: type[Any] = type(validators.matches_re(''))
INSTANCE_OF: type[Any] = type(validators.instance_of(int))
IN: type[Any] = type(validators.in_(()))
_AND: type[Any] = type(validators.and_())
_OPTIONAL: type[Any] = type(validators.optional(validators.instance_of(int)))
_DEEP_ITERABLE: type[Any] = type(validators.deep_iterable(validators.instance_of(int)))
_DEEP_MAPPING: type[Any] = type(validators.deep_mapping(validators.instance_of(int)))

_ERROR_TYPES = {
    NUMBER: ErrorType.OUT_OF_RANGE,
    MIN_LENGTH: ErrorType.TOO_SHORT,
    MAX_LENGTH: ErrorType.TOO_LONG,
    MATCHES: ErrorType.PATTERN_MISMATCH,
    INSTANCE_OF: ErrorType.TYPE_ERROR,
    IN: ErrorType.INVALID_CHOICE,
}


class Part(enum.Enum):
    """The part of a value a leaf validator checks."""

    ITEMS = 'items'
    """Each member of an iterable (``deep_iterable``)."""
    KEYS = 'keys'
    """Each key of a mapping (``deep_mapping``)."""
    VALUES = 'values'
    """Each value of a mapping (``deep_mapping``)."""
    NOT_NONE = 'not-none'
    """The value, unless it is ``None`` (``optional``)."""


@dataclass(frozen=True, slots=True)
class Leaf:
    """A simple validator and the path of parts it applies to."""

    validator: Any
    parts: tuple[Part, ...] = ()


def leaves(validator: Any, parts: tuple[Part, ...] = ()) -> Iterator[Leaf]:
    """The simple validators inside ``validator``, in the order attrs runs them."""
    kind = type(validator)
    if kind is _AND:
        for inner in validator._validators:
            yield from leaves(inner, parts)
    elif kind is _OPTIONAL:
        yield from leaves(validator.validator, (*parts, Part.NOT_NONE))
    elif kind is _DEEP_ITERABLE:
        if validator.iterable_validator is not None:
            yield from leaves(validator.iterable_validator, parts)
        yield from leaves(validator.member_validator, (*parts, Part.ITEMS))
    elif kind is _DEEP_MAPPING:
        if validator.mapping_validator is not None:
            yield from leaves(validator.mapping_validator, parts)
        if validator.key_validator is not None:
            yield from leaves(validator.key_validator, (*parts, Part.KEYS))
        if validator.value_validator is not None:
            yield from leaves(validator.value_validator, (*parts, Part.VALUES))
    else:
        yield Leaf(validator, parts)


@dataclass(frozen=True, slots=True)
class Violation:
    """One failed leaf: where in the value, what it raised, and its ``type``."""

    loc: tuple[str | int, ...]
    error: Exception
    error_type: ErrorType


def violations(
    validator: Any,
    instance: Any,
    attribute: 'attrs.Attribute[Any]',
    value: Any,
) -> Iterator[Violation]:
    """Run every leaf of ``validator`` on ``value`` and report each failure."""
    for leaf in leaves(validator):
        for loc, item in _targets(value, leaf.parts):
            try:
                leaf.validator(instance, attribute, item)
            except Exception as exc:  # a validator may raise anything
                yield Violation(loc, exc, error_type(leaf.validator, exc))


def error_type(validator: Any, error: Exception) -> ErrorType:
    """The ``type`` of a failure of ``validator``."""
    known = _ERROR_TYPES.get(type(validator))
    if known is not None:
        return known
    return ErrorType.TYPE_ERROR if isinstance(error, TypeError) else ErrorType.VALUE_ERROR


def _targets(
    value: Any,
    parts: tuple[Part, ...],
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """``(loc, item)`` for each item that ``parts`` selects inside ``value``."""
    if not parts:
        yield (), value
        return
    part, rest = parts[0], parts[1:]
    if part is Part.NOT_NONE:
        if value is not None:
            yield from _targets(value, rest)
    elif part is Part.ITEMS:
        for index, item in enumerate(value):
            yield from _prefixed(index, _targets(item, rest))
    else:
        for key, item in value.items():
            yield from _prefixed(key, _targets(key if part is Part.KEYS else item, rest))


def _prefixed(
    step: Any,
    found: Iterator[tuple[tuple[str | int, ...], Any]],
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    step = step if isinstance(step, str | int) else str(step)
    for loc, item in found:
        yield (step, *loc), item
