"""Content negotiation: choosing a renderer and a parser from headers."""

import codecs
import encodings.aliases
from dataclasses import dataclass

import pytest
from django.test import RequestFactory
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dmr import _negotiation
from dmr._media_types import MediaType
from dmr._negotiation import ParserTable, RendererTable
from dmr.errors import (
    NotAcceptableError,
    RequestValidationError,
    UnsupportedMediaTypeError,
)
from dmr.parsers import RequestBody


@dataclass(frozen=True)
class Fake:
    """Stands in for a renderer or a parser: negotiation reads only this."""

    media_type: str


JSON = Fake('application/json')
MSGPACK = Fake('application/msgpack')
HTML = Fake('text/html')


def renderers(*fakes: Fake) -> RendererTable:
    return RendererTable(fakes)


def parsers(*fakes: Fake) -> ParserTable:
    return ParserTable(fakes)


# Renderers.


def test_first_renderer_is_the_default() -> None:
    """Without an ``Accept`` header the first renderer answers."""
    assert renderers(MSGPACK, JSON).default is MSGPACK


@pytest.mark.parametrize('accept', ['', ' ', 'garbage', ';;;', '*/json', 'text'])
def test_accept_without_valid_ranges_selects_the_default(accept: str) -> None:
    """An empty or unparsable ``Accept`` is treated as absent."""
    assert renderers(MSGPACK, JSON).select(accept) is MSGPACK


def test_exact_match_selects_that_renderer() -> None:
    """``Accept: application/json`` picks the JSON renderer."""
    assert renderers(MSGPACK, JSON).select('application/json') is JSON


def test_any_range_selects_the_first_renderer() -> None:
    """``*/*`` accepts everything, so server order decides."""
    assert renderers(HTML, JSON).select('*/*') is HTML


def test_type_range_selects_a_renderer_of_that_type() -> None:
    """``text/*`` picks the renderer whose type is ``text``."""
    assert renderers(JSON, HTML).select('text/*') is HTML


def test_highest_quality_wins() -> None:
    """Of two acceptable renderers, the one with the higher ``q`` is chosen."""
    table = renderers(JSON, MSGPACK)
    accept = 'application/json;q=0.5, application/msgpack;q=0.8'
    assert table.select(accept) is MSGPACK


def test_zero_quality_alone_is_not_acceptable() -> None:
    """``q=0`` refuses a media type; refusing the only one is a 406."""
    with pytest.raises(NotAcceptableError) as caught:
        renderers(JSON).select('application/json;q=0')
    assert caught.value.status_code == 406


def test_not_acceptable_error_points_at_the_accept_header() -> None:
    """The 406 detail has ``loc`` ``headers.accept`` and type ``not_acceptable``."""
    with pytest.raises(NotAcceptableError) as caught:
        renderers(JSON).select('image/png')
    [detail] = caught.value.details
    assert detail['loc'] == ['headers', 'accept']
    assert detail['type'] == 'not_acceptable'


def test_not_acceptable_error_lists_what_is_offered() -> None:
    """The 406 message names the header and every media type on offer."""
    with pytest.raises(NotAcceptableError) as caught:
        renderers(JSON, HTML).select('image/png')
    message = caught.value.details[0]['msg']
    assert 'image/png' in message
    assert 'application/json' in message
    assert 'text/html' in message


def test_zero_quality_excludes_a_renderer_others_remain() -> None:
    """A refused type is skipped even when it comes first in server order."""
    assert renderers(JSON, MSGPACK).select('application/json;q=0, */*') is MSGPACK


@pytest.mark.parametrize(
    ('accept', 'expected'),
    [
        ('*/*;q=0.1, application/json', JSON),
        ('application/json, */*;q=0.1', JSON),
        ('application/*;q=0, application/json', JSON),
        ('application/json;q=0.2, */*', MSGPACK),
        ('application/json;q=0.2, application/*;q=0.9', MSGPACK),
    ],
)
def test_most_specific_range_sets_a_types_quality(accept: str, expected: Fake) -> None:
    """A media type's ``q`` comes from the most specific range matching it."""
    assert renderers(MSGPACK, JSON).select(accept) is expected


def test_equal_quality_prefers_the_more_specific_match() -> None:
    """At equal ``q``, an exact match beats a wildcard match."""
    table = renderers(JSON, MSGPACK)
    assert table.select('application/*, application/msgpack') is MSGPACK


@pytest.mark.parametrize(
    ('table', 'expected'),
    [(renderers(JSON, MSGPACK), JSON), (renderers(MSGPACK, JSON), MSGPACK)],
)
def test_equal_quality_and_specificity_follow_server_order(
    table: RendererTable,
    expected: Fake,
) -> None:
    """When ``q`` and specificity tie, the earlier renderer wins."""
    assert table.select('application/*') is expected


def test_renderer_with_malformed_media_type_is_never_negotiated() -> None:
    """A renderer whose media type does not parse cannot match a range."""
    broken = Fake('not a media type')
    assert renderers(broken, JSON).select('*/*') is JSON


