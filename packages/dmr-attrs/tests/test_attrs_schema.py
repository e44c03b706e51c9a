"""The JSON Schema emitter: what attrs classes and their validators become."""

import datetime
import decimal
import enum
import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal, NotRequired, TypedDict

import attrs
import cattrs
import pytest
from attrs import validators

import attrs_urls
from dmr.openapi import OpenAPIConfig, build_schema
from dmr_attrs import AttrsSerializer


def schema_of(annotation, direction='request', serializer=None):
    serializer = serializer or AttrsSerializer()
    return serializer.json_schema(annotation, direction=direction, ref_template='#/$defs/{name}')


def field_schema(annotation=None, **field):
    """The schema of one field `value` of a class made for the test."""
    cls = attrs.make_class('Holder', {'value': attrs.field(type=annotation, **field)})
    _, definitions = schema_of(cls)
    return definitions['Holder']['properties']['value']


class Colour(enum.Enum):
    """A colour."""

    RED = 'red'
    GREEN = 'green'


class Size(enum.IntEnum):
    SMALL = 1
    LARGE = 2


@attrs.define
class Node:
    """A tree.

    Each node has children.
    """

    name: str
    children: list['Node'] = attrs.Factory(list)


@attrs.define
class Renamed:
    user_name: str = attrs.field(alias='userName')
    hidden: int = attrs.field(default=0)
    computed: int = attrs.field(init=False, default=1)


class Movement(TypedDict):
    x: int
    y: NotRequired[int]


@pytest.mark.parametrize(
    ('annotation', 'expected'),
    [
        (str, {'type': 'string'}),
        (int, {'type': 'integer'}),
        (float, {'type': 'number'}),
        (bool, {'type': 'boolean'}),
        (None, {'type': 'null'}),
        (Any, {}),
        (datetime.datetime, {'type': 'string', 'format': 'date-time'}),
        (datetime.date, {'type': 'string', 'format': 'date'}),
        (datetime.time, {'type': 'string', 'format': 'time'}),
        (datetime.timedelta, {'type': 'string', 'format': 'duration'}),
        (uuid.UUID, {'type': 'string', 'format': 'uuid'}),
        (decimal.Decimal, {'type': 'string', 'format': 'decimal'}),
        (Literal['a', 'b'], {'enum': ['a', 'b'], 'type': 'string'}),
        (Literal[1, 'a'], {'enum': [1, 'a']}),
        (Literal[None], {'type': 'null'}),
        (int | None, {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}),
        (int | str | Any, {}),
        (
            int | (str | None),
            {'anyOf': [{'type': 'integer'}, {'type': 'string'}, {'type': 'null'}]},
        ),
        (list[int], {'type': 'array', 'items': {'type': 'integer'}}),
        (list, {'type': 'array'}),
        (Sequence[str], {'type': 'array', 'items': {'type': 'string'}}),
        (tuple[int, ...], {'type': 'array', 'items': {'type': 'integer'}}),
        (
            tuple[int, str],
            {
                'type': 'array',
                'minItems': 2,
                'maxItems': 2,
                'prefixItems': [{'type': 'integer'}, {'type': 'string'}],
                'items': False,
            },
        ),
        (tuple[()], {'type': 'array', 'minItems': 0, 'maxItems': 0}),
        (set[int], {'type': 'array', 'items': {'type': 'integer'}, 'uniqueItems': True}),
        (frozenset[str], {'type': 'array', 'items': {'type': 'string'}, 'uniqueItems': True}),
        (dict[str, int], {'type': 'object', 'additionalProperties': {'type': 'integer'}}),
        (Mapping[str, Any], {'type': 'object'}),
        (
            dict[Literal['a'], int],
            {
                'type': 'object',
                'additionalProperties': {'type': 'integer'},
                'propertyNames': {'enum': ['a'], 'type': 'string'},
            },
        ),
        (Annotated[int, 'meta'], {'type': 'integer'}),
        (int | Annotated[int, 'meta'], {'type': 'integer'}),
    ],
)
def test_plain_types(annotation, expected):
    """Each plain type has its JSON Schema, formats as the codec writes them."""
    assert schema_of(annotation) == (expected, {})


