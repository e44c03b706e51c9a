"""Reading pydantic-core schemas: fields, items and union members.

A ``TypeAdapter`` compiles an annotation into a core schema, a tree of
plain dicts. The backend reads it for two things pydantic does not say
directly: which top-level fields hold several values (for repeated query
keys), and which steps of an error's ``loc`` name a union member rather than
a place in the data. Only the structure matters here: wrappers such as
defaults, nullables and validator functions are looked through.
"""

import types
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

Node = Mapping[str, Any]
"""One core schema node: a dict with a ``type`` key."""

UNIONS = frozenset({'union', 'tagged-union'})
_FIELDED = frozenset({'model-fields', 'typed-dict', 'dataclass-args'})
_SEQUENCES = frozenset({'list', 'set', 'frozenset', 'generator', 'deque'})
_ARRAYS = _SEQUENCES | {'tuple'}
# Nodes that wrap one schema without adding a step to the data's path.
_WRAPPERS = frozenset(
    {
        'default',
        'nullable',
        'function-before',
        'function-after',
        'function-wrap',
        'model',
        'dataclass',
        'definitions',
    },
)
# Nodes that validate with one of several schemas, without a step of their own.
_ALTERNATIVES = {
    'lax-or-strict': ('lax_schema', 'strict_schema'),
    'json-or-python': ('json_schema', 'python_schema'),
}
_NAMED = frozenset({'model', 'dataclass', 'typed-dict'})


class SchemaGraph:
    """A core schema with its definitions, navigated by data path."""

    __slots__ = ('definitions', 'root')

    def __init__(self, root: Node) -> None:
        self.root = root
        self.definitions: dict[str, Node] = dict(_definitions(root))

    def expand(self, nodes: Iterable[Node]) -> list[Node]:
        """The structural nodes behind ``nodes``: references followed, wrappers opened."""
        result: list[Node] = []
        seen: set[int] = set()
        pending = list(nodes)
        while pending:
            node = pending.pop(0)
            if id(node) in seen:
                continue
            seen.add(id(node))
            kind = node.get('type')
            if kind == 'definition-ref':
                ref = node['schema_ref']
                # A reference pydantic did not define leads nowhere.
                pending.extend([self.definitions[ref]] if ref in self.definitions else [])
            elif kind in _WRAPPERS:
                pending.append(node['schema'])
            elif kind in _ALTERNATIVES:
                pending.extend(node[key] for key in _ALTERNATIVES[kind])
            elif kind == 'chain':
                pending.extend(node['steps'])
            else:
                result.append(node)
        return result

    def children(self, node: Node, step: str | int) -> list[Node]:
        """The schemas of what sits at ``step`` inside data validated by ``node``."""
        kind = node.get('type')
        if kind in _FIELDED:
            for names, schema in fields(node):
                if step in names:
                    return [schema]
            extras = node.get('extras_schema')
            return [] if extras is None else [extras]
        if kind == 'tuple' and isinstance(step, int):
            items: list[Node] = node['items_schema']
            variadic = node.get('variadic_item_index')
            index = step if variadic is None else min(step, variadic)
            return items[index : index + 1]
        if 'values_schema' in node:  # dicts, ordered dicts, counters: `step` is a key
            return [node['values_schema']]
        if kind in _SEQUENCES and isinstance(step, int):
            return [node.get('items_schema', _ANY)]
        return []

    def members(self, union: Node, label: str | int) -> list[Node]:
        """The members of ``union`` that pydantic may have labelled ``label``.

        A tagged union labels members by tag. A plain union labels a member
        with its explicit label, or with a name pydantic derives: a model's,
        dataclass' or TypedDict's class name, a type's spelling otherwise.
        When no member carries ``label`` exactly, any member may have.
        """
        if union['type'] == 'tagged-union':
            choices: dict[Any, Node] = union['choices']
            matching = [schema for tag, schema in choices.items() if str(tag) == str(label)]
            return matching or _union_members(union)
        members: list[Node] = []
        for choice in union['choices']:
            schema, name = choice if isinstance(choice, tuple) else (choice, self._name(choice))
            if name == label:
                members.append(schema)
        return members or _union_members(union)

    def _name(self, schema: Node) -> str | None:
        """The class name pydantic labels a model, dataclass or TypedDict member with."""
        if schema.get('type') == 'definition-ref':
            schema = self.definitions.get(schema['schema_ref'], schema)
        cls = schema.get('cls')
        return cls.__name__ if schema.get('type') in _NAMED and isinstance(cls, type) else None

    def is_array(self, schema: Node) -> bool:
        """Whether data validated by ``schema`` is a JSON array (also in a union)."""
        seen: set[int] = set()
        pending = self.expand([schema])
        while pending:
            node = pending.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            kind = node.get('type')
            if kind in _ARRAYS:
                return True
            if kind in UNIONS:
                pending.extend(self.expand(_union_members(node)))
        return False

    def array_fields(self) -> frozenset[str]:
        """Wire names of the root's top-level fields that hold several values."""
        return frozenset(
            name
            for node in self.expand([self.root])
            if node.get('type') in _FIELDED
            for names, schema in fields(node)
            if self.is_array(schema)
            for name in names
            if isinstance(name, str)
        )

    def wire_names(self) -> dict[str, str]:
        """The alias of each of the root's top-level fields that has one, by field name."""
        return {
            name: alias
            for node in self.expand([self.root])
            if node.get('type') in _FIELDED
            for name, entry in _entries(node)
            if isinstance(alias := entry.get('validation_alias'), str)
        }


