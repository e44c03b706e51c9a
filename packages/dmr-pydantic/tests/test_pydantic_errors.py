"""Converting pydantic's errors into error details."""

import json
import typing
from typing import Annotated, Any, Literal

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, Field, ValidationError
from pydantic_core import PydanticSerializationError, core_schema

from dmr.errors import ErrorType
from dmr_pydantic import InvalidDataError, PydanticSerializer
from dmr_pydantic._errors import MAX_DETAILS, error_type
from pydantic_models import ConstrainedModel, Everything, NestedModel, UnionModel

serializer = PydanticSerializer()
VOCABULARY = set(ErrorType)


def details(error: Exception) -> list[dict[str, Any]]:
    return [dict(detail) for detail in serializer.error_details(error)]


def failure(annotation: Any, data: Any, *, json_input: bool = False) -> InvalidDataError:
    """The error a request adapter raises for ``data``."""
    adapter = serializer.adapter(annotation, direction='request')
    validate = adapter.from_json if json_input else adapter.from_python
    with pytest.raises(InvalidDataError) as caught:
        validate(data)
    return caught.value


@pytest.mark.parametrize(
    ('pydantic_type', 'expected'),
    [
        ('json_invalid', 'parse_error'),
        ('recursion_loop', 'parse_error'),
        ('recursion_depth_exceeded', 'parse_error'),
        ('missing', 'missing'),
        ('missing_argument', 'missing'),
        ('extra_forbidden', 'extra_forbidden'),
        ('unexpected_keyword_argument', 'extra_forbidden'),
        ('greater_than', 'out_of_range'),
        ('greater_than_equal', 'out_of_range'),
        ('less_than', 'out_of_range'),
        ('less_than_equal', 'out_of_range'),
        ('int_parsing_size', 'out_of_range'),
        ('too_short', 'too_short'),
        ('string_too_short', 'too_short'),
        ('bytes_too_short', 'too_short'),
        ('too_long', 'too_long'),
        ('string_too_long', 'too_long'),
        ('string_pattern_mismatch', 'pattern_mismatch'),
        ('int_type', 'type_error'),
        ('model_type', 'type_error'),
        ('dict_type', 'type_error'),
        ('int_parsing', 'type_error'),
        ('float_parsing', 'type_error'),
        ('bool_parsing', 'type_error'),
        ('int_from_float', 'type_error'),
        ('none_required', 'type_error'),
        ('is_instance_of', 'type_error'),
        ('uuid_parsing', 'invalid_format'),
        ('datetime_parsing', 'invalid_format'),
        ('decimal_parsing', 'invalid_format'),
        ('enum', 'invalid_choice'),
        ('literal_error', 'invalid_choice'),
        ('multiple_of', 'value_error'),
        ('value_error', 'value_error'),
        ('assertion_error', 'value_error'),
        ('union_tag_invalid', 'value_error'),
    ],
)
def test_pydantic_types_map_to_the_shared_vocabulary(pydantic_type, expected):
    """Each pydantic error type is filed as the other backends file it."""
    assert error_type(pydantic_type) == expected


@pytest.mark.parametrize('pydantic_type', typing.get_args(core_schema.ErrorType))
def test_every_pydantic_type_has_a_dmr_type(pydantic_type):
    """No pydantic error type falls outside dmr's vocabulary."""
    assert error_type(pydantic_type) in VOCABULARY


def test_unread_input_is_located_at_the_value():
    """Malformed JSON is a `parse_error` with an empty `loc`."""
    [detail] = details(failure(Any, b'{"a": nope}', json_input=True))

    assert detail['loc'] == []
    assert detail['type'] == 'parse_error'


def test_too_deep_input_is_a_parse_error_at_the_value():
    """A recursive model nested past pydantic's limit is one `parse_error`."""

    class Tree(BaseModel):
        children: list['Tree'] = []

    data: dict[str, Any] = {}
    for _ in range(1000):
        data = {'children': [data]}

    [detail] = details(failure(Tree, data))

    assert (detail['loc'], detail['type']) == ([], 'parse_error')


def test_every_error_is_reported_in_pydantic_order():
    """All errors of one value are converted, in the order pydantic found them."""
    error = failure(ConstrainedModel, {'age': -1, 'name': 'a', 'code': 'abc'})

    assert [(d['loc'], d['type']) for d in details(error)] == [
        (['age'], 'out_of_range'),
        (['name'], 'too_short'),
        (['code'], 'pattern_mismatch'),
    ]


def test_at_most_a_hundred_errors_are_reported():
    """A value with thousands of invalid items is answered with the first 100."""
    error = failure(list[int], ['x'] * 5000)

    converted = details(error)

    assert len(converted) == MAX_DETAILS == 100
    assert converted[-1]['loc'] == [99]


def test_invalid_data_error_reads_like_pydantic_error():
    """`str()` of the adapter's error is pydantic's text."""
    error = failure(int, 'x')

    assert str(error) == str(error.error)


def test_bare_validation_error_keeps_pydantic_loc():
    """Without the schema that failed, `loc` is pydantic's, labels and all."""
    with pytest.raises(ValidationError) as caught:
        pydantic.TypeAdapter(dict[str, int | bool]).validate_python({'a': []})

    assert details(caught.value) == [
        {'msg': 'Input should be a valid integer', 'loc': ['a', 'int'], 'type': 'type_error'},
        {'msg': 'Input should be a valid boolean', 'loc': ['a', 'bool'], 'type': 'type_error'},
    ]


