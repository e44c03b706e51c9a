"""attrs validators as JSON Schema keywords.

- ``gt``, ``ge``, ``lt``, ``le`` on a number: ``exclusiveMinimum``,
  ``minimum``, ``exclusiveMaximum``, ``maximum``;
- ``min_len``, ``max_len``: ``minLength``/``maxLength`` on a string,
  ``minItems``/``maxItems`` on an array, ``minProperties``/``maxProperties``
  on an object;
- ``matches_re`` without flags: ``pattern``, anchored as the match function
  anchors it;
- ``in_`` with a collection of options: ``enum``;
- ``instance_of``: the schema of the named types, when the backend knows them;
- ``optional``, ``deep_iterable``, ``deep_mapping``, ``and_`` and lists of
  validators: their validators, where they apply.

Anything else (``or_``, ``not_``, ``is_callable``, ``in_`` with a string,
a regex with flags, your own functions) is left out of the schema rather
than guessed: the backend still runs it.
"""

import re
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from dmr.serializer import JsonSchema
from dmr_attrs._types import inspect_annotation
from dmr_attrs._validators import (
    IN,
    INSTANCE_OF,
    MATCHES,
    MAX_LENGTH,
    MIN_LENGTH,
    NUMBER,
    Part,
    leaves,
)


class Emitter(Protocol):
    """What the constraints need of the schema emitter (``dmr_attrs._schema.Emitter``)."""

    custom: Mapping[Any, JsonSchema]
    """Types taught to the converter, and their schemas."""

    def union(self, members: tuple[Any, ...], /) -> JsonSchema:
        """The schema of a union of ``members``."""

    def json_value(self, value: Any, /) -> Any:
        """``value`` as the converter writes it in JSON; ``ValueError`` if it cannot."""


Edit = Callable[[JsonSchema], JsonSchema]

_NUMERIC = frozenset({'integer', 'number'})
_BOUNDS = {
    '>': ('exclusiveMinimum', max),
    '>=': ('minimum', max),
    '<': ('exclusiveMaximum', min),
    '<=': ('maximum', min),
}
_LENGTHS = {
    'string': ('minLength', 'maxLength'),
    'array': ('minItems', 'maxItems'),
    'object': ('minProperties', 'maxProperties'),
}
_NULL = {'type': 'null'}


def apply_validator(schema: JsonSchema, validator: Any, emitter: Emitter) -> JsonSchema:
    """``schema`` with the constraints of ``validator`` added where they apply."""
    for leaf in leaves(validator):
        edit = _edit(leaf.validator, emitter)
        if edit is not None:
            schema = _at(schema, leaf.parts, edit)
    return schema


def _at(schema: JsonSchema, parts: tuple[Part, ...], edit: Edit) -> JsonSchema:
    """Apply ``edit`` to the part of ``schema`` that ``parts`` name."""
    if 'anyOf' in schema and (parts or not getattr(edit, 'whole', False)):
        schema['anyOf'] = [
            member
            if member == _NULL and parts[:1] == (Part.NOT_NONE,)
            else _at(member, parts, edit)
            for member in schema['anyOf']
        ]
        return schema
    if not parts:
        return edit(schema)
    part, rest = parts[0], parts[1:]
    if part is Part.NOT_NONE:
        return schema if schema == _NULL else _at(schema, rest, edit)
    if part is Part.ITEMS and schema.get('type') == 'array':
        if 'prefixItems' in schema:
            schema['prefixItems'] = [_at(item, rest, edit) for item in schema['prefixItems']]
        else:
            schema['items'] = _at(schema.get('items', {}), rest, edit)
    elif part is Part.VALUES and schema.get('type') == 'object':
        schema['additionalProperties'] = _at(schema.get('additionalProperties', {}), rest, edit)
    elif part is Part.KEYS and schema.get('type') == 'object':
        names = schema.get('propertyNames', {'type': 'string'})
        schema['propertyNames'] = _at(names, rest, edit)
    return schema


