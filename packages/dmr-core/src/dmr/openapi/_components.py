"""``components/schemas``: collecting backend definitions without clashes.

Backends name the definitions they emit. One name stands for one type: the
same name with a different schema is an error naming both uses, except when
the two differ only in which fields are required, which is the same type
seen in a request and in a response. That type is then split into
``NameInput`` and ``NameOutput``, as the two shapes really differ.
"""

import copy
import typing
from collections.abc import Iterator, Mapping
from typing import Any

from dmr.errors import ErrorDetail, ErrorModel, ProblemDetails
from dmr.openapi._error_schemas import (
    ERROR_DETAIL,
    ERROR_MODEL,
    PROBLEM_DETAILS,
    error_schemas,
)
from dmr.serializer import Direction, JsonSchema, Serializer

REF_PREFIX = '#/components/schemas/'
REF_TEMPLATE = REF_PREFIX + '{name}'
_SUFFIX: dict[Direction, str] = {'request': 'Input', 'response': 'Output'}
# dmr's own error model is documented by the core, the same for every backend.
_CORE_TYPES = (
    (ErrorModel, ERROR_MODEL),
    (ProblemDetails, PROBLEM_DETAILS),
    (ErrorDetail, ERROR_DETAIL),
)
_CORE_SCHEMAS = error_schemas(REF_TEMPLATE)


class SchemaConflictError(ValueError):
    """Two different types would be documented under one name."""


def _shape(schema: Any, renamed: set[str]) -> Any:
    """``schema`` without ``required`` lists, split names mapped back.

    References to a split name, in ``$ref`` or in a discriminator mapping,
    compare equal to the name before the split.
    """
    if isinstance(schema, dict):
        return {
            key: _shape(value, renamed)
            for key, value in schema.items()
            if not (key == 'required' and isinstance(value, list))  # not a property `required`
        }
    if isinstance(schema, list):
        return [_shape(item, renamed) for item in schema]
    if isinstance(schema, str):
        for name in renamed:
            if schema in {REF_TEMPLATE.format(name=name + suffix) for suffix in _SUFFIX.values()}:
                return REF_TEMPLATE.format(name=name)
    return schema


def _mentions(annotation: Any, target: type) -> bool:
    """Whether ``target`` is ``annotation`` or one of its arguments (``list[target]``...)."""
    return annotation is target or any(
        _mentions(argument, target) for argument in typing.get_args(annotation)
    )


