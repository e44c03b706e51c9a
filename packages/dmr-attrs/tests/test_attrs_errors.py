"""cattrs' error groups (and the backend's own errors) as dmr's error details."""

import json
from typing import Any

import attrs
import pytest
from attrs import validators
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)
from hypothesis import given
from hypothesis import strategies as st

from attrs_models import Profile
from dmr_attrs import AttrsSerializer, AttrsValidationError

serializer = AttrsSerializer()


def _odd(instance, attribute, value):
    if value % 2 == 0:
        raise ValueError('must be odd')


def _typed(instance, attribute, value):
    raise TypeError('not this type')


@attrs.define
class Checked:
    odd: int = attrs.field(validator=_odd)
    picky: int = attrs.field(default=0)

    @picky.validator
    def _check_picky(self, attribute, value):
        if value == 13 and self.odd == 1:
            raise ValueError('13 needs odd > 1')


@attrs.define
class Converted:
    size: int = attrs.field(converter=abs, validator=validators.le(5))
    label: str = attrs.field(
        default='x',
        converter=attrs.Converter(lambda value, self: value, takes_self=True),
        validator=validators.min_len(1),
    )


@attrs.define
class AfterInit:
    value: int

    def __attrs_post_init__(self):
        if self.value < 0:
            raise ValueError('negative')


@attrs.define
class Fussy:
    value: int = attrs.field(validator=_typed)


def errors_of(annotation, data):
    adapter = serializer.adapter(annotation, direction='request')
    with pytest.raises(serializer.validation_errors) as info:
        adapter.from_json(json.dumps(data).encode())
    return serializer.error_details(info.value)


def test_a_custom_validator_is_located_and_its_message_kept():
    """A validator function of your own is located at its field."""
    assert errors_of(Checked, {'odd': 2}) == [
        {'msg': 'must be odd', 'loc': ['odd'], 'type': 'value_error'},
    ]


def test_validators_see_the_other_fields():
    """A validator that reads another field gets the instance being built."""
    assert errors_of(Checked, {'odd': 1, 'picky': 13}) == [
        {'msg': '13 needs odd > 1', 'loc': ['picky'], 'type': 'value_error'},
    ]


def test_validators_check_the_converted_value():
    """A field's converter runs before its validators, as in `__init__`."""
    assert errors_of(Converted, {'size': -9}) == [
        {'msg': "'size' must be <= 5: 9", 'loc': ['size'], 'type': 'out_of_range'},
    ]
    assert errors_of(Converted, {'size': 1, 'label': ''}) == [
        {'msg': "Length of 'label' must be >= 1: 0", 'loc': ['label'], 'type': 'too_short'},
    ]


def test_a_type_error_of_a_validator_is_a_type_error():
    """A validator raising TypeError is reported as `type_error`."""
    assert errors_of(Fussy, {'value': 1})[0]['type'] == 'type_error'


def test_a_failure_no_validator_explains_stays_at_the_class():
    """`__attrs_post_init__` failing is reported at the class, as `value_error`."""
    assert errors_of(AfterInit, {'value': -1}) == [
        {'msg': 'negative', 'loc': [], 'type': 'value_error'},
    ]
    assert errors_of(list[AfterInit], [{'value': 1}, {'value': -1}])[0]['loc'] == [1]


def test_groups_without_notes_and_foreign_errors_are_read():
    """Any exception group is walked; unknown notes and errors get generic types."""
    inner = KeyError('gone')
    inner.__notes__ = ['a plain note']
    group = ExceptionGroup('outer', [inner, TypeError('bad'), RuntimeError()])

    assert serializer.error_details(group) == [
        {'msg': "'gone'", 'loc': [], 'type': 'value_error'},
        {'msg': 'bad', 'loc': [], 'type': 'type_error'},
        {'msg': 'RuntimeError', 'loc': [], 'type': 'value_error'},
    ]