def test_enums_are_named_definitions():
    """Enums are referenced; their values and shared type are listed."""
    assert schema_of(list[Colour | Size]) == (
        {
            'type': 'array',
            'items': {'anyOf': [{'$ref': '#/$defs/Colour'}, {'$ref': '#/$defs/Size'}]},
        },
        {
            'Colour': {
                'title': 'Colour',
                'description': 'A colour.',
                'enum': ['red', 'green'],
                'type': 'string',
            },
            'Size': {'title': 'Size', 'enum': [1, 2], 'type': 'integer'},
        },
    )


def test_recursive_classes_refer_to_themselves():
    """A recursive class is one definition that refers to itself."""
    schema, definitions = schema_of(Node)

    assert schema == {'$ref': '#/$defs/Node'}
    assert definitions == {
        'Node': {
            'title': 'Node',
            'description': 'A tree.\n\nEach node has children.',
            'type': 'object',
            'properties': {
                'name': {'type': 'string', 'title': 'Name'},
                'children': {
                    'type': 'array',
                    'items': {'$ref': '#/$defs/Node'},
                    'default': [],
                    'title': 'Children',
                },
            },
            'required': ['name'],
        },
    }


def test_fields_with_defaults_are_required_in_responses():
    """The converter always writes every field, so responses require them all."""
    _, definitions = schema_of(Node, 'response')

    assert definitions['Node']['required'] == ['name', 'children']


def test_omitted_defaults_are_not_required_in_responses():
    """With `omit_defaults`, fields with defaults may be absent from responses."""
    _, definitions = schema_of(Node, 'response', AttrsSerializer(omit_defaults=True))

    assert definitions['Node']['required'] == ['name']


def test_an_override_decides_for_its_field():
    """`override(omit_if_default=...)` wins over the serializer's choice."""
    serializer = AttrsSerializer(
        omit_defaults=True,
        overrides={Node: {'children': cattrs.override(omit_if_default=False)}},
    )

    assert schema_of(Node, 'response', serializer)[1]['Node']['required'] == ['name', 'children']


def test_aliases_and_skipped_fields():
    """Wire names are aliases; `init=False` fields are not on the wire."""
    _, definitions = schema_of(Renamed)

    assert definitions['Renamed']['properties'] == {
        'userName': {'type': 'string', 'title': 'Username'},
        'hidden': {'type': 'integer', 'default': 0, 'title': 'Hidden'},
    }


def test_overrides_rename_and_omit_fields():
    """cattrs overrides rename and omit fields in the schema as on the wire."""
    serializer = AttrsSerializer(
        overrides={
            Renamed: {
                'user_name': cattrs.override(rename='login'),
                'hidden': cattrs.override(omit=True),
            },
        },
    )

    _, definitions = schema_of(Renamed, serializer=serializer)

    assert list(definitions['Renamed']['properties']) == ['login']


def test_forbidden_extra_keys_close_the_object():
    """`forbid_extra_keys` is `additionalProperties: false`, in both directions."""
    serializer = AttrsSerializer(forbid_extra_keys=True)

    for direction in ('request', 'response'):
        _, definitions = schema_of(Node, direction, serializer)
        assert definitions['Node']['additionalProperties'] is False


def test_typed_dicts_list_their_required_keys():
    """A `TypedDict` is a definition; `NotRequired` keys are optional."""
    assert schema_of(Movement)[1] == {
        'Movement': {
            'title': 'Movement',
            'type': 'object',
            'properties': {
                'x': {'type': 'integer', 'title': 'X'},
                'y': {'type': 'integer', 'title': 'Y'},
            },
            'required': ['x'],
        },
    }


