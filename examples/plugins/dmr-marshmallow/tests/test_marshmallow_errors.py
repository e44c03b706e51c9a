"""marshmallow's messages, turned into error details: loc and type."""

import enum
from typing import Any

import pytest
from marshmallow import INCLUDE, Schema, ValidationError, fields, validate, validates

from dmr_marshmallow import InvalidDataError, MarshmallowSerializer
from dmr_marshmallow import fields as dmr_fields

serializer = MarshmallowSerializer()


def errors(annotation: Any, data: Any) -> list[tuple[list[Any], str]]:
    adapter = serializer.adapter(annotation, direction='request')
    with pytest.raises(InvalidDataError) as raised:
        adapter.from_python(data)
    details = serializer.error_details(raised.value)
    assert isinstance(raised.value.__cause__, ValidationError)
    return [(detail['loc'], detail['type']) for detail in details]


class Custom(Schema):
    """Every message overridden: the type is found all the same."""

    count = fields.Integer(
        required=True,
        error_messages={'required': 'Give a count.', 'invalid': 'A count is a number.'},
    )
    name = fields.String(
        allow_none=False,
        error_messages={'null': 'No name is no name.'},
        validate=validate.Length(min=2, max=4, error='Two to four letters, not {input}.'),
    )
    age = fields.Integer(validate=validate.Range(min=0, error='Not below {min}.'))
    code = fields.String(validate=validate.Regexp('^[a-z]+$', error='Lowercase only.'))


@pytest.mark.parametrize(
    ('data', 'expected'),
    [
        ({}, [(['count'], 'missing')]),
        ({'count': 'many'}, [(['count'], 'type_error')]),
        ({'count': 1, 'name': None}, [(['name'], 'type_error')]),
        ({'count': 1, 'name': 'a'}, [(['name'], 'too_short')]),
        ({'count': 1, 'name': 'abcde'}, [(['name'], 'too_long')]),
        ({'count': 1, 'age': -5}, [(['age'], 'out_of_range')]),
        ({'count': 1, 'code': 'ABC'}, [(['code'], 'pattern_mismatch')]),
    ],
)
def test_custom_messages_keep_their_types(data, expected):
    assert errors(Custom, data) == expected


class Bounds(Schema):
    exact = fields.String(validate=validate.Length(equal=3))
    at_least = fields.List(fields.Integer(), validate=validate.Length(min=1))
    at_most = fields.String(validate=validate.Length(max=1))
    above = fields.Float(validate=validate.Range(min=0, min_inclusive=False))
    below = fields.Integer(validate=validate.Range(max=10))
    both = fields.Integer(validate=validate.And(validate.Range(min=0), validate.OneOf([1, 2])))
    huge = fields.Integer()
    ratio = fields.Float()
    text = fields.String()


@pytest.mark.parametrize(
    ('data', 'expected'),
    [
        ({'exact': 'ab'}, [(['exact'], 'too_short')]),
        ({'exact': 'abcd'}, [(['exact'], 'too_long')]),
        ({'at_least': []}, [(['at_least'], 'too_short')]),
        ({'at_most': 'ab'}, [(['at_most'], 'too_long')]),
        ({'above': 0}, [(['above'], 'out_of_range')]),
        ({'below': 11}, [(['below'], 'out_of_range')]),
        ({'both': -1}, [(['both'], 'out_of_range'), (['both'], 'invalid_choice')]),
        ({'huge': float('inf')}, [(['huge'], 'out_of_range')]),
        ({'ratio': 'nan'}, [(['ratio'], 'value_error')]),
        ({'text': b'\xff'}, [(['text'], 'value_error')]),
    ],
)
def test_validator_and_number_errors(data, expected):
    assert errors(Bounds, data) == expected


class Letter(enum.Enum):
    A = 'a'
    B = 'b'


class Formats(Schema):
    moment = fields.DateTime()
    aware = fields.AwareDateTime()
    day = fields.Date()
    ident = fields.UUID()
    amount = fields.Decimal()
    address = fields.IP()
    email = fields.Email()
    link = fields.Url()
    by_name = fields.Enum(Letter)
    by_string = fields.Enum(Letter, by_value=fields.String)
    by_value = fields.Enum(Letter, by_value=True)
    span = dmr_fields.Duration()
    seconds = fields.TimeDelta()


@pytest.mark.parametrize(
    ('data', 'expected'),
    [
        ({'moment': 'soon'}, [(['moment'], 'invalid_format')]),
        ({'moment': 5}, [(['moment'], 'type_error')]),
        ({'aware': '2024-01-01T00:00:00'}, [(['aware'], 'invalid_format')]),
        ({'day': '2024-13-01'}, [(['day'], 'invalid_format')]),
        ({'ident': 'nope'}, [(['ident'], 'invalid_format')]),
        ({'ident': 5}, [(['ident'], 'type_error')]),
        ({'amount': 'lots'}, [(['amount'], 'invalid_format')]),
        ({'amount': [1]}, [(['amount'], 'type_error')]),
        ({'amount': 'NaN'}, [(['amount'], 'value_error')]),
        ({'address': '1.2.3'}, [(['address'], 'value_error')]),
        ({'email': 'x'}, [(['email'], 'value_error')]),
        ({'email': 5}, [(['email'], 'type_error')]),
        ({'link': 'not a url'}, [(['link'], 'value_error')]),
        ({'by_name': 'C'}, [(['by_name'], 'invalid_choice')]),
        ({'by_name': 1}, [(['by_name'], 'type_error')]),
        ({'by_string': 1}, [(['by_string'], 'type_error')]),
        ({'by_value': 'c'}, [(['by_value'], 'invalid_choice')]),
        ({'by_value': 1}, [(['by_value'], 'type_error')]),
        ({'span': 'long'}, [(['span'], 'invalid_format')]),
        ({'span': 30}, [(['span'], 'type_error')]),
        ({'seconds': 'long'}, [(['seconds'], 'type_error')]),
    ],
)
def test_formatted_strings(data, expected):
    """A malformed string is a value_error; a value of another kind a type_error."""
    assert errors(Formats, data) == expected


