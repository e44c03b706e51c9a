"""Converting msgspec's errors into error details."""

from typing import Any

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmr.errors import ErrorType
from dmr_msgspec import MsgspecSerializer
from dmr_msgspec._errors import DICT_KEY, parse_path, split_location

serializer = MsgspecSerializer()

_EXCEPTIONS = (*serializer.validation_errors, ValueError)


def details(error: Exception) -> list[dict[str, Any]]:
    return [dict(detail) for detail in serializer.error_details(error)]


def render_path(loc: list[str | int]) -> str:
    """Write ``loc`` the way msgspec writes paths."""
    return '$' + ''.join(f'[{part}]' if isinstance(part, int) else f'.{part}' for part in loc)


# A field name as msgspec prints it: anything but the separators `.` and `[`,
# and nothing that, with the closing backtick, would spell a new suffix.
field_names = st.text(st.characters(exclude_characters='.['), max_size=12).filter(
    lambda name: ' - at `' not in f'{name}`',
)
locs = st.lists(field_names | st.integers(min_value=0, max_value=10**9), max_size=6)


@pytest.mark.parametrize(
    ('message', 'msg', 'loc', 'error_type'),
    [
        (
            'Expected `int`, got `str` - at `$.a[0].b`',
            'Expected `int`, got `str`',
            ['a', 0, 'b'],
            'type_error',
        ),
        ('Expected `int | null`, got `str`', 'Expected `int | null`, got `str`', [], 'type_error'),
        ('Expected `str` - at `key` in `$.tags`', 'Expected `str`', ['tags'], 'type_error'),
        (
            'Object missing required field `email`',
            'Object missing required field `email`',
            ['email'],
            'missing',
        ),
        (
            'Object missing required field `b` - at `$.a[0]`',
            'Object missing required field `b`',
            ['a', 0, 'b'],
            'missing',
        ),
        (
            'Object contains unknown field `zz` - at `$[2]`',
            'Object contains unknown field `zz`',
            [2, 'zz'],
            'extra_forbidden',
        ),
        ('Expected `int` >= 0 - at `$.n`', 'Expected `int` >= 0', ['n'], 'out_of_range'),
        ('Expected `float` < 1.5', 'Expected `float` < 1.5', [], 'out_of_range'),
        (
            'Integer value out of range - at `$.n`',
            'Integer value out of range',
            ['n'],
            'out_of_range',
        ),
        ('Number out of range', 'Number out of range', [], 'out_of_range'),
        ('Expected `str` of length >= 2', 'Expected `str` of length >= 2', [], 'too_short'),
        (
            'Expected `array` of length <= 3 - at `$.l`',
            'Expected `array` of length <= 3',
            ['l'],
            'too_long',
        ),
        (
            "Expected `str` matching regex '^a' - at `$.s`",
            "Expected `str` matching regex '^a'",
            ['s'],
            'pattern_mismatch',
        ),
        (
            'Expected `array` of length 2 - at `$.t`',
            'Expected `array` of length 2',
            ['t'],
            'value_error',
        ),
        (
            "Expected `float` that's a multiple of 2.0",
            "Expected `float` that's a multiple of 2.0",
            [],
            'value_error',
        ),
        ('Invalid UUID - at `$.d[...].u`', 'Invalid UUID', ['d', DICT_KEY, 'u'], 'invalid_format'),
        (
            "Invalid enum value 'x - at `$.q`' - at `$.e`",
            "Invalid enum value 'x - at `$.q`'",
            ['e'],
            'invalid_choice',
        ),
        (
            'Expected `int`, got `str` - at `$.a`b`',
            'Expected `int`, got `str`',
            ['a`b'],
            'type_error',
        ),
    ],
)
def test_validation_messages_map_to_loc_and_type(message, msg, loc, error_type):
    """msgspec's message and path suffix become `msg`, `loc` and `type`."""
    assert details(msgspec.ValidationError(message)) == [
        {'msg': msg, 'loc': loc, 'type': error_type},
    ]


