"""The serializer and its adapters, called directly."""

import datetime
import decimal
import enum
import ipaddress
import typing
import uuid
from importlib.metadata import entry_points
from typing import Annotated, Any, Literal, NotRequired

import pytest
from dmr.errors import ErrorModel
from dmr.serializer import Serializer, TypeAdapter, UnsupportedAnnotationError
from marshmallow import Schema, ValidationError, fields, validate
from typing_extensions import TypedDict

from dmr_marshmallow import InvalidDataError, MarshmallowAdapter, MarshmallowSerializer
from dmr_marshmallow import fields as dmr_fields


class Colour(enum.Enum):
    RED = 'red'
    BLUE = 'blue'


class Point(Schema):
    x = fields.Integer(required=True)
    y = fields.Integer(required=True)


class Movie(TypedDict):
    title: str
    year: NotRequired[int]
    sequel: NotRequired['Movie']


serializer = MarshmallowSerializer()


def request(annotation: Any) -> MarshmallowAdapter:
    return serializer.adapter(annotation, direction='request')


def response(annotation: Any) -> MarshmallowAdapter:
    return serializer.adapter(annotation, direction='response')


def details(call: Any, *args: Any) -> list[tuple[list[Any], str]]:
    with pytest.raises(InvalidDataError) as raised:
        call(*args)
    return [(detail['loc'], detail['type']) for detail in raised.value.details]


def test_it_satisfies_the_contract_and_is_registered():
    """The class is a Serializer, its adapters TypeAdapters, and the entry point finds it."""
    assert isinstance(serializer, Serializer)
    assert isinstance(request(Point), TypeAdapter)
    (entry_point,) = entry_points(group='dmr.serializers', name='marshmallow')
    assert entry_point.load() is MarshmallowSerializer


@pytest.mark.parametrize(
    'annotation',
    [
        Point,
        list[Point],
        int,
        str,
        bool,
        float,
        decimal.Decimal,
        uuid.UUID,
        datetime.datetime,
        datetime.date,
        datetime.time,
        datetime.timedelta,
        Any,
        object,
        Colour,
        Literal['a', 'b'],
        int | None,
        int | str,
        list[int],
        set[int],
        frozenset[str],
        tuple[int, str],
        tuple[int, ...],
        dict[str, int],
        Movie,
        ErrorModel,
        Annotated[int, validate.Range(min=0)],
        Annotated[str, fields.Email()],
    ],
    ids=repr,
)
def test_supported_annotations(annotation):
    """Schemas, lists of them, plain types, TypedDicts and Annotated fields."""
    assert serializer.supports(annotation)


class Plain:
    pass


@pytest.mark.parametrize(
    'annotation',
    [
        Plain,
        Point(),
        bytes,
        list,
        dict[str, Plain],
        Annotated[int, 'not a validator'],
        Annotated[int, fields.Integer(), validate.Range(min=0)],
        Annotated[int, {'unhashable': 'metadata'}],
    ],
    ids=repr,
)
def test_unsupported_annotations(annotation):
    """Classes of no library, instances and bare generics are not claimed."""
    assert not serializer.supports(annotation)
    with pytest.raises(UnsupportedAnnotationError):
        request(annotation)


def test_a_typeddict_that_cannot_be_resolved_names_the_reason():
    class Broken(TypedDict):
        value: 'Missing'  # type: ignore[name-defined]  # noqa: F821

    with pytest.raises(UnsupportedAnnotationError, match="name 'Missing' is not defined"):
        request(Broken)


def test_a_typeddict_that_cannot_be_resolved_is_not_supported():
    """supports() answers False for an annotation that breaks, and never raises."""

    class Broken(TypedDict):
        value: 'Missing'  # type: ignore[name-defined]  # noqa: F821

    assert not serializer.supports(Broken)


def test_unhashable_annotations_are_supported():
    """Metadata that cannot be hashed does not keep an annotation from compiling."""

    class Unhashable(validate.Validator):
        __hash__ = None  # type: ignore[assignment]

        def __call__(self, value: Any) -> Any:
            return value

    unhashable = Annotated[int, Unhashable()]
    assert serializer.supports(unhashable)
    assert request(unhashable).from_python('3') == 3
    assert 'request' in repr(request(Point))


def test_plain_types_round_trip():
    """Plain annotations load from text and dump to JSON."""
    assert request(int).from_python('1') == 1
    assert request(datetime.timedelta).from_json(b'"PT1M"') == datetime.timedelta(minutes=1)
    assert request(Colour).from_json(b'"red"') is Colour.RED
    assert request(tuple[int, str]).from_json(b'[1, "a"]') == (1, 'a')
    assert request(Literal[1, 2]).from_json(b'2') == 2
    assert request(Literal[True]).from_json(b'true') is True
    assert request(Literal['a', None]).from_json(b'null') is None
    assert response(decimal.Decimal).to_json(decimal.Decimal('1.50')) == b'"1.50"'
    moment = datetime.datetime(2024, 1, 2, tzinfo=datetime.UTC)
    assert response(datetime.datetime).to_json(moment) == b'"2024-01-02T00:00:00Z"'
    assert response(dict[str, set[int]]).to_json({'a': {2, 1}}) == b'{"a":[1,2]}'