class Leaf(Schema):
    value = fields.Integer(required=True)


class Containers(Schema):
    class Meta:
        index_errors = True

    items = fields.List(fields.Nested(Leaf))
    pair = fields.Tuple((fields.Integer(), fields.String()))
    mapping = fields.Dict(
        keys=fields.String(validate=validate.Length(max=1)), values=fields.Nested(Leaf)
    )
    many = fields.Nested(Leaf, many=True)
    plucked = fields.Pluck(Leaf, 'value')
    plucked_many = fields.Pluck(Leaf, 'value', many=True)
    either = dmr_fields.Union([fields.Nested(Leaf), fields.List(fields.Integer())])
    unique = dmr_fields.Set(fields.Integer())


@pytest.mark.parametrize(
    ('data', 'expected'),
    [
        ({'items': [{'value': 1}, {}]}, [(['items', 1, 'value'], 'missing')]),
        ({'items': {'value': 1}}, [(['items'], 'type_error')]),
        ({'pair': [1]}, [(['pair'], 'too_short')]),
        ({'pair': [1, 'a', 'b']}, [(['pair'], 'too_long')]),
        ({'pair': 'ab'}, [(['pair'], 'type_error')]),
        ({'pair': ['x', 'a']}, [(['pair', 0], 'type_error')]),
        (
            {'mapping': {'ab': {'value': 'x'}}},
            [
                (['mapping', 'ab', '[key]'], 'too_long'),
                (['mapping', 'ab', 'value'], 'type_error'),
            ],
        ),
        ({'mapping': []}, [(['mapping'], 'type_error')]),
        ({'many': [{'value': 1}, {'value': None}]}, [(['many', 1, 'value'], 'type_error')]),
        ({'many': {'value': 1}}, [(['many'], 'type_error')]),
        ({'plucked': 'x'}, [(['plucked'], 'type_error')]),
        ({'plucked_many': [1, 'x']}, [(['plucked_many', 1], 'type_error')]),
        ({'plucked_many': 5}, [(['plucked_many'], 'type_error')]),
        ({'either': {'value': 'x'}}, [(['either', 'value'], 'type_error')]),
        ({'either': [1, 'x']}, [(['either', 1], 'type_error')]),
        ({'either': 'x'}, [(['either'], 'type_error')]),
        ({'unique': [{}]}, [(['unique', 0], 'type_error')]),
    ],
)
def test_containers(data, expected):
    assert errors(Containers, data) == expected


def test_many_schemas_at_the_root():
    assert errors(list[Leaf], [{'value': 1}, {'value': 'x'}]) == [([1, 'value'], 'type_error')]
    assert errors(list[Leaf], {'value': 1}) == [([], 'type_error')]


class Validated(Schema):
    class Meta:
        unknown = INCLUDE

    name = fields.String()

    @validates('name')
    def check_name(self, value: str, data_key: str) -> None:
        if value == 'root':
            raise ValidationError('Reserved.')


class Raising(Schema):
    """A schema whose hooks report errors in shapes the backend cannot place."""

    value = fields.Raw()

    @validates('value')
    def check_value(self, value: Any, data_key: str) -> None:
        raise ValidationError({'deep': ['Bad deep.'], '_schema': ['Bad here.']})


def test_field_validators_and_odd_shapes_are_value_errors():
    assert errors(Validated, {'name': 'root'}) == [(['name'], 'value_error')]
    assert errors(Raising, {'value': 1}) == [
        (['value', 'deep'], 'value_error'),
        (['value'], 'value_error'),
    ]


def test_root_fields_of_plain_types():
    assert errors(int, 'x') == [([], 'type_error')]
    assert errors(int, None) == [([], 'type_error')]
    assert errors(dict[str, int], {'a': 'b'}) == [(['a'], 'type_error')]


def test_unknown_keys_of_a_schema_that_raises_are_extra_forbidden():
    class Closed(Schema):
        name = fields.String()

    assert errors(Closed, {'name': 'a', 'other': 1, 'more': 2}) == [
        (['other'], 'extra_forbidden'),
        (['more'], 'extra_forbidden'),
    ]


def test_at_most_a_hundred_details():
    """A body of many invalid items is not answered with as many details."""
    assert len(errors(list[int], ['x'] * 500)) == 100


def test_custom_field_messages_without_a_known_key_are_value_errors():
    class Odd(fields.Field[Any]):
        default_error_messages = {'odd': 'Odd value.'}  # noqa: RUF012

        def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
            if value % 2:
                raise self.make_error('odd')
            raise ValidationError({'nested': ['Something else.']})

    class Holder(Schema):
        odd = Odd()

    assert errors(Holder, {'odd': 1}) == [(['odd'], 'value_error')]
    assert errors(Holder, {'odd': 2}) == [(['odd', 'nested'], 'value_error')]
