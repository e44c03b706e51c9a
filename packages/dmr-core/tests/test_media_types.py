"""``Content-Type`` and ``Accept`` parsing: examples and properties."""

import string

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dmr._media_types import (
    MAX_HEADER_LENGTH,
    MAX_MEDIA_RANGES,
    MediaRange,
    MediaType,
    parse_accept,
    parse_media_type,
)

TOKEN_CHARS = "!#$%&'*+-.^_`|~" + string.digits + string.ascii_letters
# Printable ASCII: what a quoted-string may hold, quotes and backslashes escaped.
QUOTED_CHARS = ''.join(chr(code) for code in range(0x20, 0x7F))

tokens = st.text(alphabet=TOKEN_CHARS, min_size=1, max_size=12)
ows = st.sampled_from(['', ' ', '  ', '\t'])


@st.composite
def quoted_strings(draw: st.DrawFn) -> tuple[str, str]:
    """A quoted-string as sent on the wire, and the value it stands for."""
    chars = draw(
        st.lists(
            st.tuples(st.sampled_from(QUOTED_CHARS), st.booleans()),
            max_size=12,
        ),
    )
    wire = ''.join(f'\\{char}' if char in '"\\' or escape else char for char, escape in chars)
    return f'"{wire}"', ''.join(char for char, _ in chars)


param_values = tokens.map(lambda token: (token, token)) | quoted_strings()


@st.composite
def media_types(draw: st.DrawFn) -> tuple[str, MediaType]:
    """A valid media type on the wire, and what parsing it must produce."""
    type_, subtype = draw(tokens), draw(tokens)
    params = draw(st.lists(st.tuples(tokens, param_values), max_size=4))
    wire = f'{type_}/{subtype}'
    for name, (value_wire, _) in params:
        wire += f'{draw(ows)};{draw(ows)}{name}={value_wire}'
    expected = MediaType(
        type_.lower(),
        subtype.lower(),
        tuple((name.lower(), value) for name, (_, value) in params),
    )
    return f'{draw(ows)}{wire}{draw(ows)}', expected


valid_qvalues = st.one_of(
    st.just('0'),
    st.just('1'),
    st.text(alphabet=string.digits, max_size=3).map(lambda digits: f'0.{digits}'),
    st.integers(0, 3).map(lambda zeros: '1.' + '0' * zeros),
)


@st.composite
def media_ranges(draw: st.DrawFn) -> tuple[str, MediaRange]:
    """A valid ``Accept`` element, and the range parsing it must produce."""
    shape = draw(st.sampled_from(['full', 'type', 'any']))
    type_ = '*' if shape == 'any' else draw(tokens.filter(lambda t: t != '*'))
    subtype = draw(tokens) if shape == 'full' else '*'
    wire = f'{type_}/{subtype}'
    for name, (value_wire, _) in draw(
        st.lists(st.tuples(tokens.filter(lambda t: t.lower() != 'q'), param_values)),
    ):
        wire += f';{name}={value_wire}'
    quality = 1.0
    qvalue = draw(st.none() | valid_qvalues)
    if qvalue is not None:
        wire += f';q={qvalue}'
        quality = float(qvalue)
    return wire, MediaRange(type_.lower(), subtype.lower(), quality)


@given(st.text())
def test_parse_media_type_never_raises(value: str) -> None:
    """Any text parses to a media type or to ``None``, never an exception."""
    assert isinstance(parse_media_type(value), MediaType | None)


@given(st.text())
def test_parse_accept_never_raises(value: str) -> None:
    """Any text parses to a list of well-formed ranges."""
    for media_range in parse_accept(value):
        assert 0 <= media_range.quality <= 1
        assert media_range.type != '*' or media_range.subtype == '*'


@given(media_types())
def test_valid_media_types_round_trip(case: tuple[str, MediaType]) -> None:
    """A valid media type parses into its lowercased name and its parameters."""
    wire, expected = case
    assert parse_media_type(wire) == expected