def walk_refs(schema: Any) -> Iterator[dict[str, Any]]:
    """Every ``{"$ref": ...}`` object inside ``schema``."""
    if isinstance(schema, dict):
        if isinstance(schema.get('$ref'), str):
            yield schema
        for value in schema.values():
            yield from walk_refs(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from walk_refs(item)


def referred_names(start: Any, schemas: Mapping[str, Any]) -> set[str]:
    """The names of ``schemas`` that ``start`` refers to, directly or through others."""
    found: set[str] = set()
    pending = [ref['$ref'].removeprefix(REF_PREFIX) for ref in walk_refs(start)]
    while pending:
        name = pending.pop()
        if name in found or name not in schemas:
            continue
        found.add(name)
        pending.extend(ref['$ref'].removeprefix(REF_PREFIX) for ref in walk_refs(schemas[name]))
    return found


def _discriminator_mappings(schema: Any) -> Iterator[dict[str, Any]]:
    """Every ``discriminator.mapping`` inside ``schema``: references too."""
    if isinstance(schema, dict):
        discriminator = schema.get('discriminator')
        if isinstance(discriminator, dict) and isinstance(discriminator.get('mapping'), dict):
            yield discriminator['mapping']
        for value in schema.values():
            yield from _discriminator_mappings(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from _discriminator_mappings(item)


class ComponentRegistry:
    """Schemas of one document, by direction until :meth:`finish` merges them."""

    def __init__(self) -> None:
        self._definitions: dict[Direction, dict[str, JsonSchema]] = {'request': {}, 'response': {}}
        self._owners: dict[tuple[Direction, str], str] = {}
        self._roots: dict[Direction, list[Any]] = {'request': [], 'response': []}
        self._core: dict[str, JsonSchema] = {}

    def schema(
        self,
        serializer: Serializer,
        annotation: Any,
        *,
        direction: Direction,
        owner: str,
    ) -> JsonSchema:
        """The schema of ``annotation``; its definitions are kept for later.

        The registry works on its own copy of what the backend returns, so a
        backend may cache its schemas.
        """
        for core_type, core_name in _CORE_TYPES:
            if annotation is core_type:
                self._use_core()
                return {'$ref': REF_TEMPLATE.format(name=core_name)}
        schema, definitions = copy.deepcopy(
            serializer.json_schema(annotation, direction=direction, ref_template=REF_TEMPLATE),
        )
        table = self._definitions[direction]
        use = f'{owner} ({annotation!r})'
        holds_core = any(_mentions(annotation, core_type) for core_type, _ in _CORE_TYPES)
        for name, definition in definitions.items():
            if name in _CORE_SCHEMAS:
                if not holds_core and definition != _CORE_SCHEMAS[name]:
                    raise SchemaConflictError(
                        f"{use} documents a type as {name!r}, the name of dmr's own error "
                        'schema; rename that type',
                    )
                self._use_core()  # the core's own schemas win
                continue
            previous = table.get(name)
            if previous is not None and previous != definition:
                raise SchemaConflictError(
                    f'Two different types are documented as {name!r}: one in '
                    f'{self._owners[direction, name]}, another in {use}; rename one of them',
                )
            table[name] = definition
            self._owners.setdefault((direction, name), use)
        return self.track(direction, schema)

    def _use_core(self) -> None:
        self._core.update(copy.deepcopy(_CORE_SCHEMAS))

    def track(self, direction: Direction, schema: JsonSchema) -> JsonSchema:
        """Keep the references of ``schema`` (in the document) up to date on renames."""
        self._roots[direction].append(schema)
        return schema

    def definition(self, direction: Direction, name: str) -> JsonSchema:
        """A definition collected so far."""
        return self._definitions[direction][name]

    def finish(self) -> dict[str, JsonSchema]:
        """Merge both directions and return ``components/schemas``, sorted."""
        renamed = self._split()
        names = self._definitions['request'].keys() | self._definitions['response'].keys()
        for name in sorted(renamed):
            for suffix in _SUFFIX.values():
                if name + suffix in names - renamed:
                    raise SchemaConflictError(
                        f'{name!r} differs between requests and responses, so it is '
                        f'documented as {name}Input and {name}Output, but another type '
                        f'is already documented as {name + suffix!r}, in '
                        f'{self._owner(name + suffix)}; rename one of them',
                    )
        merged = dict(self._core)
        for direction in ('request', 'response'):
            for name, definition in self._definitions[direction].items():
                merged[name + _SUFFIX[direction] if name in renamed else name] = definition
        return {name: merged[name] for name in sorted(merged)}

    def _split(self) -> set[str]:
        """Split names whose request and response shapes differ only in ``required``."""
        requests, responses = self._definitions['request'], self._definitions['response']
        renamed: set[str] = set()
        while True:
            split = sorted(
                name
                for name in requests.keys() & responses.keys()
                if name not in renamed and requests[name] != responses[name]
            )
            if not split:
                return renamed
            for name in split:
                if _shape(requests[name], renamed) != _shape(responses[name], renamed):
                    raise SchemaConflictError(
                        f'Two different types are documented as {name!r}: one in '
                        f'{self._owners["request", name]}, another in '
                        f'{self._owners["response", name]}; rename one of them',
                    )
                renamed.add(name)
                for direction, suffix in _SUFFIX.items():
                    self._rename(direction, name, name + suffix)

    def _owner(self, name: str) -> str:
        return self._owners.get(('request', name)) or self._owners['response', name]

    def _rename(self, direction: Direction, old: str, new: str) -> None:
        """Point every reference of one direction at ``new`` instead of ``old``."""
        old_ref, new_ref = REF_TEMPLATE.format(name=old), REF_TEMPLATE.format(name=new)
        roots = [*self._roots[direction], *self._definitions[direction].values()]
        for ref in walk_refs(roots):
            if ref['$ref'] == old_ref:
                ref['$ref'] = new_ref
        for mapping in _discriminator_mappings(roots):
            for key, target in mapping.items():
                if target == old_ref:
                    mapping[key] = new_ref
