"""``components/schemas``: collecting backend definitions without clashes.

Backends name the definitions they emit. One name stands for one type: the
same name with a different schema is an error naming both uses, except when
the two differ only in which fields are required, which is the same type
seen in a request and in a response. That type is then split into
``NameInput`` and ``NameOutput``, as the two shapes really differ.
"""

from collections.abc import Iterator
from typing import Any

from dmr.errors import ErrorModel
from dmr.openapi._error_schemas import ERROR_MODEL, error_schemas
from dmr.serializer import Direction, JsonSchema, Serializer

REF_PREFIX = '#/components/schemas/'
REF_TEMPLATE = REF_PREFIX + '{name}'
_SUFFIX: dict[Direction, str] = {'request': 'Input', 'response': 'Output'}


class SchemaConflictError(ValueError):
    """Two different types would be documented under one name."""


def _shape(schema: Any, renamed: set[str]) -> Any:
    """``schema`` without ``required`` lists, split names mapped back."""
    if isinstance(schema, dict):
        shape = {key: _shape(value, renamed) for key, value in schema.items() if key != 'required'}
        ref = schema.get('$ref')
        if isinstance(ref, str):
            for name in renamed:
                if ref in {REF_TEMPLATE.format(name=name + suffix) for suffix in _SUFFIX.values()}:
                    shape['$ref'] = REF_TEMPLATE.format(name=name)
        return shape
    if isinstance(schema, list):
        return [_shape(item, renamed) for item in schema]
    return schema


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
        """The schema of ``annotation``; its definitions are kept for later."""
        if annotation is ErrorModel:
            self._core.update(error_schemas(REF_TEMPLATE))
            return {'$ref': REF_TEMPLATE.format(name=ERROR_MODEL)}
        schema, definitions = serializer.json_schema(
            annotation,
            direction=direction,
            ref_template=REF_TEMPLATE,
        )
        table = self._definitions[direction]
        for name, definition in definitions.items():
            previous = table.get(name)
            if previous is not None and previous != definition:
                raise SchemaConflictError(
                    f'Two different types are documented as {name!r}: one in '
                    f'{self._owners[direction, name]}, another in {owner} ({annotation!r}); '
                    'rename one of them',
                )
            table[name] = definition
            self._owners.setdefault((direction, name), f'{owner} ({annotation!r})')
        self._roots[direction].append(schema)
        return schema

    def definition(self, direction: Direction, name: str) -> JsonSchema:
        """A definition collected so far."""
        return self._definitions[direction][name]

    def finish(self) -> dict[str, JsonSchema]:
        """Merge both directions and return ``components/schemas``, sorted."""
        requests, responses = self._definitions['request'], self._definitions['response']
        renamed: set[str] = set()
        while True:
            split = sorted(
                name
                for name in requests.keys() & responses.keys()
                if name not in renamed and requests[name] != responses[name]
            )
            if not split:
                break
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
        merged = dict(self._core)
        for direction in ('request', 'response'):
            for name, definition in self._definitions[direction].items():
                merged[name + _SUFFIX[direction] if name in renamed else name] = definition
        return {name: merged[name] for name in sorted(merged)}

    def _rename(self, direction: Direction, old: str, new: str) -> None:
        """Point every reference of one direction at ``new`` instead of ``old``."""
        old_ref, new_ref = REF_TEMPLATE.format(name=old), REF_TEMPLATE.format(name=new)
        roots = [*self._roots[direction], *self._definitions[direction].values()]
        for ref in walk_refs(roots):
            if ref['$ref'] == old_ref:
                ref['$ref'] = new_ref
