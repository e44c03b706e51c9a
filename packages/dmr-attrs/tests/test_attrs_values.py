"""Adapters on plain values: strict JSON, text coercion, unions and collections."""

import datetime
import decimal
import enum
import uuid
from typing import Annotated, Any, Literal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmr_attrs import AttrsSerializer

serializer = AttrsSerializer()


class Size(enum.IntEnum):
    SMALL = 1
    LARGE = 2


class Mood(enum.Enum):
    HAPPY = 'happy'


def request(annotation):
    return serializer.adapter(annotation, direction='request')


def response(annotation):
    return serializer.adapter(annotation, direction='response')


def details(adapter, data, *, text=False):
    """The error details of `data`, read as JSON or (`text`) as primitives."""
    with pytest.raises(serializer.validation_errors) as info:
        adapter.from_python(data) if text else adapter.from_json(data)
    return [(detail['loc'], detail['type']) for detail in serializer.error_details(info.value)]


@pytest.mark.parametrize(
    ('annotation', 'data', 'expected'),
    [
        (float, b'1', 1.0),
        (decimal.Decimal, b'1.5', decimal.Decimal('1.5')),
        (decimal.Decimal, b'"2.50"', decimal.Decimal('2.50')),
        (
            datetime.time,
            b'"03:04:05+01:00"',
            datetime.time(3, 4, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=1))),
        ),
        (
            uuid.UUID,
            b'"0f1e2d3c4b5a49788695a4b3c2d1e0f9"',
            uuid.UUID('0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'),
        ),
        (Size, b'2', Size.LARGE),
        (Literal[None], b'null', None),
        (int | float, b'1', 1),
        (float | int, b'1', 1),
        (float | int, b'1.5', 1.5),
        (uuid.UUID | str, b'"x"', 'x'),
        (int | Any, b'[1]', [1]),
        (dict[int, Size], b'{"1": 2}', {1: Size.LARGE}),
        (dict[Literal[1, 2], str], b'{"2": "b"}', {2: 'b'}),
        (
            dict[uuid.UUID, int],
            b'{"0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9": 1}',
            {uuid.UUID('0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'): 1},
        ),
        (dict[Any, int], b'{"a": 1}', {'a': 1}),
        (set[int], b'[1, 1, 2]', {1, 2}),
        (frozenset[str], b'["a"]', frozenset({'a'})),
        (tuple[int, ...], b'[1, 2]', (1, 2)),
        (tuple[int, str], b'[1, "a"]', (1, 'a')),
    ],
)
def test_json_values_are_structured(annotation, data, expected):
    """JSON's own types are read into the annotation."""
    result = request(annotation).from_json(data)

    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    ('annotation', 'data', 'expected'),
    [
        (int, b'true', ([], 'type_error')),
        (int, b'1.5', ([], 'type_error')),
        (float, b'"1"', ([], 'type_error')),
        (bool, b'1', ([], 'type_error')),
        (None, b'0', ([], 'type_error')),
        (decimal.Decimal, b'true', ([], 'type_error')),
        (datetime.datetime, b'"soon"', ([], 'invalid_format')),
        (Size, b'"1"', ([], 'type_error')),
        (Size, b'true', ([], 'type_error')),
        (Size, b'3', ([], 'invalid_choice')),
        (Literal['a'], b'["a"]', ([], 'type_error')),
        (int | str, b'null', ([], 'type_error')),
        (set[int], b'{"a": 1}', ([], 'type_error')),
        (set[list[int]], b'[[1]]', ([], 'type_error')),
        (tuple[int, str], b'"ab"', ([], 'type_error')),
        (dict[int, str], b'{"x": "a"}', (['x'], 'type_error')),
        (list[str], b'"ab"', ([], 'type_error')),
    ],
)
def test_json_values_of_the_wrong_kind_are_refused(annotation, data, expected):
    """No coercion in JSON: each mistake has its `type`."""
    assert details(request(annotation), data) == [expected]


def test_union_members_that_all_refuse_are_one_value_error():
    """When several members could take a value and none does, the union says so."""

    @attrs.define
    class Cat:
        meows: bool

    @attrs.define
    class Dog:
        barks: bool

    assert details(request(Cat | Dog), b'{"purrs": true}') == [([], 'value_error')]
    assert request(Cat | Dog).from_json(b'{"barks": true}') == Dog(barks=True)


def test_enum_members_are_taken_by_a_union_from_python():
    """An enum member (a subclass of `int`) passed in Python reaches its member."""
    assert request(Size | None).from_python(Size.SMALL) is Size.SMALL
    assert request(Mood | int).from_python(Mood.HAPPY) is Mood.HAPPY


@pytest.mark.parametrize(
    ('annotation', 'text', 'expected'),
    [
        (int, '-12', -12),
        (float, '1e3', 1000.0),
        (float, '.5', 0.5),
        (bool, 'FALSE', False),
        (bool, '1', True),
        (Size, '2', Size.LARGE),
        (Literal[1, True], 'true', True),
        (int | str, '3', '3'),
        (int | None, '3', 3),
        (list[int], ['1', '2'], [1, 2]),
        (dict[str, int], {'a': '1'}, {'a': 1}),
    ],
)
def test_text_is_read_in_requests(annotation, text, expected):
    """Request `from_python` reads the text of query strings and headers."""
    assert request(annotation).from_python(text) == expected


@pytest.mark.parametrize(
    ('annotation', 'text'),
    [(int, '1.0'), (int, ' 1'), (float, 'inf'), (float, '1e400'), (bool, 'yes'), (Size, '3')],
)
def test_text_that_is_not_the_type_is_refused(annotation, text):
    """Only the canonical spellings are read."""
    with pytest.raises(serializer.validation_errors):
        request(annotation).from_python(text)


