"""JSON Schema of Schemas, fields and plain types."""

import datetime
import decimal
import enum
import uuid
from typing import Any, Literal

import pytest
from dmr.serializer import Direction
from marshmallow import EXCLUDE, INCLUDE, Schema, fields, validate

from dmr_marshmallow import MarshmallowSerializer
from dmr_marshmallow import fields as dmr_fields

serializer = MarshmallowSerializer()


def schema_of(annotation: Any, direction: Direction = 'request') -> tuple[Any, dict[str, Any]]:
    return serializer.json_schema(annotation, direction=direction, ref_template='#/d/{name}')


def field_schema(field: fields.Field[Any], direction: Direction = 'request') -> Any:
    holder = Schema.from_dict({'f': field}, name=f'Holder{id(field)}')
    _, definitions = schema_of(holder, direction)
    suffix = {'request': 'Input', 'response': 'Output'}[direction]
    definition = definitions.get(holder.__name__) or definitions[holder.__name__ + suffix]
    return definition['properties']['f']


class Colour(enum.Enum):
    RED = 'red'
    BLUE = 'blue'


class Size(enum.Enum):
    SMALL = 1
    LARGE = 2


@pytest.mark.parametrize(
    ('field', 'expected'),
    [
        (fields.String(), {'type': 'string'}),
        (fields.Integer(), {'type': 'integer'}),
        (fields.Float(), {'type': 'number'}),
        (fields.Boolean(), {'type': 'boolean'}),
        (fields.Decimal(), {'type': 'number'}),
        (fields.Decimal(as_string=True), {'type': 'string', 'format': 'decimal'}),
        (fields.UUID(), {'type': 'string', 'format': 'uuid'}),
        (fields.Email(), {'type': 'string', 'format': 'email'}),
        (fields.Url(), {'type': 'string', 'format': 'uri'}),
        (fields.IPv4(), {'type': 'string', 'format': 'ipv4'}),
        (fields.IPv6(), {'type': 'string', 'format': 'ipv6'}),
        (fields.IP(), {'type': 'string'}),
        (fields.IPInterface(), {'type': 'string'}),
        (fields.DateTime(), {'type': 'string', 'format': 'date-time'}),
        (fields.DateTime(format='timestamp'), {'type': 'number'}),
        (fields.DateTime(format='rfc'), {'type': 'string'}),
        (fields.Date(), {'type': 'string', 'format': 'date'}),
        (fields.Time(), {'type': 'string', 'format': 'time'}),
        (fields.TimeDelta(), {'type': 'number'}),
        (dmr_fields.Duration(), {'type': 'string', 'format': 'duration'}),
        (fields.Raw(), {}),
        (fields.Raw(allow_none=True), {}),
        (fields.Constant('x'), {'const': 'x', 'default': 'x'}),
        (fields.Constant(object()), {}),
        (fields.Enum(Colour), {'type': 'string', 'enum': ['RED', 'BLUE']}),
        (fields.Enum(Colour, by_value=True), {'type': 'string', 'enum': ['red', 'blue']}),
        (fields.Enum(Size, by_value=True), {'enum': [1, 2]}),
        (fields.List(fields.Integer()), {'type': 'array', 'items': {'type': 'integer'}}),
        (
            dmr_fields.Set(fields.Integer()),
            {'type': 'array', 'items': {'type': 'integer'}, 'uniqueItems': True},
        ),
        (
            fields.Tuple((fields.Integer(), fields.String())),
            {
                'type': 'array',
                'prefixItems': [{'type': 'integer'}, {'type': 'string'}],
                'minItems': 2,
                'maxItems': 2,
            },
        ),
        (fields.Dict(), {'type': 'object'}),
        (
            fields.Dict(keys=fields.String(), values=fields.Float()),
            {'type': 'object', 'additionalProperties': {'type': 'number'}},
        ),
        (
            dmr_fields.Union([fields.Integer(), fields.String()]),
            {'anyOf': [{'type': 'integer'}, {'type': 'string'}]},
        ),
        (fields.Integer(allow_none=True), {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}),
        (fields.Integer(load_default=3), {'type': 'integer', 'default': 3}),
        (
            fields.Enum(Colour, load_default=Colour.RED),
            {'type': 'string', 'enum': ['RED', 'BLUE'], 'default': 'red'},
        ),
        (
            fields.Decimal(load_default=decimal.Decimal('1.5')),
            {'type': 'number', 'default': '1.5'},
        ),
        (
            fields.List(fields.Integer(), load_default=(1, 2)),
            {'type': 'array', 'items': {'type': 'integer'}, 'default': [1, 2]},
        ),
        (fields.String(load_default=lambda: 'x'), {'type': 'string'}),
        (
            fields.String(
                metadata={'description': 'A name.', 'examples': ['ann'], 'title': 'Name'}
            ),
            {'type': 'string', 'description': 'A name.', 'examples': ['ann'], 'title': 'Name'},
        ),
        (
            fields.Raw(metadata={'json_schema': {'type': 'string', 'format': 'binary'}}),
            {'type': 'string', 'format': 'binary'},
        ),
    ],
    ids=repr,
)
def test_fields(field, expected):
    assert field_schema(field) == expected


