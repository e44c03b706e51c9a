"""Content negotiation tables, built once per endpoint.

Each table answers one question for a raw header value and remembers the
answer for the most recent distinct values, so that the request path costs a
dictionary lookup once a client has been seen. Only short values are
remembered: a client cannot make a worker keep what it sends.
"""

import codecs
import encodings
import encodings.aliases
import functools
import pkgutil
import re
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from django.utils.translation import gettext

from dmr._media_types import (
    MAX_HEADER_LENGTH,
    MediaRange,
    MediaType,
    parse_accept,
    parse_media_type,
)
from dmr.errors import (
    ErrorType,
    NotAcceptableError,
    UnsupportedMediaTypeError,
    error_detail,
)
from dmr.parsers import Parser
from dmr.renderers import Renderer

_T = TypeVar('_T')

#: How many distinct header values each table remembers.
CACHE_SIZE = 256
#: Longer values are negotiated afresh on every request, never remembered,
#: so a table holds at most ``CACHE_SIZE * CACHEABLE_LENGTH`` characters.
CACHEABLE_LENGTH = 256
# How much of a client's header value an error message repeats.
_SHOWN_LENGTH = 100


def _shown(value: str) -> str:
    return value if len(value) <= _SHOWN_LENGTH else f'{value[:_SHOWN_LENGTH]}...'


class _BoundedCache(Generic[_T]):
    """Remembers a function's answers for the last short arguments it saw."""

    def __init__(self, func: Callable[[str], _T]) -> None:
        self.func = func
        self.cached = functools.lru_cache(maxsize=CACHE_SIZE)(func)

    def __call__(self, value: str) -> _T:
        if len(value) > CACHEABLE_LENGTH:
            return self.func(value)
        return self.cached(value)

    def cache_info(self) -> 'functools._CacheInfo':
        """Hits, misses and size of the cache, as ``functools.lru_cache`` counts them."""
        return self.cached.cache_info()


def _charset_key(name: str) -> str:
    """``'ISO-8859-1'`` -> ``'iso_8859_1'``: how Python spells codec names."""
    return re.sub(r'[^a-z0-9.]+', '_', name.lower()).strip('_')


# Only names the standard library knows are looked up. ``codecs.lookup``
# remembers every name it is given, found or not, so looking up whatever a
# client sends would grow that memory without bound.
_KNOWN_CHARSETS = frozenset(
    _charset_key(name)
    for name in (
        *encodings.aliases.aliases,
        *(module.name for module in pkgutil.iter_modules(encodings.__path__)),
    )
)

# Python codecs that are not charsets a body can be written in: byte-to-byte
# transforms, and text codecs that only make sense inside Python.
_NOT_CHARSETS = frozenset(
    {
        'base64',
        'bz2',
        'hex',
        'quopri',
        'rot-13',
        'uu',
        'zlib',
        'idna',
        'punycode',
        'raw-unicode-escape',
        'unicode-escape',
        'undefined',
    }
)


def _codec_name(charset: str) -> str | None:
    """The canonical codec for a ``charset`` parameter; ``None`` if unusable."""
    key = _charset_key(charset)
    if key not in _KNOWN_CHARSETS:
        return None
    try:
        name = codecs.lookup(key).name
    except LookupError:  # a module of `encodings` that is not a codec here
        return None
    return None if name in _NOT_CHARSETS else name


class RendererTable:
    """Chooses a renderer for an ``Accept`` header value."""

    def __init__(self, renderers: Sequence[Renderer]) -> None:
        self.renderers = tuple(renderers)
        self.default = self.renderers[0]
        self._media_types = [parse_media_type(renderer.media_type) for renderer in self.renderers]
        self.select = _BoundedCache(self._select)

    def _select(self, accept: str) -> Renderer:
        ranges = parse_accept(accept)
        if not ranges:
            return self.default
        best: tuple[float, int, int] | None = None
        chosen: Renderer | None = None
        for index, (renderer, media_type) in enumerate(
            zip(self.renderers, self._media_types, strict=True),
        ):
            score = _score(ranges, media_type, index)
            if score is not None and (best is None or score > best):
                best, chosen = score, renderer
        if chosen is None:
            offered = ', '.join(renderer.media_type for renderer in self.renderers)
            raise NotAcceptableError(
                [
                    error_detail(
                        gettext('Cannot satisfy `Accept: %(accept)s`; available: %(offered)s')
                        % {'accept': _shown(accept), 'offered': offered},
                        ['headers', 'accept'],
                        ErrorType.NOT_ACCEPTABLE,
                    ),
                ]
            )
        return chosen


def _score(
    ranges: list[MediaRange],
    media_type: MediaType | None,
    index: int,
) -> tuple[float, int, int] | None:
    if media_type is None:
        return None
    best_range = None
    for media_range in ranges:
        if media_range.matches(media_type) and (
            best_range is None or media_range.specificity > best_range.specificity
        ):
            best_range = media_range
    if best_range is None or best_range.quality == 0:
        return None
    return (best_range.quality, best_range.specificity, -index)


class ParserTable:
    """Chooses a parser, and the body's charset, for a ``Content-Type``."""

    def __init__(self, parsers: Sequence[Parser]) -> None:
        self.parsers = {parser.media_type: parser for parser in parsers}
        self.select = _BoundedCache(self._select)

    def _select(self, content_type: str) -> tuple[Parser, str | None, MediaType]:
        """Return the parser, the codec to transcode from, if any, and the media type.

        The codec is ``None`` for UTF-8 bodies, which need no transcoding.
        A value longer than any media type a parser takes is refused unread.
        """
        if len(content_type) > MAX_HEADER_LENGTH:
            raise self._unsupported(
                gettext('Content-Type is longer than %(limit)s characters')
                % {'limit': MAX_HEADER_LENGTH},
            )
        media_type = parse_media_type(content_type)
        parser = self.parsers.get(media_type.essence) if media_type else None
        if media_type is None or parser is None:
            raise self._unsupported(
                gettext('Content-Type %(content_type)s is not supported; use one of: %(offered)s')
                % {'content_type': repr(_shown(content_type)), 'offered': ', '.join(self.parsers)},
            )
        charset = media_type.param('charset')
        if charset is None:
            return parser, None, media_type
        codec = _codec_name(charset)
        if codec is None:
            raise self._unsupported(
                gettext('Unknown charset %(charset)s') % {'charset': repr(_shown(charset))},
            )
        return parser, None if codec == 'utf-8' else codec, media_type

    @staticmethod
    def _unsupported(message: str) -> UnsupportedMediaTypeError:
        return UnsupportedMediaTypeError(
            [
                error_detail(
                    message,
                    ['headers', 'content-type'],
                    ErrorType.UNSUPPORTED_MEDIA_TYPE,
                ),
            ]
        )