def test_literals_refuse_other_values():
    assert details(request(Literal['a', 'b']).from_json, b'"c"') == [([], 'invalid_choice')]
    assert details(request(Literal[1, 'a']).from_json, b'2') == [([], 'invalid_choice')]


def test_annotated_validators_and_fields_apply():
    """Annotated[int, Range(...)] adds the validator; Annotated[T, field] uses the field."""
    assert details(request(Annotated[int, validate.Range(min=0)]).from_json, b'-1') == [
        ([], 'out_of_range'),
    ]
    assert details(request(Annotated[str, fields.Email()]).from_json, b'"x"') == [
        ([], 'value_error'),
    ]


def test_typeddicts_become_schemas():
    """Required keys are required; a TypedDict may refer to itself."""
    adapter = request(Movie)

    loaded = adapter.from_json(b'{"title": "A", "sequel": {"title": "B", "year": 2}}')
    assert loaded == {'title': 'A', 'sequel': {'title': 'B', 'year': 2}}
    assert details(adapter.from_json, b'{"sequel": {"year": "x"}}') == [
        (['title'], 'missing'),
        (['sequel', 'title'], 'missing'),
        (['sequel', 'year'], 'type_error'),
    ]


def test_the_error_model_is_rendered():
    """A TypedDict (here dmr's ErrorModel) is dumped by a response adapter."""
    content = response(ErrorModel).to_json(
        {'detail': [{'msg': 'm', 'loc': ['body', 0], 'type': 'missing'}]},
    )

    assert content == b'{"detail":[{"msg":"m","loc":["body",0],"type":"missing"}]}'


def test_any_is_written_as_json_would_have_it():
    """Raw values marshmallow leaves alone are converted for JSON."""
    value = {
        'when': datetime.date(2024, 1, 2),
        'at': datetime.time(3, 4),
        'span': datetime.timedelta(seconds=5),
        'id': uuid.UUID(int=1),
        'colour': Colour.RED,
        'amounts': (decimal.Decimal('2'), decimal.Decimal('2.5')),
        'tags': frozenset({'a'}),
    }
    expected = {
        'when': '2024-01-02',
        'at': '03:04:00',
        'span': 'PT5S',
        'id': '00000000-0000-0000-0000-000000000001',
        'colour': 'red',
        'amounts': [2, 2.5],
        'tags': ['a'],
    }

    assert response(Any).to_python(value) == expected
    assert response(Any).to_json(value) == (
        b'{"when":"2024-01-02","at":"03:04:00","span":"PT5S",'
        b'"id":"00000000-0000-0000-0000-000000000001","colour":"red",'
        b'"amounts":[2,2.5],"tags":["a"]}'
    )


@pytest.mark.parametrize('value', [Plain(), float('nan'), {1j: 1}])
def test_values_json_cannot_hold_are_invalid_responses(value):
    """An unknown type, NaN, or a key JSON cannot write, are refused as type errors."""
    assert details(response(Any).to_json, value) == [([], 'type_error')]


def test_to_python_refuses_what_json_cannot_hold():
    assert details(response(Any).to_python, [Plain()]) == [([], 'type_error')]


def test_to_python_dumps_schemas():
    assert response(list[Point]).to_python([{'x': 1, 'y': 2}]) == [{'x': 1, 'y': 2}]
    assert request(Point).to_python({'x': 1, 'y': 2}) == {'x': 1, 'y': 2}


def test_request_input_nested_too_deeply():
    """Recursion inside marshmallow is a value_error at the root, not a crash."""

    class Deep(Schema):
        child = fields.Nested(lambda: Deep())  # noqa: PLW0108 - not defined yet

    data: dict[str, Any] = {}
    for _ in range(5000):
        data = {'child': data}

    assert details(request(Deep).from_python, data) == [([], 'value_error')]


def test_array_fields_name_the_list_fields_of_a_schema():
    """Query strings repeat keys for list, tuple, set and union-of-list fields."""

    class Filters(Schema):
        ids = fields.List(fields.Integer())
        pair = fields.Tuple((fields.Integer(), fields.Integer()), data_key='range')
        either = dmr_fields.Union([fields.List(fields.String()), fields.String()])
        unique = dmr_fields.Set(fields.String())
        single = fields.String()

    assert request(Filters).array_fields == {'ids', 'range', 'either', 'unique'}
    assert request(list[Filters]).array_fields == frozenset()
    assert request(int).array_fields == frozenset()