def test_two_classes_with_one_name_get_distinct_definitions():
    """A second class of the same name is named after its module and qualname."""
    first = attrs.make_class('Twin', {'a': attrs.field(type=int)})
    second = attrs.make_class('Twin', {'b': attrs.field(type=str)})
    pair = attrs.make_class(
        'Pair', {'one': attrs.field(type=first), 'two': attrs.field(type=second)}
    )

    _, definitions = schema_of(pair)

    assert sorted(definitions) == ['Pair', 'Twin', f'{__name__}_Twin']


@pytest.mark.parametrize(
    ('annotation', 'validator', 'expected'),
    [
        (int, validators.ge(0), {'type': 'integer', 'minimum': 0}),
        (int, validators.gt(0), {'type': 'integer', 'exclusiveMinimum': 0}),
        (float, validators.le(1.5), {'type': 'number', 'maximum': 1.5}),
        (float, validators.lt(2), {'type': 'number', 'exclusiveMaximum': 2}),
        (int, [validators.ge(0), validators.ge(5)], {'type': 'integer', 'minimum': 5}),
        (str, validators.min_len(2), {'type': 'string', 'minLength': 2}),
        (str, validators.max_len(9), {'type': 'string', 'maxLength': 9}),
        (
            list[int],
            validators.min_len(1),
            {'type': 'array', 'items': {'type': 'integer'}, 'minItems': 1},
        ),
        (
            dict[str, int],
            validators.max_len(3),
            {'type': 'object', 'additionalProperties': {'type': 'integer'}, 'maxProperties': 3},
        ),
        (str, validators.matches_re('^[a-z]+$'), {'type': 'string', 'pattern': '^[a-z]+$'}),
        (str, validators.matches_re('[a-z]+'), {'type': 'string', 'pattern': '^(?:[a-z]+)$'}),
        (
            str,
            validators.matches_re('[a-z]+', func=re.match),
            {'type': 'string', 'pattern': '^(?:[a-z]+)'},
        ),
        (
            str,
            validators.matches_re('[a-z]+', func=re.search),
            {'type': 'string', 'pattern': '[a-z]+'},
        ),
        (str, validators.in_(['a', 'b']), {'type': 'string', 'enum': ['a', 'b']}),
        (str, validators.in_({'b', 'a'}), {'type': 'string', 'enum': ['a', 'b']}),
        (
            Colour,
            validators.in_([Colour.RED]),
            {'allOf': [{'$ref': '#/$defs/Colour'}, {'enum': ['red']}]},
        ),
        (int, validators.instance_of(int), {'type': 'integer'}),
        (
            int | str,
            validators.instance_of(int),
            {
                'allOf': [
                    {'anyOf': [{'type': 'integer'}, {'type': 'string'}]},
                    {'type': 'integer'},
                ]
            },
        ),
        (
            None,
            validators.instance_of((int, str)),
            {'anyOf': [{'type': 'integer'}, {'type': 'string'}]},
        ),
        (
            int | None,
            validators.optional(validators.ge(1)),
            {'anyOf': [{'type': 'integer', 'minimum': 1}, {'type': 'null'}]},
        ),
        (
            int | None,
            validators.optional(validators.instance_of(int)),
            {'anyOf': [{'type': 'integer'}, {'type': 'null'}]},
        ),
        (
            list[str] | None,
            validators.optional(validators.deep_iterable(validators.min_len(1))),
            {
                'anyOf': [
                    {'type': 'array', 'items': {'type': 'string', 'minLength': 1}},
                    {'type': 'null'},
                ]
            },
        ),
        (
            list[int],
            validators.deep_iterable(
                validators.and_(validators.ge(0), validators.le(9)), validators.max_len(4)
            ),
            {
                'type': 'array',
                'items': {'type': 'integer', 'minimum': 0, 'maximum': 9},
                'maxItems': 4,
            },
        ),
        (
            tuple[int, int],
            validators.deep_iterable(validators.ge(0)),
            {
                'type': 'array',
                'minItems': 2,
                'maxItems': 2,
                'prefixItems': [
                    {'type': 'integer', 'minimum': 0},
                    {'type': 'integer', 'minimum': 0},
                ],
                'items': False,
            },
        ),
        (
            dict[str, int],
            validators.deep_mapping(validators.min_len(1), validators.ge(0)),
            {
                'type': 'object',
                'additionalProperties': {'type': 'integer', 'minimum': 0},
                'propertyNames': {'type': 'string', 'minLength': 1},
            },
        ),
        (
            list[Any],
            validators.deep_iterable(validators.instance_of(int)),
            {'type': 'array', 'items': {'type': 'integer'}},
        ),
    ],
)
def test_validators_that_map_to_json_schema(annotation, validator, expected):
    """Each validator with a JSON Schema equivalent becomes its keyword."""
    schema = field_schema(annotation, validator=validator)
    schema.pop('title')

    assert schema == expected