def _edit(validator: Any, emitter: Emitter) -> Edit | None:
    build = _EDITS.get(type(validator))
    return None if build is None else build(validator, emitter)


def _bound(op: str, bound: Any) -> Edit | None:
    if op not in _BOUNDS or not isinstance(bound, int | float) or isinstance(bound, bool):
        return None
    keyword, stricter = _BOUNDS[op]

    def edit(schema: JsonSchema) -> JsonSchema:
        if schema.get('type') in _NUMERIC:
            schema[keyword] = stricter(schema[keyword], bound) if keyword in schema else bound
        return schema

    return edit


def _length(which: int, length: Any) -> Edit | None:
    if not isinstance(length, int) or isinstance(length, bool):
        return None

    def edit(schema: JsonSchema) -> JsonSchema:
        keywords = _LENGTHS.get(schema.get('type', ''))
        if keywords is not None:
            keyword = keywords[which]
            stricter = max if which == 0 else min
            schema[keyword] = stricter(schema[keyword], length) if keyword in schema else length
        return schema

    return edit


def _pattern(pattern: re.Pattern[Any], match: Callable[..., Any]) -> Edit | None:
    if not isinstance(pattern.pattern, str) or pattern.flags & ~re.UNICODE:
        return None  # flags have no portable spelling in a JSON Schema pattern
    source = pattern.pattern
    how = match.__name__  # attrs takes re.fullmatch, re.match or re.search
    starts, ends = source.startswith('^'), source.endswith('$') and not source.endswith('\\$')
    if how == 'fullmatch' and not (starts and ends):
        source = f'^(?:{source})$'
    elif how == 'match' and not starts:
        source = f'^(?:{source})'

    def edit(schema: JsonSchema) -> JsonSchema:
        if schema.get('type') == 'string':
            schema['pattern'] = source
        return schema

    return edit


def _options(options: Any, emitter: Emitter) -> Edit | None:
    if isinstance(options, str | bytes) or not isinstance(
        options, list | tuple | set | frozenset | range | dict
    ):
        return None  # `in_('abc')` is a substring test
    try:
        values = [emitter.json_value(option) for option in options]
    except ValueError:  # an option the converter cannot write
        return None
    if isinstance(options, set | frozenset):
        values = sorted(values, key=repr)

    def edit(schema: JsonSchema) -> JsonSchema:
        if '$ref' in schema:
            return {'allOf': [schema, {'enum': values}]}
        existing = schema.get('enum')
        schema['enum'] = values if existing is None else [v for v in existing if v in values]
        return schema

    return edit


def _instance_of(types: Any, emitter: Emitter) -> Edit | None:
    members = types if isinstance(types, tuple) else (types,)
    if not members or any(
        inspect_annotation(member, emitter.custom).problem is not None for member in members
    ):
        return None  # a class the backend does not know: nothing to show
    expected = emitter.union(members)

    def edit(schema: JsonSchema) -> JsonSchema:
        if not schema or schema == expected:
            return dict(expected)
        return {'allOf': [schema, expected]}

    edit.whole = True  # type: ignore[attr-defined]  # read by _at: the whole union is narrowed
    return edit


_EDITS: dict[type, Callable[[Any, Emitter], Edit | None]] = {
    NUMBER: lambda validator, _: _bound(validator.compare_op, validator.bound),
    MIN_LENGTH: lambda validator, _: _length(0, validator.min_length),
    MAX_LENGTH: lambda validator, _: _length(1, validator.max_length),
    MATCHES: lambda validator, _: _pattern(validator.pattern, validator.match_func),
    # attrs turns a set of options into a tuple in hash order; the options as
    # written say whether they have an order of their own.
    IN: lambda validator, emitter: _options(
        getattr(validator, '_original_options', validator.options), emitter
    ),
    INSTANCE_OF: lambda validator, emitter: _instance_of(validator.type, emitter),
}