class Shape(Schema):
    name = fields.String(required=True)
    flag = fields.Boolean()
    count = fields.Integer(as_string=True)
    ratio = fields.Float()
    amount = fields.Decimal()
    moment = fields.DateTime()
    day = fields.Date()
    stamp = fields.DateTime(format='timestamp')
    span = fields.TimeDelta()
    colour = fields.Enum(Colour)
    address = fields.IPv4()
    points = fields.List(fields.Nested(Point))
    pair = fields.Tuple((fields.Integer(), fields.String()))
    counts = fields.Dict(
        keys=fields.String(validate=validate.Length(max=2)), values=fields.Integer()
    )
    many = fields.Nested(Point, many=True)
    either = dmr_fields.Union([fields.Integer(), fields.Nested(Point)])
    tags = fields.List(fields.String(), validate=validate.Length(max=1))
    pinned = fields.Tuple((fields.Integer(),), validate=validate.Length(equal=1))
    untyped = fields.Dict(validate=validate.Length(max=1))
    computed = fields.Method('compute')
    constant = fields.Constant('c')
    note = fields.String(allow_none=True)

    def compute(self, obj: Any) -> int:
        return 1


def test_responses_check_python_types_before_dumping():
    """marshmallow would convert these; the response adapter refuses them, located."""
    adapter = response(Shape)

    assert details(adapter.to_json, {'name': 5}) == [(['name'], 'type_error')]
    assert details(adapter.to_json, {'name': None}) == [(['name'], 'type_error')]
    assert details(adapter.to_json, {'name': 'a', 'flag': 'no'}) == [(['flag'], 'type_error')]
    assert details(adapter.to_json, {'name': 'a', 'points': [{'x': 1, 'y': 2}, {'x': '1'}]}) == [
        (['points', 1, 'x'], 'type_error'),
    ]
    assert details(adapter.to_json, {'name': 'a', 'pair': [1, 2]}) == [(['pair', 1], 'type_error')]
    assert details(adapter.to_json, {'name': 'a', 'counts': {1: 1}}) == [
        (['counts', 1, '[key]'], 'type_error'),
    ]
    assert details(adapter.to_json, {'name': 'a', 'counts': {'a': 'b'}}) == [
        (['counts', 'a'], 'type_error'),
    ]
    assert details(adapter.to_json, {'name': 'a', 'many': [{'x': 1, 'y': 1}, {'x': 'a'}]}) == [
        (['many', 1, 'x'], 'type_error'),
    ]
    assert details(adapter.to_json, {'name': 'a', 'either': 'x'}) == [(['either'], 'type_error')]
    assert details(adapter.to_json, {'name': 'a', 'either': {'x': 's'}}) == [
        (['either', 'x'], 'type_error'),
    ]
    assert details(adapter.to_json, {'name': 'a', 'day': datetime.datetime(2024, 1, 1)}) == [
        (['day'], 'type_error'),
    ]
    assert details(adapter.to_json, {'name': 'a', 'colour': 'red'}) == [(['colour'], 'type_error')]
    assert details(adapter.to_json, {'name': 'a', 'ratio': True}) == [(['ratio'], 'type_error')]
    assert details(adapter.to_json, {'name': 'a', 'points': 'ab'}) == [(['points'], 'type_error')]
    assert details(adapter.to_json, {'name': 'a', 'many': {'x': 1}}) == [(['many'], 'type_error')]


def test_responses_dump_valid_values():
    adapter = response(Shape)
    value = {
        'name': 'a',
        'flag': True,
        'count': 3,
        'amount': decimal.Decimal('1.5'),
        'stamp': datetime.datetime(1970, 1, 1, 0, 0, 10, tzinfo=datetime.UTC),
        'span': datetime.timedelta(seconds=2),
        'colour': Colour.BLUE,
        'address': ipaddress.IPv4Address('127.0.0.1'),
        'either': {'x': 1, 'y': 2},
        'pinned': (1,),
        'note': None,
    }

    dumped = adapter.to_json(value)
    assert dumped == (
        b'{"name":"a","flag":true,"count":"3","amount":1.5,"stamp":10.0,"span":2.0,'
        b'"colour":"BLUE","address":"127.0.0.1","either":{"x":1,"y":2},"pinned":[1],'
        b'"computed":1,"constant":"c","note":null}'
    )
    assert adapter.from_json(dumped)['name'] == 'a'