@pytest.mark.parametrize(
    'error',
    [
        msgspec.DecodeError('JSON is malformed: invalid character (byte 0)'),
        msgspec.DecodeError('Input data was truncated'),
        UnicodeDecodeError('utf-8', b'\xff', 0, 1, 'invalid start byte'),
        RecursionError('maximum recursion depth exceeded while deserializing an object'),
    ],
)
def test_unreadable_input_is_a_parse_error_at_the_value(error):
    """Malformed data, invalid UTF-8 and excessive depth are parse errors."""
    assert details(error) == [{'msg': str(error), 'loc': [], 'type': 'parse_error'}]


def test_encode_error_of_an_unsupported_type_is_a_type_error():
    """An object msgspec has no encoding for is a `type_error`."""
    error = msgspec.EncodeError('Encoding objects of type Foo is unsupported')

    assert details(error)[0]['type'] == 'type_error'


def test_other_encode_errors_are_value_errors():
    """An encoding failure for a value (a cycle, a huge int) is a `value_error`."""
    error = msgspec.EncodeError('maximum recursion depth exceeded while serializing an object')

    assert details(error)[0]['type'] == 'value_error'


@pytest.mark.parametrize(
    'path',
    ['a', '$[x]', '$[1', '$.a[-1]', '$[' + '9' * 5000 + ']', '$..[0]x'],
)
def test_unreadable_paths_are_refused(path):
    """A path msgspec would not write is not turned into a `loc`."""
    assert parse_path(path) is None


def test_message_with_an_unreadable_suffix_is_kept_whole():
    """When the suffix cannot be read, the whole message stays in `msg`."""
    message = 'Invalid value - at `nowhere`'

    assert split_location(message) == (message, [])


@given(message=st.text(), kind=st.sampled_from(_EXCEPTIONS))
def test_any_message_converts_without_raising(message, kind):
    """Whatever the text, conversion gives one well-formed detail."""
    error = kind(message) if kind is not UnicodeDecodeError else kind('utf-8', b'', 0, 0, message)

    [detail] = details(error)

    assert isinstance(detail['msg'], str)
    assert all(isinstance(part, str | int) for part in detail['loc'])
    assert detail['type'] in set(ErrorType)


@given(
    loc=locs,
    msg=st.sampled_from(['Expected `int`, got `str`', 'Invalid UUID', 'Expected `int` >= 0']),
)
def test_paths_round_trip_into_loc(loc, msg):
    """A message at any path of field names and indices is located there."""
    [detail] = details(msgspec.ValidationError(f'{msg} - at `{render_path(loc)}`'))

    assert detail['loc'] == loc
    assert detail['msg'] == msg


@given(loc=locs, name=st.text())
def test_missing_field_is_located_under_its_path(loc, name):
    """A missing field's `loc` is its object's path plus its own name."""
    message = f'Object missing required field `{name}` - at `{render_path(loc)}`'

    [detail] = details(msgspec.ValidationError(message))

    assert detail['loc'] == [*loc, name]
    assert detail['type'] == 'missing'


def _nest(loc: list[str | int]) -> tuple[Any, Any]:
    """A type expecting `int` at ``loc``, and a value with text there."""
    annotation: Any = int
    bad: Any = 'text'
    good: Any = 0
    for step, part in enumerate(reversed(loc)):
        if isinstance(part, int):
            annotation = list[annotation]
            bad, good = [good] * part + [bad], []
        else:
            struct = msgspec.defstruct(f'S{step}', [('field', annotation)], rename={'field': part})
            annotation, bad, good = struct, {part: bad}, {part: good}
    return annotation, bad


# msgspec refuses renamed fields that are not UTF-8 or hold a backslash, `"`
# or control characters.
wire_names = st.text(
    st.characters(codec='utf-8', exclude_categories=['Cc'], exclude_characters='.["\\'),
    max_size=12,
).filter(lambda name: ' - at `' not in f'{name}`')


@given(loc=st.lists(wire_names | st.integers(min_value=0, max_value=5), max_size=5))
def test_real_errors_are_located_at_their_path(loc):
    """Errors msgspec raises while validating nested data point at the bad value."""
    annotation, value = _nest(loc)
    adapter = serializer.adapter(annotation, direction='response')

    with pytest.raises(msgspec.ValidationError) as caught:
        adapter.from_python(value)

    [detail] = serializer.error_details(caught.value)
    assert detail.get('loc') == loc
    assert detail.get('type') == 'type_error'