def test_deeply_nested_groups_are_read_without_recursion():
    """Error groups as deep as the input was are flattened iteratively."""
    error: Exception = AttrsValidationError('leaf')
    for index in range(5000):
        error.__notes__ = [IterableValidationNote('', index % 3, Any)]
        error = IterableValidationError('level', [error], list)

    [detail] = serializer.error_details(error)

    assert len(detail['loc']) == 5000


def test_a_class_error_names_the_wire_field():
    """cattrs notes the attribute name; the detail carries the wire name."""

    @attrs.define
    class Aliased:
        user_name: int = attrs.field(alias='userName')

    assert errors_of(Aliased, {'userName': 'x'})[0]['loc'] == ['userName']
    group = ClassValidationError('x', [KeyError('missing')], dict)
    assert serializer.error_details(group)[0]['type'] == 'value_error'


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)
profile_like = st.fixed_dictionaries(
    {},
    optional={
        'addresses': st.lists(
            st.fixed_dictionaries({}, optional={'city': json_values, 'zip_code': json_values})
            | json_values
        ),
        'skills': st.dictionaries(st.text(), json_values) | json_values,
        'scores': st.lists(st.integers() | json_values) | json_values,
        'best': json_values,
    },
)


def details_or_none(data: bytes):
    """The error details of reading `data` as a `Profile`; `None` if it is valid."""
    try:
        serializer.adapter(Profile, direction='request').from_json(data)
    except serializer.validation_errors as exc:
        return serializer.error_details(exc)
    return None


@given(profile_like)
def test_any_json_is_either_valid_or_located_errors(body):
    """Whatever JSON arrives, the answer is a value or well-formed details."""
    details = details_or_none(json.dumps(body).encode())
    if details is not None:
        assert details
        for detail in details:
            assert isinstance(detail['msg'], str)
            assert all(isinstance(step, str | int) for step in detail['loc'])
            assert detail['type'] in {
                'missing',
                'type_error',
                'value_error',
                'out_of_range',
                'too_long',
                'pattern_mismatch',
            }


@given(st.binary(max_size=64))
def test_arbitrary_bytes_never_escape_as_other_errors(data):
    """Bytes that are not JSON are a `parse_error`, never an unhandled exception."""
    details = details_or_none(data)

    assert details is None or details


@attrs.define
class Mapped:
    counts: dict[str, int] = attrs.field(
        validator=validators.deep_mapping(
            mapping_validator=validators.max_len(2), value_validator=validators.ge(0)
        ),
    )
    limit: int | None = attrs.field(default=None, validator=validators.optional(validators.ge(0)))


@attrs.define
class Misdeclared:
    value: int = attrs.field(validator=validators.deep_iterable(validators.ge(0)))


def test_mapping_validators_are_located_by_key():
    """`deep_mapping` failures are located under the key of the bad value."""
    assert [
        (detail['loc'], detail['type'])
        for detail in errors_of(Mapped, {'counts': {'a': -1, 'b': 1, 'c': 2}, 'limit': -1})
    ] == [
        (['counts'], 'too_long'),
        (['counts', 'a'], 'out_of_range'),
        (['limit'], 'out_of_range'),
    ]
    assert errors_of(Mapped, {'counts': {'a': -1}, 'limit': None})[0]['loc'] == ['counts', 'a']


def test_a_validator_that_cannot_run_again_leaves_the_error_at_the_class():
    """When re-running the validators fails too, cattrs' report stands."""
    assert errors_of(Misdeclared, {'value': 1}) == [
        {'msg': "'int' object is not iterable", 'loc': [], 'type': 'type_error'},
    ]


def test_an_unknown_attribute_keeps_its_name():
    """A note naming no wire field (a hook of yours) keeps the attribute name."""
    error = TypeError('bad')
    error.__notes__ = [AttributeValidationNote('', 'secret', int)]

    [detail] = serializer.error_details(ClassValidationError('x', [error], Mapped))

    assert detail['loc'] == ['secret']