@pytest.mark.parametrize(
    ('validator', 'base', 'expected'),
    [
        (validate.Range(min=1, max=5), fields.Integer(), {'minimum': 1, 'maximum': 5}),
        (
            validate.Range(min=0, max=1, min_inclusive=False, max_inclusive=False),
            fields.Float(),
            {'exclusiveMinimum': 0, 'exclusiveMaximum': 1},
        ),
        (validate.Range(min=datetime.date(2024, 1, 1)), fields.Date(), {}),
        (validate.Length(min=1, max=3), fields.String(), {'minLength': 1, 'maxLength': 3}),
        (validate.Length(equal=2), fields.List(fields.Raw()), {'minItems': 2, 'maxItems': 2}),
        (validate.Length(max=4), fields.Dict(), {'maxProperties': 4}),
        (validate.Length(max=4), fields.Raw(), {}),
        (validate.Regexp('^a+$'), fields.String(), {'pattern': '^a+$'}),
        (validate.Regexp(b'^a+$'), fields.String(), {}),
        (validate.OneOf(['a', 'b']), fields.String(), {'enum': ['a', 'b']}),
        (validate.OneOf([object()]), fields.Raw(), {}),
        (validate.Equal(3), fields.Integer(), {'const': 3}),
        (validate.Equal(object()), fields.Raw(), {}),
        (validate.Email(), fields.String(), {'format': 'email'}),
        (validate.URL(), fields.String(), {'format': 'uri'}),
        (
            validate.And(validate.Range(min=1), validate.Range(max=2)),
            fields.Integer(),
            {'minimum': 1, 'maximum': 2},
        ),
        (validate.NoneOf(['x']), fields.String(), {}),
    ],
    ids=repr,
)
def test_validators(validator, base, expected):
    base.validators.append(validator)
    schema = field_schema(base)
    plain = field_schema(
        type(base)(**({'cls_or_instance': fields.Raw()} if isinstance(base, fields.List) else {}))
    )
    added = {key: value for key, value in schema.items() if plain.get(key) != value}
    assert added == expected


@pytest.mark.parametrize(
    ('annotation', 'expected'),
    [
        (int, {'type': 'integer'}),
        (bool, {'type': 'boolean'}),
        (decimal.Decimal, {'type': 'string', 'format': 'decimal'}),
        (uuid.UUID, {'type': 'string', 'format': 'uuid'}),
        (datetime.timedelta, {'type': 'string', 'format': 'duration'}),
        (Literal['a', 'b'], {'type': 'string', 'enum': ['a', 'b']}),
        (Literal[1, None], {'anyOf': [{'type': 'integer', 'enum': [1]}, {'type': 'null'}]}),
        (int | None, {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}),
        (list[str], {'type': 'array', 'items': {'type': 'string'}}),
        (dict[str, int], {'type': 'object', 'additionalProperties': {'type': 'integer'}}),
        (Any, {}),
    ],
    ids=repr,
)
def test_plain_types(annotation, expected):
    assert schema_of(annotation) == (expected, {})


class Account(Schema):
    """An account."""

    id = fields.Integer(dump_only=True)
    name = fields.String(required=True)
    secret = fields.String(load_only=True)
    nickname = fields.String(dump_default='anon')
    computed = fields.Function(lambda obj: 1)


class Team(Schema):
    lead = fields.Nested(Account)
    tags = fields.List(fields.String())


class Plain(Schema):
    name = fields.String()


class Holder(Schema):
    plain = fields.Nested(Plain)