class Secret:
    pass


@pytest.mark.parametrize(
    ('annotation', 'validator'),
    [
        (int, validators.or_(validators.lt(0), validators.gt(9))),
        (int, validators.not_(validators.in_([3]))),
        (str, validators.in_('abc')),
        (str, validators.matches_re('[a-z]+', re.IGNORECASE)),
        (str, validators.ge('a')),
        (int, validators.ge(decimal.Decimal(1))),
        (str, validators.ge(1)),
        (Node, validators.min_len(1)),
        (int, validators.instance_of(Secret)),
        (int, lambda instance, attribute, value: None),
        (Any, validators.in_([Secret()])),
        (Any, validators.deep_mapping(validators.min_len(1))),
        (int | None, validators.matches_re('[a-z]')),
        (int, validators.max_len(True)),
    ],
)
def test_validators_without_an_equivalent_are_left_out(annotation, validator):
    """What JSON Schema cannot express is not guessed: the schema is the type's."""
    schema = field_schema(annotation, validator=validator)
    schema.pop('title', None)

    assert schema == schema_of(annotation)[0]


def test_metadata_describes_a_field():
    """`metadata` gives a field its description, title and examples."""
    schema = field_schema(
        str,
        metadata={'description': 'Who it is', 'title': 'Login', 'examples': ['ada'], 'other': 1},
    )

    assert schema == {
        'type': 'string',
        'description': 'Who it is',
        'title': 'Login',
        'examples': ['ada'],
    }


@pytest.mark.parametrize(
    ('annotation', 'default', 'expected'),
    [
        (datetime.date, datetime.date(2024, 1, 2), '2024-01-02'),
        (Colour, Colour.GREEN, 'green'),
        (set[int], attrs.Factory(set), []),
        (dict[str, int], attrs.Factory(dict), {}),
        (uuid.UUID, attrs.Factory(uuid.uuid4), None),
        (list[int], attrs.Factory(lambda self: [], takes_self=True), None),
        (Any, Secret(), None),
    ],
)
def test_defaults_are_shown_as_written_on_the_wire(annotation, default, expected):
    """A default is shown in its JSON form; computed defaults are not shown."""
    schema = field_schema(annotation, default=default)

    assert schema.get('default') == expected


def test_the_openapi_document_of_the_test_api_is_valid():
    """Every schema of the test controllers validates as OpenAPI 3.0 and 3.1."""
    from openapi_spec_validator import validate

    for version in ('3.0.3', '3.1.0'):
        validate(build_schema(attrs_urls.router, OpenAPIConfig(openapi_version=version)))


def test_header_models_declare_their_fields_through_the_schema():
    """The core reads header names from the schema's properties."""
    from attrs_models import ClientHeaders

    _, definitions = schema_of(ClientHeaders)

    assert list(definitions['ClientHeaders']['properties']) == [
        'x_api_token',
        'x_retries',
        'x_request_ids',
        'user_agent',
    ]
