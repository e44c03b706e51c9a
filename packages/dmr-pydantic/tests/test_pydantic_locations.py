"""Error locations through every kind of schema pydantic builds."""

import collections
import enum
import ipaddress
from collections.abc import Sequence
from typing import Any, Literal, Union

import pytest
from pydantic import AliasChoices, AliasPath, BaseModel, Field
from typing_extensions import TypeAliasType

from dmr_pydantic import InvalidDataError, PydanticSerializer
from dmr_pydantic._core_schema import SchemaGraph, json_kind

serializer = PydanticSerializer()


def located(annotation: Any, data: Any) -> list[tuple[list[str | int], str]]:
    """``(loc, type)`` of each detail for ``data`` sent to a request adapter."""
    adapter = serializer.adapter(annotation, direction='request')
    with pytest.raises(InvalidDataError) as caught:
        adapter.from_python(data)
    return [
        (detail.get('loc', []), detail.get('type', ''))
        for detail in serializer.error_details(caught.value)
    ]


class Colour(enum.Enum):
    RED = 'red'


class Level(enum.IntEnum):
    LOW = 1


Ping = TypeAliasType('Ping', Union[int, 'Pong'])
Pong = TypeAliasType('Pong', Union[str, Ping])  # noqa: UP007 - as Ping spells it


class Paths(BaseModel):
    first: int = Field(0, validation_alias=AliasPath('items', 0))
    either: list[int] = Field(default_factory=list, validation_alias=AliasChoices('e', 'either'))


@pytest.mark.parametrize(
    ('annotation', 'data', 'expected'),
    [
        (tuple[int, int | bool], [1, []], [([1], 'type_error')]),
        (tuple[int | bool, ...], [1, 2, []], [([2], 'type_error')]),
        (Sequence[int | bool], [1, []], [([1], 'type_error')]),
        (collections.OrderedDict[str, int | bool], {'a': []}, [(['a'], 'type_error')]),
        (
            collections.OrderedDict[int, int | bool],
            {'a': 1},
            [(['a', '[key]'], 'type_error')],
        ),
        (collections.deque[int | bool], [[]], [([0], 'type_error')]),
        (dict[str, ipaddress.IPv4Address], {'a': 'x'}, [(['a'], 'value_error')]),
        (dict[str, Ping], {'a': []}, [(['a'], 'type_error')]),
        (Paths, {'e': ['x']}, [(['e', 0], 'type_error')]),
        (dict[str, Colour], {'a': 'blue'}, [(['a'], 'invalid_choice')]),
        (dict[str, Colour], {'a': 1}, [(['a'], 'type_error')]),
        (dict[str, Colour], {'a': None}, [(['a'], 'type_error')]),
        (dict[str, Level], {'a': [1]}, [(['a'], 'type_error')]),
        (dict[str, Level], {'a': 5}, [(['a'], 'invalid_choice')]),
        (dict[str, Level], {'a': '5'}, [(['a'], 'invalid_choice')]),
        (dict[str, Literal['a']], {'k': {}}, [(['k'], 'type_error')]),
        (dict[str, Literal['a']], {'k': object()}, [(['k'], 'type_error')]),
        (list[int], 'nope', [([], 'type_error')]),
    ],
)
def test_errors_are_located_in_the_data(annotation, data, expected):
    """Tuples, sequences, mappings, aliases, enums: `loc` is the data's path."""
    assert located(annotation, data) == expected


def test_alias_path_fields_are_located_by_their_first_step():
    """A field read through `AliasPath('items', 0)` is reported where pydantic says."""
    assert located(Paths, {'items': ['x']}) == [(['items', 0], 'type_error')]


def test_alias_paths_and_choices_name_array_fields():
    """Each alias a field answers to is a wire name; its name too."""
    adapter = serializer.adapter(Paths, direction='request')

    assert adapter.array_fields == {'e', 'either'}


def test_sequences_are_array_fields():
    """A `Sequence[int]` field collects repeated query keys like a list."""

    class Query(BaseModel):
        ids: Sequence[int] = ()
        ping: Ping = 0
        nested: dict[str, Ping] = {}

    assert serializer.adapter(Query, direction='request').array_fields == {'ids'}


def test_a_reference_to_nowhere_leads_nowhere():
    """A schema referring to an undefined definition is followed no further."""
    graph = SchemaGraph({'type': 'definition-ref', 'schema_ref': 'missing'})

    assert graph.expand([graph.root]) == []
    assert graph.array_fields() == frozenset()


def test_a_node_met_twice_is_expanded_once():
    """Two ways to one schema give it once."""
    node = {'type': 'int'}

    assert SchemaGraph(node).expand([node, {'type': 'default', 'schema': node}]) == [node]


@pytest.mark.parametrize(
    ('value', 'kind'),
    [
        (None, 'null'),
        (True, 'boolean'),
        (1, 'number'),
        (1.5, 'number'),
        ('a', 'string'),
        ([], 'array'),
        ((), 'array'),
        ({}, 'object'),
        (b'', 'bytes'),
        (Colour.RED, 'Colour'),
    ],
)
def test_json_kinds_of_python_values(value, kind):
    """Values are sorted into JSON's kinds; others by their type's name."""
    assert json_kind(value) == kind