def test_responses_read_no_text():
    """Response adapters are strict, in `from_python` too."""
    with pytest.raises(serializer.validation_errors):
        response(int).from_python('1')


@given(st.integers())
def test_integers_read_from_their_text(number):
    """Every integer's decimal text reads back as the integer."""
    assert request(int).from_python(str(number)) == number


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_floats_read_from_their_text(number):
    """Every finite float's repr reads back as the float."""
    assert request(float).from_python(repr(number)) == number


@given(st.integers(min_value=-(10**40), max_value=10**40))
def test_integers_beyond_64_bits_round_trip(number):
    """msgspec reads and writes integers of any size, both ways."""
    assert request(int).from_json(response(int).to_json(number)) == number


@pytest.mark.parametrize(
    ('annotation', 'value', 'expected'),
    [
        (set[int], {3}, b'[3]'),
        (tuple[datetime.date, str], (datetime.date(2024, 1, 2), 'a'), b'["2024-01-02","a"]'),
        (list[str], 'ab', b'"ab"'),
        (dict[str, int], [1], b'[1]'),
        (Mood | None, Mood.HAPPY, b'"happy"'),
        (Any, {'a': {1, 2}}, b'{"a":[1,2]}'),
    ],
)
def test_values_are_written_as_they_are(annotation, value, expected):
    """Collections are written as arrays; a value of the wrong kind is not reshaped."""
    assert response(annotation).to_json(value) == expected


def test_items_that_need_unstructuring_are_unstructured():
    """Classes inside tuples, dicts and lists go through their unstructure hooks."""

    @attrs.define
    class Tag:
        label: str = attrs.field(alias='Label')

    tag = Tag(Label='x')
    assert response(tuple[Tag, int]).to_python((tag, 1)) == [{'Label': 'x'}, 1]
    assert response(tuple[Tag, int]).to_python('ab') == 'ab'
    assert response(dict[str, Tag]).to_python({'a': tag}) == {'a': {'Label': 'x'}}
    assert response(dict[str, Tag]).to_python('ab') == 'ab'
    assert response(set[Tag] | None).to_python(None) is None
    assert response(list[Tag]).to_python([tag]) == [{'Label': 'x'}]
    assert response(list[Tag]).to_python('ab') == 'ab'


def test_unencodable_values_are_validation_errors():
    """Objects msgspec cannot write are refused in both output methods."""
    with pytest.raises(serializer.validation_errors):
        response(Any).to_python(object())
    with pytest.raises(serializer.validation_errors):
        response(Any).to_json(object())


@pytest.mark.parametrize(
    ('data', 'error_type'),
    [(b'[1]', 'too_short'), (b'[1, "a", 3]', 'too_long')],
)
def test_fixed_tuples_need_their_length(data, error_type):
    """A fixed tuple takes exactly as many items as it declares."""
    assert details(request(tuple[int, str]), data) == [([], error_type)]


def test_enum_keys_are_read_from_text():
    """JSON keys are text: an `IntEnum` key is read from its digits."""
    assert request(dict[Size, int]).from_json(b'{"2": 1}') == {Size.LARGE: 1}


def test_typed_dicts_need_an_object():
    """A `TypedDict` is read from a JSON object only."""
    from attrs_models import Point

    assert details(request(Point), b'[1, 2]') == [([], 'type_error')]


def test_python_values_of_the_field_type_are_taken():
    """`from_python` takes values already of the right Python type."""
    moment = datetime.datetime(2024, 1, 2, tzinfo=datetime.UTC)

    assert request(datetime.datetime).from_python(moment) is moment
    assert request(bool).from_python(True) is True
    assert request(int).from_python(Size.LARGE) == 2
    assert type(request(int).from_python(Size.LARGE)) is int


def test_values_no_member_takes_are_type_errors():
    """A value of a class no union member knows is a `type_error`."""
    assert details(request(int | str), b'abc', text=True) == [([], 'type_error')]


def test_nested_unions_are_routed_by_their_members():
    """An annotated union inside a union still routes each value."""
    nested = str | Annotated[int | None, 'meta']

    assert request(nested).from_json(b'null') is None
    assert request(nested).from_json(b'3') == 3
    assert request(str | Annotated[int | Any, 'meta']).from_json(b'[1]') == [1]


def test_subclasses_of_json_classes_reach_their_member():
    """An `IntEnum` member given for `int | None` is an integer."""
    assert request(int | None).from_python(Size.LARGE) == 2


def test_values_msgspec_writes_itself_are_passed_through():
    """`to_python` of a plain value is msgspec's builtins."""
    assert response(uuid.UUID).to_python(uuid.UUID(int=1)) == str(uuid.UUID(int=1))


@attrs.define
class Tree:
    children: list['Tree'] = attrs.Factory(list)


def test_input_nested_deeper_than_the_interpreter_allows_is_refused():
    """Structuring that runs out of stack is a validation error, not a crash."""
    data: dict[str, Any] = {}
    for _ in range(5000):
        data = {'children': [data]}

    with pytest.raises(serializer.validation_errors) as info:
        request(Tree).from_python(data)

    assert serializer.error_details(info.value)


def test_an_in_validator_refuses_with_invalid_choice():
    """``in_`` names the choices in the schema, so its refusal is an ``invalid_choice``."""

    @attrs.define
    class Pick:
        size: str = attrs.field(validator=attrs.validators.in_(['s', 'm']))

    assert details(request(Pick), b'{"size": "xl"}') == [(['size'], 'invalid_choice')]