def test_response_json_is_checked_strictly():
    """No coercion: "3" is no int, 1 is no bool; every problem is reported."""
    adapter = response(Shape)
    content = (
        b'{"flag": 1, "count": 3, "ratio": "1.5", "points": [{"x": 1}], "pair": [1],'
        b' "counts": {"abc": "1"}, "many": {}, "either": "x", "tags": ["a", "b"],'
        b' "pinned": [1, 2], "untyped": {"a": 1, "b": 2}, "colour": "PINK", "note": null,'
        b' "moment": 5, "stamp": "now", "span": "1", "address": "1.2.3"}'
    )

    assert details(adapter.from_json, content) == [
        (['name'], 'missing'),
        (['flag'], 'type_error'),
        (['count'], 'type_error'),
        (['ratio'], 'type_error'),
        (['moment'], 'type_error'),
        (['stamp'], 'type_error'),
        (['span'], 'type_error'),
        (['colour'], 'invalid_choice'),
        (['address'], 'value_error'),
        (['points', 0, 'y'], 'missing'),
        (['pair'], 'too_short'),
        (['counts', 'abc', '[key]'], 'too_long'),
        (['counts', 'abc'], 'type_error'),
        (['many'], 'type_error'),
        (['either'], 'type_error'),
        (['tags'], 'too_long'),
        (['pinned'], 'too_long'),
        (['untyped'], 'too_long'),
    ]


def test_response_json_of_the_wrong_kind_at_the_root():
    assert details(response(Shape).from_json, b'[]') == [([], 'type_error')]
    assert details(response(list[Point]).from_json, b'[1]') == [([0], 'type_error')]
    assert details(response(Point).from_json, b'null') == [([], 'type_error')]
    assert response(Point | None).from_json(b'null') is None


def test_custom_fields_dump_and_check_as_they_always_do():
    """A field the backend does not know is neither type-checked nor coerced."""

    class Upper(fields.Field[str]):
        def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> str:
            return str(value).upper()

        def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
            if not isinstance(value, str) or value != value.upper():
                raise self.make_error('validator_failed')
            return value

    class Shout(Schema):
        word = Upper()
        words = fields.List(Upper())

    adapter = response(Shout)
    assert adapter.to_json({'word': 5, 'words': ['a']}) == b'{"word":"5","words":["A"]}'
    assert details(adapter.from_json, b'{"word": "a", "words": ["b"]}') == [
        (['word'], 'value_error'),
        (['words', 0], 'value_error'),
    ]


def test_error_details_of_other_errors():
    """A stray ValidationError or another exception still becomes details."""
    assert serializer.error_details(ValidationError({'a': ['bad'], '_schema': ['worse']})) == [
        {'msg': 'bad', 'loc': ['a'], 'type': 'value_error'},
        {'msg': 'worse', 'loc': [], 'type': 'value_error'},
    ]
    assert serializer.error_details(ValueError('odd')) == [
        {'msg': 'odd', 'loc': [], 'type': 'value_error'},
    ]


def test_json_schema_places_each_schema_in_the_definitions():
    """A Schema is referred to with the template and defined by its class name."""
    first = serializer.json_schema(Point, direction='request', ref_template='{name}')
    assert first == (
        {'$ref': 'Point'},
        {
            'Point': {
                'type': 'object',
                'properties': {'x': {'type': 'integer'}, 'y': {'type': 'integer'}},
                'required': ['x', 'y'],
                'additionalProperties': False,
            },
        },
    )


def test_hardening_is_per_adapter_and_idempotent():
    """The response adapter's copy is checked; the Schema class and request adapters are not."""
    response(Point).to_json({'x': 1, 'y': 2})
    assert Point().dump({'x': '1', 'y': 2}) == {'x': 1, 'y': 2}
    assert request(Point).to_json({'x': '1', 'y': 2}) == b'{"x":1,"y":2}'
    typing.assert_type(response(Point), MarshmallowAdapter)


def test_response_checks_of_less_common_shapes():
    """Items of many-Nested fields, unions with an untyped member, plain-callable validators."""

    class Odd(Schema):
        many = fields.Nested(Point, many=True)
        loose = dmr_fields.Union([fields.Integer(), fields.Raw()])
        plucked = dmr_fields.Union([fields.Pluck(Point, 'x')])
        checked = fields.List(fields.Integer(), validate=lambda value: len(value) < 2)

    adapter = response(Odd)
    assert details(adapter.from_json, b'{"many": [1, {"x": 1}]}') == [
        (['many', 0], 'type_error'),
        (['many', 1, 'y'], 'missing'),
    ]
    content = b'{"loose": "anything", "plucked": 3, "checked": [1, 2, 3]}'
    assert adapter.from_json(content) == {'loose': 'anything', 'plucked': 3, 'checked': [1, 2, 3]}
    assert adapter.to_json({'loose': 'x', 'plucked': {'x': 1}}) == b'{"loose":"x","plucked":1}'
