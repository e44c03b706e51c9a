"""Rewriting the ``msg`` of shared error types from the schema at their ``loc``.

Only the error path comes here: a stage that caught a validation error hands
its details to :class:`MessageRenderer`, which asks the backend for the JSON
Schema of the failed annotation (once, on the first error), walks it along
each detail's ``loc`` and renders the message of :mod:`dmr.messages` from
what it finds there. A request that validates never reaches this module.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from dmr.errors import ErrorDetail, ErrorType
from dmr.messages import SHARED_TYPES, render_message
from dmr.serializer import Direction, Serializer

_Schema = Mapping[str, Any]
_MAX_DEPTH = 32  # references and combinators followed at one place, at most
_COMBINATORS = ('anyOf', 'oneOf', 'allOf')
_BOUNDS = (
    ('minimum', 'minimum'),
    ('maximum', 'maximum'),
    ('exclusiveMinimum', 'exclusive_minimum'),
    ('exclusiveMaximum', 'exclusive_maximum'),
)
# The types whose context is one text keyword of the schema, of the same name.
_NAMED: dict[str, str] = {
    ErrorType.PATTERN_MISMATCH: 'pattern',
    ErrorType.INVALID_FORMAT: 'format',
}
_LENGTH_KEYS: dict[str, tuple[tuple[str, str], ...]] = {
    ErrorType.TOO_SHORT: (
        ('minLength', 'string'),
        ('minItems', 'array'),
        ('minProperties', 'object'),
    ),
    ErrorType.TOO_LONG: (
        ('maxLength', 'string'),
        ('maxItems', 'array'),
        ('maxProperties', 'object'),
    ),
}


class MessageRenderer:
    """Renders shared messages for the components (or the response) of one endpoint.

    ``annotations`` maps the first step of a ``loc`` (``'body'``,
    ``'query'``, ``'response'``...) to the annotation validated there.
    """

    __slots__ = ('annotations', 'direction', 'schemas', 'serializer')

    def __init__(
        self,
        serializer: Serializer,
        annotations: Mapping[str | int, Any],
        direction: Direction,
    ) -> None:
        self.serializer = serializer
        self.annotations = annotations
        self.direction = direction
        self.schemas: dict[str | int, tuple[_Schema, _Schema]] = {}

    def render(self, details: Iterable[ErrorDetail], *, core: bool = False) -> list[ErrorDetail]:
        """The details, with the ``msg`` of each shared type rendered.

        ``core`` details may mix the core's own errors with the backend's:
        their parse errors are the core's, precise already, and kept.
        """
        return [self.render_one(detail, core=core) for detail in details]

    def render_one(self, detail: ErrorDetail, *, core: bool = False) -> ErrorDetail:
        """One detail, its ``msg`` rendered when its type is shared."""
        error_type = detail.get('type')
        loc = detail.get('loc', [])
        if error_type not in SHARED_TYPES or not loc or loc[0] not in self.annotations:
            return detail
        if error_type == ErrorType.PARSE_ERROR and core:
            return detail
        schemas = self.schemas_at(loc[0], loc[1:])
        message = render_message(error_type, context_of(error_type, schemas))
        return {**detail, 'msg': message} if message is not None else detail

    def schemas_at(self, component: str | int, path: list[str | int]) -> list[_Schema]:
        """The schemas that may describe the value at ``path`` inside ``component``."""
        root = self.schemas.get(component)
        if root is None:
            try:
                root = self.serializer.json_schema(
                    self.annotations[component],
                    direction=self.direction,
                    ref_template='{name}',
                )
            except Exception:  # a schema the backend cannot write: messages lose their context
                root = ({}, {})
            self.schemas[component] = root
        schema, definitions = root
        found = _expand(schema, definitions)
        for step in path:
            found = [
                expanded
                for candidate in found
                for child in _children(candidate, step)
                for expanded in _expand(child, definitions)
            ]
        return found


def context_of(error_type: str, schemas: list[_Schema]) -> dict[str, Any]:
    """The context :func:`dmr.messages.render_message` reads for ``error_type``."""
    if error_type == ErrorType.TYPE_ERROR:
        return {'expected': _expected_of(schemas)}
    if error_type == ErrorType.INVALID_CHOICE:
        return {'choices': _choices_of(schemas)}
    lengths = _LENGTH_KEYS.get(error_type, ())
    for schema in schemas:
        if error_type == ErrorType.OUT_OF_RANGE:
            bounds = {name: schema[key] for key, name in _BOUNDS if key in schema}
            if bounds:
                return bounds
        elif lengths:
            for key, kind in lengths:
                if key in schema:
                    return {'limit': schema[key], 'kind': kind}
        else:
            named = _NAMED.get(error_type)
            if named is not None and isinstance(schema.get(named), str):
                return {named: schema[named]}
    return {}


def _expected_of(schemas: list[_Schema]) -> list[str]:
    expected: list[str] = []
    for schema in schemas:
        expected.extend(name for name in _types_of(schema) if name not in expected)
    return expected


def _choices_of(schemas: list[_Schema]) -> list[Any]:
    """The values an enum or a ``Literal`` allows at one place, in a stable order."""
    values: list[Any] = []
    for schema in schemas:
        found = schema['enum'] if isinstance(schema.get('enum'), list) else []
        if 'const' in schema:
            found = [schema['const']]
        values.extend(value for value in found if value not in values)
    return sorted(values, key=lambda value: (type(value).__name__, str(value)))


def _expand(schema: Any, definitions: _Schema) -> list[_Schema]:
    """``schema`` with references followed and combinators flattened."""
    found: list[_Schema] = []
    pending: list[tuple[Any, int]] = [(schema, 0)]
    while pending:
        current, depth = pending.pop(0)
        if not isinstance(current, Mapping) or depth > _MAX_DEPTH:
            continue
        reference = current.get('$ref')
        if isinstance(reference, str):
            pending.append((definitions.get(reference), depth + 1))
            continue
        members = [
            member
            for key in _COMBINATORS
            if isinstance(current.get(key), list)
            for member in current[key]
        ]
        if members:
            pending.extend((member, depth + 1) for member in members)
        else:
            found.append(current)
    return found


def _children(schema: _Schema, step: str | int) -> list[Any]:
    """The schemas of item ``step`` (a key or an index) of a value of ``schema``."""
    if isinstance(step, int):
        prefix = schema.get('prefixItems')
        if isinstance(prefix, list) and 0 <= step < len(prefix):
            return [prefix[step]]
        return [schema['items']] if isinstance(schema.get('items'), Mapping) else []
    properties = schema.get('properties')
    if isinstance(properties, Mapping) and step in properties:
        return [properties[step]]
    extra = schema.get('additionalProperties')
    return [extra] if isinstance(extra, Mapping) else []


def _types_of(schema: _Schema) -> list[str]:
    """The JSON type names a value of ``schema`` may have."""
    declared = schema.get('type')
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list):
        return [name for name in declared if isinstance(name, str)]
    values = schema['enum'] if isinstance(schema.get('enum'), list) else []
    if 'const' in schema:
        values = [schema['const']]
    if values:
        return [_json_type(value) for value in values]
    if 'properties' in schema or 'additionalProperties' in schema:
        return ['object']
    if 'items' in schema or 'prefixItems' in schema:
        return ['array']
    return []


def _json_type(value: Any) -> str:
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'boolean'
    if isinstance(value, int):
        return 'integer'
    if isinstance(value, float):
        return 'number'
    return 'string' if isinstance(value, str) else 'object'