def test_renderer_selection_is_cached_with_a_bound() -> None:
    """Answers are remembered for repeated headers, in a bounded cache."""
    table = renderers(JSON)
    table.select('application/json')
    table.select('application/json')
    info = table.select.cache_info()
    assert info.hits == 1
    assert info.maxsize is not None
    assert info.maxsize <= 1024


@given(st.text())
def test_any_accept_header_selects_a_renderer_or_is_not_acceptable(
    accept: str,
) -> None:
    """For any header, selection yields an offered renderer or a 406."""
    table = renderers(JSON, MSGPACK, HTML)
    try:
        chosen = table.select(accept)
    except NotAcceptableError:
        return
    assert chosen in table.renderers


range_names = st.sampled_from(
    [
        'application/json',
        'application/msgpack',
        'text/html',
        'image/png',
        'application/*',
        'text/*',
        'image/*',
    ]
)
qualities = st.sampled_from(['0', '0.001', '0.5', '1'])


def refused_by(ranges: list[tuple[str, str]], renderer: Fake) -> bool:
    """Whether a specific (not ``*/*``) range refuses ``renderer`` with q=0."""
    kind = renderer.media_type.split('/')[0]
    names = {renderer.media_type, f'{kind}/*'}
    return any(name in names and quality == '0' for name, quality in ranges)


@given(
    st.lists(st.tuples(range_names, qualities), max_size=6),
    st.sampled_from(['0.001', '0.3', '1']),
    st.integers(min_value=0, max_value=6),
)
def test_any_range_with_positive_quality_is_satisfiable(
    ranges: list[tuple[str, str]],
    any_quality: str,
    position: int,
) -> None:
    """With ``*/*;q>0``, a renderer no specific range refuses is chosen."""
    offered = (JSON, MSGPACK, HTML)
    assume(not all(refused_by(ranges, renderer) for renderer in offered))
    elements = [f'{name};q={quality}' for name, quality in ranges]
    elements.insert(position, f'*/*;q={any_quality}')
    table = renderers(*offered)
    assert table.select(', '.join(elements)) in offered


# Parsers.


def test_exact_content_type_selects_its_parser() -> None:
    """``application/json`` selects the JSON parser, with nothing to transcode."""
    assert parsers(MSGPACK, JSON).select('application/json')[:2] == (JSON, None)


def test_parameters_do_not_affect_parser_choice() -> None:
    """Parameters other than ``charset`` are ignored when matching."""
    table = parsers(JSON)
    assert table.select('application/json; profile="x,y"; v=2')[:2] == (JSON, None)


def test_content_type_matching_is_case_insensitive() -> None:
    """``Application/JSON`` is ``application/json``."""
    assert parsers(JSON).select('Application/JSON')[:2] == (JSON, None)


@pytest.mark.parametrize(
    'charset',
    ['utf-8', 'UTF-8', 'utf8', 'UTF8', '"utf-8"', 'utf_8', 'U8'],
)
def test_utf8_bodies_are_not_transcoded(charset: str) -> None:
    """Every spelling of UTF-8 selects the parser without transcoding."""
    table = parsers(JSON)
    assert table.select(f'application/json; charset={charset}')[:2] == (JSON, None)


def test_other_charsets_are_returned_for_transcoding() -> None:
    """``charset=latin-1`` names the Latin-1 codec to transcode from."""
    parser, charset, _ = parsers(JSON).select('application/json; charset=latin-1')
    assert parser is JSON
    assert charset is not None
    assert codecs.lookup(charset).name == 'iso8859-1'


def test_request_body_re_encodes_the_body_as_utf8() -> None:
    """A Latin-1 body is read re-encoded as UTF-8."""
    content_type = 'application/json; charset=ISO-8859-1'
    _, charset, media_type = parsers(JSON).select(content_type)
    assert _read(charset, media_type, b'"caf\xe9"') == '"café"'.encode()


def _read(charset: str | None, media_type: MediaType, body: bytes) -> bytes:
    """``body`` as a parser reads it from a request of ``media_type``."""
    request = RequestFactory().generic('POST', '/', body, content_type='application/json')
    return RequestBody(request, media_type, charset, False).read()


@pytest.mark.parametrize(
    'charset',
    ['klingon', 'x-nope-123', '"\x00"', 'mbcs', 'aliases'],
)
def test_unknown_charset_is_unsupported(charset: str) -> None:
    """A charset Python has no codec for is a 415 on ``content-type``."""
    with pytest.raises(UnsupportedMediaTypeError) as caught:
        parsers(JSON).select(f'application/json; charset={charset}')
    assert caught.value.status_code == 415
    [detail] = caught.value.details
    assert detail['loc'] == ['headers', 'content-type']
    assert detail['type'] == 'unsupported_media_type'


