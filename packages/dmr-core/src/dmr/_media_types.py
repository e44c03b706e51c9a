"""Parsing of ``Content-Type`` and ``Accept`` header values (RFC 9110)."""

import re
from dataclasses import dataclass

_TCHARS = r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+"
_MEDIA_TYPE = re.compile(rf'({_TCHARS})/({_TCHARS})')
_PARAMETER = re.compile(rf'({_TCHARS})=({_TCHARS}|"(?:[^"\\]|\\.)*")')
_QVALUE = re.compile(r'0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?')
_QUOTED_PAIR = re.compile(r'\\(.)')

#: Only this many characters of a header value are read. Browsers send
#: ``Accept`` values of a few hundred characters; anything longer is cut
#: here, so parsing costs the same whatever a client (or a proxy joining
#: repeated header lines) sends.
MAX_HEADER_LENGTH = 4096
#: Only the first elements of an ``Accept`` value are considered.
MAX_MEDIA_RANGES = 32


@dataclass(frozen=True, slots=True)
class MediaType:
    """A parsed media type: lowercase ``type/subtype`` and its parameters."""

    type: str
    subtype: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def essence(self) -> str:
        """``type/subtype`` without parameters."""
        return f'{self.type}/{self.subtype}'

    def param(self, name: str) -> str | None:
        """The value of parameter ``name`` (case-insensitive), if present."""
        name = name.lower()
        for key, value in self.params:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class MediaRange:
    """One element of an ``Accept`` header."""

    type: str
    subtype: str
    quality: float

    @property
    def specificity(self) -> int:
        """2 for ``type/subtype``, 1 for ``type/*``, 0 for ``*/*``."""
        if self.type == '*':
            return 0
        return 1 if self.subtype == '*' else 2

    def matches(self, media_type: MediaType) -> bool:
        """Whether this range accepts ``media_type``."""
        return (self.type in {'*', media_type.type}) and (
            self.subtype in {'*', media_type.subtype}
        )


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    start = 0
    in_quotes = False
    escaped = False
    for index, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == '\\' and in_quotes:
            escaped = True
        elif char == '"':
            in_quotes = not in_quotes
        elif char == separator and not in_quotes:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def parse_media_type(value: str) -> MediaType | None:
    """Parse a ``Content-Type``-style value; ``None`` when it is malformed."""
    head, *raw_params = _split_outside_quotes(value, ';')
    match = _MEDIA_TYPE.fullmatch(head.strip())
    if match is None:
        return None
    params: list[tuple[str, str]] = []
    for raw in raw_params:
        stripped = raw.strip()
        if not stripped:
            continue
        param = _PARAMETER.fullmatch(stripped)
        if param is None:
            return None
        name, param_value = param.groups()
        if param_value.startswith('"'):
            param_value = _QUOTED_PAIR.sub(r'\1', param_value[1:-1])
        params.append((name.lower(), param_value))
    return MediaType(match[1].lower(), match[2].lower(), tuple(params))


def parse_accept(value: str) -> list[MediaRange]:
    """Parse an ``Accept`` value; malformed elements are skipped.

    Only the first :data:`MAX_HEADER_LENGTH` characters are read, and of
    those only the first :data:`MAX_MEDIA_RANGES` elements; an element cut
    by the length limit is dropped rather than read as a shorter range.
    """
    elements = _split_outside_quotes(value[:MAX_HEADER_LENGTH], ',')
    if len(value) > MAX_HEADER_LENGTH:
        elements.pop()
    ranges: list[MediaRange] = []
    for element in elements[:MAX_MEDIA_RANGES]:
        media_type = parse_media_type(element)
        if media_type is None or (media_type.type == '*' and media_type.subtype != '*'):
            continue
        raw_quality = media_type.param('q')
        if raw_quality is None:
            quality = 1.0
        elif _QVALUE.fullmatch(raw_quality):
            quality = float(raw_quality)
        else:
            continue
        ranges.append(MediaRange(media_type.type, media_type.subtype, quality))
    return ranges
