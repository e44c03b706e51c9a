"""The table by which text becomes a value, whatever the backend."""

import datetime
import string
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmr._text import (
    FORMATS,
    TextError,
    field_reader,
    items_reader,
    read_boolean,
    read_integer,
    read_number,
)

NUMBERISH = st.text(alphabet='0123456789-+._eE xinfa', max_size=8)


@given(st.integers(min_value=-(10**30), max_value=10**30))
def test_every_integer_reads_back_from_its_digits(number: int) -> None:
    """The decimal spelling of any integer is read as that integer."""
    assert read_integer(str(number)) == number


def _outcome(reader: Callable[[str], Any], text: str) -> Any:
    """What ``reader`` makes of ``text``: a value, or the error type it raised."""
    try:
        return reader(text)
    except TextError as exc:
        return exc.error_type


@given(NUMBERISH)
def test_an_integer_is_only_read_from_its_canonical_spelling(text: str) -> None:
    """Text read as an integer spells it exactly: no sign, zeros, dots or spaces to spare."""
    outcome = _outcome(read_integer, text)
    assert outcome == 'type_error' if isinstance(outcome, str) else str(outcome) == text


@given(st.text(alphabet='0123456789\u0663\u06f4\u00b2\u00b9\uff11-', max_size=6))
def test_only_ascii_digits_spell_an_integer(text: str) -> None:
    """Arabic-Indic, superscript or full-width digits are not read as digits."""
    outcome = _outcome(read_integer, text)
    if text.isascii() and text.removeprefix('-').isdigit() and str(int(text)) == text != '-0':
        assert outcome == int(text)
    else:
        assert outcome == 'type_error'


def test_integers_have_at_most_python_s_4300_digits() -> None:
    """4,300 digits are read; one more is refused, as Python's own limit would."""
    assert read_integer('7' * 4300) == int('7' * 4300)
    assert _outcome(read_integer, '7' * 4301) == 'type_error'
    assert _outcome(read_integer, '-' + '7' * 4301) == 'type_error'


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_finite_float_reads_back_from_its_repr(number: float) -> None:
    """Python's spelling of a finite float is a JSON number and reads back."""
    assert read_number(repr(number)) == number


@given(NUMBERISH)
def test_a_number_is_read_only_when_finite_json(text: str) -> None:
    """Text read as a number is finite, and is what ``float`` makes of it."""
    outcome = _outcome(read_number, text)
    if isinstance(outcome, str):
        assert outcome in {'type_error', 'out_of_range'}
    else:
        assert outcome == float(text)
        assert text.strip() == text
        assert '_' not in text


@pytest.mark.parametrize('text', ['nan', 'inf', '-inf', 'Infinity', 'NaN', '1e309', '-1e309'])
def test_non_finite_numbers_are_refused(text: str) -> None:
    """NaN, infinities and numbers too large for a float are refused."""
    with pytest.raises(TextError):
        read_number(text)


@given(st.text(alphabet=string.ascii_letters + '01', max_size=6))
def test_booleans_are_four_words_in_any_case(text: str) -> None:
    """Only ``true``, ``false``, ``1`` and ``0``, in any case, are booleans."""
    expected = {'true': True, 'false': False, '1': True, '0': False}.get(text.lower())
    if expected is None:
        with pytest.raises(TextError):
            read_boolean(text)
    else:
        assert read_boolean(text) is expected


@given(st.dates())
def test_every_date_reads_from_its_iso_form(day: datetime.date) -> None:
    """``YYYY-MM-DD`` dates are kept as they are."""
    text = day.isoformat()
    if day.year >= 1000:
        assert FORMATS['date'](text) == text


@given(st.datetimes(timezones=st.just(datetime.UTC)))
def test_every_utc_datetime_reads_from_its_iso_form(moment: datetime.datetime) -> None:
    """RFC 3339 date-times with an offset are kept as they are."""
    text = moment.isoformat()
    if moment.year >= 1000:
        assert FORMATS['date-time'](text) == text


@given(st.uuids())
def test_every_uuid_reads_from_its_hyphenated_form(ident: object) -> None:
    """Hyphenated UUIDs are accepted, in either case."""
    assert FORMATS['uuid'](str(ident).upper()) == str(ident).upper()


@pytest.mark.parametrize(
    ('name', 'text'),
    [
        ('date', '2024-02-30'),
        ('date', '2024-01-02T00:00:00'),
        ('date-time', '2024-01-02 03:04:05'),
        ('date-time', '2024-01-02T25:04:05'),
        ('time', '3:04:05'),
        ('duration', 'P'),
        ('duration', 'PT'),
        ('uuid', '0f1e2d3c4b5a49788695a4b3c2d1e0f9'),
        ('decimal', '1e3'),
        ('decimal', 'NaN'),
    ],
)
def test_malformed_formats_are_invalid_formats(name: str, text: str) -> None:
    """A string of a format that breaks its grammar is an ``invalid_format``."""
    with pytest.raises(TextError) as caught:
        FORMATS[name](text)
    assert caught.value.error_type == 'invalid_format'


@pytest.mark.parametrize(
    ('schema', 'text', 'expected'),
    [
        ({'anyOf': [{'type': 'integer'}, {'type': 'string'}]}, '5', 5),
        ({'anyOf': [{'type': 'integer'}, {'type': 'string'}]}, 'five', 'five'),
        ({'type': ['boolean', 'null']}, 'true', True),
        ({'enum': [1, 2]}, '2', 2),
        ({'enum': [1, 2]}, '3', '3'),
        ({'enum': ['a', 'b']}, 'a', 'a'),
        ({'const': True}, 'true', True),
        ({'$ref': 'Count'}, '7', 7),
        ({'$ref': 'Unknown'}, '7', '7'),
        ({'type': 'string', 'format': 'email'}, 'a@b', 'a@b'),
        ({'type': 'object'}, '{}', '{}'),
    ],
)
def test_field_readers_follow_the_schema(schema: dict, text: str, expected: object) -> None:
    """Unions try members in order; enums read their numbers; unknown schemas keep text."""
    reader = field_reader(schema, {'Count': {'type': 'integer'}})
    assert (text if reader is None else reader(text)) == expected


def test_a_nullable_integer_refuses_other_text() -> None:
    """``null`` is never read from text: an ``int | None`` wants an integer."""
    reader = field_reader({'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, {})
    assert reader is not None
    with pytest.raises(TextError, match='integer'):
        reader('none')


@pytest.mark.parametrize(
    'schema',
    [
        {'type': 'array', 'items': {'type': 'integer'}},
        {'anyOf': [{'type': 'null'}, {'type': 'array', 'items': {'type': 'integer'}}]},
        {'$ref': 'Ints'},
    ],
)
def test_array_items_are_read_by_their_schema(schema: dict) -> None:
    """Each value of a repeated key is read by the items' schema."""
    reader = items_reader(schema, {'Ints': {'type': 'array', 'items': {'type': 'integer'}}})
    assert reader is not None
    assert reader('4') == 4


def test_recursive_references_keep_text() -> None:
    """A reference that loops back to itself reads nothing."""
    loop = {'Loop': {'$ref': 'Loop'}}
    assert field_reader({'$ref': 'Loop'}, loop) is None
    assert items_reader({'$ref': 'Loop'}, loop) is None
    assert items_reader('not a schema', {}) is None
    assert field_reader('not a schema', {}) is None