@pytest.mark.parametrize(
    'charset',
    [
        'base64',
        'rot13',
        'zlib',
        'hex',
        'unicode_escape',
        'raw_unicode_escape',
        'punycode',
        'idna',
        'undefined',
    ],
)
def test_python_only_codecs_are_not_charsets(charset: str) -> None:
    """Codecs that are transforms or Python-internal are refused with a 415."""
    with pytest.raises(UnsupportedMediaTypeError):
        parsers(JSON).select(f'application/json; charset={charset}')


def test_unknown_charsets_are_never_looked_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Client-chosen names do not reach ``codecs.lookup``, which never forgets."""
    looked_up: list[str] = []
    real_lookup = codecs.lookup

    def spy(name: str) -> codecs.CodecInfo:
        looked_up.append(name)
        return real_lookup(name)

    monkeypatch.setattr(_negotiation.codecs, 'lookup', spy)
    table = parsers(JSON)
    for index in range(5):
        with pytest.raises(UnsupportedMediaTypeError):
            table.select(f'application/json; charset=made-up-{index}')
    assert looked_up == []


def test_charset_spellings_are_looked_up_by_one_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Many spellings of one charset reach ``codecs.lookup`` as one name."""
    looked_up: set[str] = set()
    real_lookup = codecs.lookup

    def spy(name: str) -> codecs.CodecInfo:
        looked_up.add(name)
        return real_lookup(name)

    monkeypatch.setattr(_negotiation.codecs, 'lookup', spy)
    table = parsers(JSON)
    for spelling in ['latin-1', 'LATIN_1', 'latin--1', '-latin 1-']:
        table.select(f'application/json; charset="{spelling}"')
    assert len(looked_up) == 1


@pytest.mark.parametrize(
    ('charset', 'body'),
    [('utf-16', b'{"a'), ('us-ascii', b'"\xff"'), ('utf-8-sig', b'\xff')],
)
def test_body_invalid_in_its_charset_is_a_parse_error(charset: str, body: bytes) -> None:
    """Bytes the declared charset cannot decode are a 400 ``parse_error`` on body."""
    table = parsers(JSON)
    _, codec, media_type = table.select(f'application/json; charset={charset}')
    assert codec is not None
    with pytest.raises(RequestValidationError) as caught:
        _read(codec, media_type, body)
    [detail] = caught.value.details
    assert detail['loc'] == ['body']
    assert detail['type'] == 'parse_error'


def test_reading_refuses_a_charset_without_a_codec() -> None:
    """A body read with a name no codec has is a 415, not a crash."""
    with pytest.raises(UnsupportedMediaTypeError):
        _read('klingon', MediaType('application', 'json'), b'{}')


@pytest.mark.parametrize(
    'content_type',
    ['text/plain', 'application/xml', 'application/json+x', 'application/jsonx'],
)
def test_content_type_without_parser_is_unsupported(content_type: str) -> None:
    """A well-formed type no parser handles is a 415 on ``content-type``."""
    with pytest.raises(UnsupportedMediaTypeError) as caught:
        parsers(JSON).select(content_type)
    [detail] = caught.value.details
    assert detail['loc'] == ['headers', 'content-type']
    assert 'application/json' in detail['msg']


@pytest.mark.parametrize(
    'content_type',
    ['', 'json', 'application/', 'application/json; charset', 'application/json;x="'],
)
def test_malformed_content_type_is_unsupported(content_type: str) -> None:
    """A value that is not a media type is a 415, not a 500."""
    with pytest.raises(UnsupportedMediaTypeError):
        parsers(JSON).select(content_type)


def test_parser_selection_is_cached_with_a_bound() -> None:
    """Parser answers are remembered, in a bounded cache."""
    table = parsers(JSON)
    table.select('application/json')
    table.select('application/json')
    info = table.select.cache_info()
    assert info.hits == 1
    assert info.maxsize is not None
    assert info.maxsize <= 1024


@settings(deadline=None)
@given(st.text() | st.text().map(lambda text: f'application/json; charset={text}'))
def test_any_content_type_selects_a_parser_or_is_unsupported(
    content_type: str,
) -> None:
    """For any ``Content-Type``, selection yields a parser or a 415."""
    table = parsers(JSON)
    try:
        parser, *_ = table.select(content_type)
    except UnsupportedMediaTypeError:
        return
    assert parser is JSON


@settings(deadline=None)
@given(st.sampled_from(sorted(encodings.aliases.aliases)), st.binary())
def test_any_body_in_any_charset_transcodes_to_utf8_or_fails_cleanly(
    charset: str,
    body: bytes,
) -> None:
    """Transcoding yields UTF-8, a 400 or a 415; no codec error escapes."""
    table = parsers(JSON)
    try:
        _, codec, media_type = table.select(f'application/json; charset={charset}')
        if codec is None:  # UTF-8: the parser reads the body as it came
            return
        result = _read(codec, media_type, body)
    except (RequestValidationError, UnsupportedMediaTypeError):
        return
    result.decode()