def test_union_refusing_the_value_outright_is_one_type_error():
    """When no member accepts the kind of value, the union reports it once."""
    error = failure(dict[str, int | bool], {'a': []})

    assert details(error) == [
        {
            'msg': 'Input should be a valid integer; Input should be a valid boolean',
            'loc': ['a'],
            'type': 'type_error',
        },
    ]


def test_nested_unions_are_narrowed_level_by_level():
    """A union inside a union member is narrowed in its turn."""

    class Inner(BaseModel):
        value: int | list[int]

    error = failure(list[Inner | int], [{'value': ['x']}])

    assert [(d['loc'], d['type']) for d in details(error)] == [([0, 'value', 0], 'type_error')]


def test_union_member_with_an_explicit_label_is_followed():
    """`Tag` labels name the member to follow."""
    tagged = Annotated[
        Annotated[NestedModel, pydantic.Tag('nested')] | Annotated[int, pydantic.Tag('number')],
        pydantic.Discriminator(lambda value: 'nested' if isinstance(value, dict) else 'number'),
    ]

    error = failure(tagged, {'addresses': [{}]})

    assert [(d['loc'], d['type']) for d in details(error)] == [
        (['addresses', 0, 'city'], 'missing'),
    ]


def test_invalid_dict_key_is_located_at_the_key():
    """A key that fails its own type keeps pydantic's `[key]` marker."""
    error = failure(dict[int, int | str], {'x': 1})

    assert [(d['loc'], d['type']) for d in details(error)] == [(['x', '[key]'], 'type_error')]


def test_unknown_extra_field_of_a_typed_model_is_located():
    """A model with typed extras locates an invalid extra by its key."""

    class Open(BaseModel, extra='allow'):
        __pydantic_extra__: dict[str, int | bool] = Field(init=False)

    error = failure(Open, {'free': []})

    assert [(d['loc'], d['type']) for d in details(error)] == [(['free'], 'type_error')]


def test_unknown_type_is_a_type_error():
    """An object pydantic cannot serialize is a `type_error` at the value."""
    error = PydanticSerializationError("Unable to serialize unknown type: <class 'Foo'>")

    assert details(error) == [{'msg': str(error), 'loc': [], 'type': 'type_error'}]


def test_other_serialization_errors_are_value_errors():
    """A cycle, excessive depth or invalid bytes are `value_error`s."""
    error = PydanticSerializationError('Circular reference detected (id repeated)')

    assert details(error)[0]['type'] == 'value_error'


def test_an_unexpected_exception_becomes_a_value_error():
    """Anything else handed over is reported by its text, never raised."""
    assert details(RuntimeError('odd')) == [{'msg': 'odd', 'loc': [], 'type': 'value_error'}]


def _nest(loc: list[str | int], leaf: Any = int) -> tuple[Any, Any]:
    """A type expecting ``leaf`` at ``loc``, and a value with a list there.

    Everything around the list is valid: list items before it, say.
    """
    annotation: Any = leaf
    bad: Any = []
    good: Any = 0
    for step, part in enumerate(reversed(loc)):
        if isinstance(part, int):
            annotation = list[annotation]
            bad, good = [good] * part + [bad], []
        else:
            annotation = pydantic.create_model(
                f'S{step}',
                field=(annotation, Field(alias=part)),
            )
            bad, good = {part: bad}, {part: good}
    return annotation, bad


paths = st.lists(st.text(max_size=12) | st.integers(min_value=0, max_value=5), max_size=5)


@settings(deadline=None)
@given(loc=paths)
def test_real_errors_are_located_at_their_path(loc):
    """Errors pydantic raises while validating nested data point at the bad value."""
    annotation, value = _nest(loc)

    [detail] = details(failure(annotation, value))

    assert detail['loc'] == loc
    assert detail['type'] == 'type_error'


@settings(deadline=None)
@given(loc=paths, leaf=st.sampled_from([int | bool, Literal['int'] | float, int | NestedModel]))
def test_union_labels_never_reach_the_path(loc, leaf):
    """A union that refuses a value at any path is one `type_error` at that path."""
    annotation, value = _nest(loc, leaf)

    [detail] = details(failure(annotation, value))

    assert detail['loc'] == loc
    assert detail['type'] == 'type_error'


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
models = st.sampled_from(
    [ConstrainedModel, Everything, NestedModel, UnionModel, dict[str, list[int | str]]],
)


@settings(max_examples=300, deadline=None)
@given(annotation=models, value=json_values, as_json=st.booleans())
def test_any_invalid_value_converts_to_well_formed_details(annotation, value, as_json):
    """Whatever the data, conversion gives well-formed details and never raises."""
    adapter = serializer.adapter(annotation, direction='request')
    try:
        if as_json:
            adapter.from_json(json.dumps(value).encode())
        else:
            adapter.from_python(value)
    except InvalidDataError as error:
        converted = details(error)
    else:
        return

    assert converted
    for detail in converted:
        assert isinstance(detail['msg'], str)
        assert all(isinstance(part, str | int) for part in detail['loc'])
        assert detail['type'] in VOCABULARY


@given(message=st.text())
def test_any_serialization_message_converts(message):
    """Whatever pydantic says while serializing, one detail comes out."""
    [detail] = details(PydanticSerializationError(message))

    assert detail['type'] in VOCABULARY


@given(data=st.binary(max_size=64))
def test_arbitrary_bytes_never_escape_the_validation_errors(data):
    """Every failure of `from_json` on random bytes is a validation error."""
    adapter = serializer.adapter(UnionModel, direction='request')
    try:
        adapter.from_json(data)
    except PydanticSerializer.validation_errors as error:
        converted = details(error)
    else:
        return

    assert converted