_ANY: Node = {'type': 'any'}


def fields(node: Node) -> Iterator[tuple[frozenset[str | int], Node]]:
    """Each field of a model, TypedDict or dataclass: its wire names, its schema.

    A field answers to its name and to each single-step validation alias.
    """
    for name, entry in _entries(node):
        yield frozenset({name, *_aliases(entry.get('validation_alias'))}), entry['schema']


def _entries(node: Node) -> Iterable[tuple[str, Node]]:
    """Each field of a model, TypedDict or dataclass, by name."""
    entries = node['fields']
    if isinstance(entries, Mapping):
        return entries.items()
    return ((entry['name'], entry) for entry in entries)


def _aliases(alias: Any) -> Iterator[str | int]:
    """The first step of each path of a validation alias."""
    if isinstance(alias, str):
        yield alias
    elif isinstance(alias, list):
        # AliasChoices: a list of paths; AliasPath: one path, a list of steps.
        paths = alias if all(isinstance(path, list) for path in alias) else [alias]
        for path in paths:
            yield path[0]


_JSON_KINDS: tuple[tuple[type | types.UnionType, str], ...] = (
    (bool, 'boolean'),  # before int: True is an int too
    (int | float, 'number'),
    (str, 'string'),
    (list | tuple, 'array'),
    (Mapping, 'object'),
    (type(None), 'null'),
)


def json_kind(value: Any) -> str:
    """The JSON kind of a Python value: ``'string'``, ``'number'``, ``'array'``..."""
    for kinds, name in _JSON_KINDS:
        if isinstance(value, kinds):
            return name
    return type(value).__name__


def choice_kinds(nodes: list[Node]) -> set[str] | None:
    """The JSON kinds of the values that the enums and Literals among ``nodes`` allow.

    ``None`` when there are none, so nothing can be said.
    """
    values: list[Any] = []
    for node in nodes:
        kind = node.get('type')
        if kind == 'literal':
            values.extend(node['expected'])
        elif kind == 'enum':
            values.extend(member.value for member in node['members'])
    return {json_kind(value) for value in values} if values else None


def _union_members(node: Node) -> list[Node]:
    """A union's member schemas, without their labels or tags."""
    choices = node['choices']
    if node['type'] == 'tagged-union':
        choices = choices.values()
    members = (choice[0] if isinstance(choice, tuple) else choice for choice in choices)
    return [member for member in members if isinstance(member, Mapping)]


def _definitions(root: Node) -> Iterator[tuple[str, Node]]:
    """Every node of the tree that declares a ``ref``, by that ref."""
    seen: set[int] = set()
    pending: list[Any] = [root]
    while pending:
        item = pending.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, Mapping):
            ref = item.get('ref')
            if isinstance(ref, str) and 'type' in item:
                yield ref, item
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)