@given(st.lists(media_ranges(), min_size=1, max_size=5), ows)
def test_valid_accept_headers_round_trip(
    elements: list[tuple[str, MediaRange]],
    space: str,
) -> None:
    """Every valid element of an ``Accept`` header becomes one range, in order."""
    header = f'{space},{space}'.join(wire for wire, _ in elements)
    assert parse_accept(header) == [expected for _, expected in elements]


@given(
    st.lists(media_ranges(), min_size=1, max_size=6),
    st.lists(media_ranges(), min_size=1, max_size=6),
)
def test_only_the_first_elements_of_accept_are_read(
    read: list[tuple[str, MediaRange]],
    ignored: list[tuple[str, MediaRange]],
) -> None:
    """Ranges after the first ``MAX_MEDIA_RANGES`` elements are not read."""
    filler = ['text/plain'] * (MAX_MEDIA_RANGES - len(read))
    header = ','.join([*filler, *(wire for wire, _ in read), *(wire for wire, _ in ignored)])
    assume(len(header) <= MAX_HEADER_LENGTH)
    expected = [MediaRange('text', 'plain', 1.0)] * len(filler) + [range_ for _, range_ in read]
    assert parse_accept(header) == expected


@given(st.text(), st.text(min_size=1), st.text(min_size=1))
def test_accept_beyond_the_length_limit_is_not_read(head: str, tail: str, other: str) -> None:
    """Two values that share their first ``MAX_HEADER_LENGTH`` characters parse alike."""
    prefix = (head * (MAX_HEADER_LENGTH // max(len(head), 1) + 1))[:MAX_HEADER_LENGTH]
    prefix = prefix.ljust(MAX_HEADER_LENGTH, ',')
    assert parse_accept(prefix + tail) == parse_accept(prefix + other)


@given(st.text(max_size=MAX_HEADER_LENGTH * 3))
def test_accept_of_any_length_yields_few_ranges(value: str) -> None:
    """No value, however long, yields more than ``MAX_MEDIA_RANGES`` ranges."""
    assert len(parse_accept(value)) <= MAX_MEDIA_RANGES


@given(media_ranges())
def test_range_cut_by_the_length_limit_is_dropped(element: tuple[str, MediaRange]) -> None:
    """The element the length limit cuts through is not read as a shorter range."""
    wire, _ = element
    padding = ' ' * (MAX_HEADER_LENGTH - len('text/html,') - 1)
    header = f'text/html,{padding}{wire}'
    assume(len(header) > MAX_HEADER_LENGTH)
    assert parse_accept(header) == [MediaRange('text', 'html', 1.0)]


@given(valid_qvalues)
def test_valid_qvalues_set_the_quality(qvalue: str) -> None:
    """A ``q`` parameter within RFC 9110's grammar becomes the range's quality."""
    [media_range] = parse_accept(f'text/html;q={qvalue}')
    assert media_range.quality == float(qvalue)


@pytest.mark.parametrize(
    'qvalue',
    ['1.5', 'abc', '0.1234', '2', '-0', '1.001', '.5', '', '0.\u0661', '1e0'],
)
def test_invalid_qvalue_drops_only_its_element(qvalue: str) -> None:
    """An element with an invalid ``q`` is skipped; its neighbours are kept."""
    ranges = parse_accept(f'text/html;q={qvalue}, application/json')
    assert ranges == [MediaRange('application', 'json', 1.0)]


def test_any_type_with_a_subtype_is_skipped() -> None:
    """``*/json`` is not a media range, so it is skipped."""
    assert parse_accept('*/json, text/*;q=0.5') == [MediaRange('text', '*', 0.5)]


@given(quoted_strings())
def test_commas_in_quoted_parameters_do_not_split_elements(
    quoted: tuple[str, str],
) -> None:
    """Commas inside a quoted parameter belong to that parameter."""
    wire, _ = quoted
    header = f'text/html;a={wire};q=0.5, application/json'
    assert parse_accept(header) == [
        MediaRange('text', 'html', 0.5),
        MediaRange('application', 'json', 1.0),
    ]


def test_quoted_commas_and_semicolons_survive_in_parameter_values() -> None:
    """``,`` ``;`` and escaped quotes inside a quoted string are part of it."""
    parsed = parse_media_type(r'text/plain; note="a, b; \"c\"\\"')
    assert parsed == MediaType('text', 'plain', (('note', 'a, b; "c"\\'),))


def test_type_and_parameter_names_are_lowercased_but_values_are_not() -> None:
    """Names are case-insensitive and lowercased; values keep their case."""
    parsed = parse_media_type('Application/JSON; Charset=UTF-8')
    assert parsed == MediaType('application', 'json', (('charset', 'UTF-8'),))


def test_param_lookup_is_case_insensitive() -> None:
    """``param`` finds a parameter whatever the case of the name asked for."""
    parsed = parse_media_type('text/plain; charset=latin-1')
    assert parsed is not None
    assert parsed.param('CharSet') == 'latin-1'


def test_param_lookup_of_an_absent_parameter_is_none() -> None:
    """``param`` returns ``None`` for a parameter the media type lacks."""
    parsed = parse_media_type('text/plain')
    assert parsed is not None
    assert parsed.param('charset') is None


def test_essence_is_type_and_subtype_without_parameters() -> None:
    """``essence`` is ``type/subtype``."""
    parsed = parse_media_type('Text/Plain; charset=utf-8')
    assert parsed is not None
    assert parsed.essence == 'text/plain'


def test_empty_parameters_are_ignored() -> None:
    """Stray semicolons around parameters do not make a media type invalid."""
    parsed = parse_media_type('text/plain;; charset=utf-8;')
    assert parsed == MediaType('text', 'plain', (('charset', 'utf-8'),))


@pytest.mark.parametrize(
    'value',
    [
        '',
        'json',
        'application/',
        '/json',
        'application/json/extra',
        'application /json',
        'application/json; charset',
        'application/json; charset=',
        'application/json; charset="utf-8',
        'application/json; charset=a b',
        'application/json; ch@rset=utf-8',
    ],
)
def test_malformed_media_types_parse_to_none(value: str) -> None:
    """A value outside the media-type grammar is ``None``, not a guess."""
    assert parse_media_type(value) is None


def test_empty_and_garbage_accept_headers_have_no_ranges() -> None:
    """Empty elements and garbage in ``Accept`` are skipped."""
    assert parse_accept(' , garbage, ;;, text') == []


def test_missing_quality_means_one() -> None:
    """A range without ``q`` has quality 1."""
    assert parse_accept('text/html') == [MediaRange('text', 'html', 1.0)]


@pytest.mark.parametrize(
    ('media_range', 'specificity'),
    [
        (MediaRange('*', '*', 1.0), 0),
        (MediaRange('text', '*', 1.0), 1),
        (MediaRange('text', 'html', 1.0), 2),
    ],
)
def test_specificity_ranks_ranges(media_range: MediaRange, specificity: int) -> None:
    """``*/*`` < ``type/*`` < ``type/subtype``."""
    assert media_range.specificity == specificity


@pytest.mark.parametrize(
    ('media_range', 'matches'),
    [
        (MediaRange('*', '*', 1.0), True),
        (MediaRange('text', '*', 1.0), True),
        (MediaRange('text', 'html', 1.0), True),
        (MediaRange('text', 'plain', 1.0), False),
        (MediaRange('image', '*', 1.0), False),
    ],
)
def test_ranges_match_media_types_they_cover(
    media_range: MediaRange,
    matches: bool,
) -> None:
    """A range matches a media type when each part is equal or ``*``."""
    assert media_range.matches(MediaType('text', 'html')) is matches