def test_schemas_whose_fields_differ_between_directions_are_split():
    """dump_only and load_only fields: AccountInput and AccountOutput, and so their users."""
    request, request_definitions = schema_of(Team, 'request')
    response, response_definitions = schema_of(Team, 'response')

    assert request == {'$ref': '#/d/TeamInput'}
    assert response == {'$ref': '#/d/TeamOutput'}
    assert request_definitions['AccountInput'] == {
        'type': 'object',
        'properties': {
            'name': {'type': 'string'},
            'secret': {'type': 'string'},
            'nickname': {'type': 'string', 'default': 'anon'},
        },
        'required': ['name'],
        'additionalProperties': False,
        'description': 'An account.',
    }
    assert response_definitions['AccountOutput']['required'] == ['name', 'nickname', 'computed']
    assert response_definitions['TeamOutput']['properties']['lead'] == {
        '$ref': '#/d/AccountOutput',
    }


def test_schemas_of_the_same_shape_keep_their_name():
    """Required lists may differ: the core splits those itself."""
    assert schema_of(Holder, 'request')[0] == {'$ref': '#/d/Holder'}
    assert schema_of(Holder, 'response')[0] == {'$ref': '#/d/Holder'}


def test_recursive_schemas_refer_to_themselves():
    class Tree(Schema):
        label = fields.String()
        children = fields.List(fields.Nested(lambda: Tree()))  # noqa: PLW0108 - not defined yet
        parent = fields.Nested(lambda: Tree(only=('label',)), dump_only=True)

    _, definitions = schema_of(Tree, 'response')

    assert definitions['TreeOutput']['properties']['children'] == {
        'type': 'array',
        'items': {'$ref': '#/d/TreeOutput'},
    }
    assert definitions['TreeOutput']['properties']['parent'] == {'$ref': '#/d/Tree_label'}
    assert definitions['Tree_label']['properties'] == {'label': {'type': 'string'}}


def test_nested_options_name_their_variant():
    """only, exclude and another unknown option are other shapes, named after them."""

    class Wrapper(Schema):
        subset = fields.Nested(Account, only=('name',))
        without = fields.Nested(Account, exclude=('secret',))
        lenient = fields.Nested(Plain, unknown=EXCLUDE)
        many = fields.Nested(Plain, many=True)
        plucked = fields.Pluck(Plain, 'name')
        plucked_many = fields.Pluck(Plain, 'name', many=True)

    _, definitions = schema_of(Wrapper)
    properties = definitions['WrapperInput']['properties']

    assert properties['subset'] == {'$ref': '#/d/Account_name'}
    assert properties['without'] == {'$ref': '#/d/Account_computed_id_name_nicknameInput'}
    assert properties['lenient'] == {'$ref': '#/d/Plain_exclude'}
    assert 'additionalProperties' not in definitions['Plain_exclude']
    assert properties['many'] == {'type': 'array', 'items': {'$ref': '#/d/Plain'}}
    assert properties['plucked'] == {'type': 'string'}
    assert properties['plucked_many'] == {'type': 'array', 'items': {'type': 'string'}}


def test_unknown_option_decides_additional_properties():
    class Open(Schema):
        class Meta:
            unknown = INCLUDE

        name = fields.String()

    class Lenient(Schema):
        class Meta:
            unknown = EXCLUDE

        name = fields.String()

    assert schema_of(Open)[1]['Open']['additionalProperties'] is True
    assert 'additionalProperties' not in schema_of(Lenient)[1]['Lenient']


def test_as_string_numbers_are_strings_in_responses():
    class Money(Schema):
        cents = fields.Integer(as_string=True)
        rate = fields.Float(as_string=True)

    assert schema_of(Money, 'request')[1]['MoneyInput']['properties'] == {
        'cents': {'type': 'integer'},
        'rate': {'type': 'number'},
    }
    assert schema_of(Money, 'response')[1]['MoneyOutput']['properties'] == {
        'cents': {'type': 'string'},
        'rate': {'type': 'string'},
    }


def test_lists_of_schemas():
    assert schema_of(list[Plain]) == (
        {'type': 'array', 'items': {'$ref': '#/d/Plain'}},
        {
            'Plain': {
                'type': 'object',
                'properties': {'name': {'type': 'string'}},
                'additionalProperties': False,
            }
        },
    )
