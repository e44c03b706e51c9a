"""From pydantic's ``loc`` to the place in the data a client sent.

pydantic's ``loc`` mixes two kinds of steps: places in the data (field names
as they arrive, list indices, dict keys) and the labels of union members it
tried (``'int'``, ``'Cat'``, a tag value). Clients only know the first kind,
and the other backends only report it, so the labels are taken out here by
walking the ``loc`` through the core schema. Each label taken out is kept as
a :class:`Branch`, so that errors from several members of one union can be
narrowed to the member that came closest (see :mod:`dmr_pydantic._errors`).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from dmr.errors import Loc
from dmr_pydantic._core_schema import UNIONS, Node, SchemaGraph

DICT_KEY = '[key]'
"""pydantic's step after a dict key whose key, not value, is invalid."""


@dataclass(frozen=True, slots=True)
class Branch:
    """A union on an error's path: where it sits, and the member pydantic tried."""

    at: tuple[str | int, ...]
    member: str | int


@dataclass(frozen=True, slots=True)
class Location:
    """Where an error happened: the data's path, the unions on the way, the schemas there."""

    path: Loc
    branches: tuple[Branch, ...]
    schemas: list[Node]


def locate(graph: SchemaGraph, loc: Sequence[str | int]) -> Location:
    """Split pydantic's ``loc`` into the data's path and the unions on the way.

    A step is a union label when the schema at that point is a union and no
    other schema there has a child by that name. Steps past the point where
    the schema cannot be followed are kept as they are.
    """
    nodes = graph.expand([graph.root])
    parents: list[Node] = []
    path: Loc = []
    branches: list[Branch] = []
    for step in loc:
        if step == DICT_KEY and any('values_schema' in node for node in parents):
            # The key itself failed, not its value: ['tags', 'x', '[key]'].
            path.append(step)
            parents, nodes = nodes, []
            continue
        parents = nodes
        unions = [node for node in nodes if node.get('type') in UNIONS]
        others = [node for node in nodes if node.get('type') not in UNIONS]
        children = [child for node in others for child in graph.children(node, step)]
        if unions and not children:
            branches.append(Branch(tuple(path), step))
            nodes = graph.expand(_members(graph, unions, step))
            continue
        path.append(step)
        nodes = graph.expand(children)
    return Location(path, tuple(branches), nodes)


def _members(graph: SchemaGraph, unions: list[Node], step: str | int) -> list[Node]:
    return [member for union in unions for member in graph.members(union, step)]
