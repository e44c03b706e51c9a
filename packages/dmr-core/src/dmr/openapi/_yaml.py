"""A YAML emitter for JSON data, so the document can be served as YAML.

dmr does not depend on a YAML library: an OpenAPI document is JSON data
(dicts with string keys, lists, strings, numbers, booleans and ``None``),
and that much YAML is small to write. The output is block-style YAML that
YAML 1.1 and 1.2 parsers both read back as the same data: a string is
written plain only when no parser could take it for anything else, as a
literal block when it has several lines, and double-quoted (with JSON's
escapes, which YAML shares) otherwise.

>>> print(dump_yaml({'openapi': '3.1.0', 'paths': {}}), end='')
openapi: 3.1.0
paths: {}
"""

import json
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

_INDENT = '  '

# A letter, `_`, `/` or `$` first, then no `:` or `#`, and no space at
# either end: never a number, date, null, boolean, alias, tag, comment, key
# or flow collection in YAML 1.1 or 1.2 (the reserved words aside).
_INNER = r'\w./$,;!?()\[\]{}<>=+*&%@^~|\\`\'"\-'
_PLAIN = re.compile(rf'[A-Za-z_/$](?:[{_INNER} ]*[{_INNER}])?', re.ASCII)
_RESERVED = frozenset({'true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'null', '~'})

# Characters YAML must not see raw: non-printable ones, and the line
# separators that YAML 1.1 treats as line breaks.
_UNPRINTABLE = re.compile(
    '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]',
)

# An implicit mapping key is at most 1024 characters long (YAML 1.2, 7.4.2).
_LONGEST_KEY = 1024


def dump_yaml(data: Any) -> str:
    """``data`` (JSON-compatible) as a YAML document ending in a newline."""
    return '\n'.join(_lines(data, 0)) + '\n'


def _lines(data: Any, depth: int) -> Iterator[str]:
    """``data`` at the top level or as a block collection at ``depth``."""
    if isinstance(data, Mapping) and data:
        yield from _mapping(data, depth)
    elif _is_list(data) and data:
        yield from _sequence(data, depth)
    else:
        yield _INDENT * depth + _inline(data, depth)


def _mapping(data: Mapping[Any, Any], depth: int) -> Iterator[str]:
    indent = _INDENT * depth
    for key, value in data.items():
        if not isinstance(key, str):
            raise TypeError(f'mapping keys must be strings, got {key!r}')
        rendered = _scalar(key, depth)
        if len(rendered) > _LONGEST_KEY or '\n' in rendered:
            rendered = _quoted(key)
            if len(rendered) > _LONGEST_KEY:
                yield f'{indent}? {rendered}'
                yield from _value(f'{indent}:', value, depth)
                continue
        yield from _value(f'{indent}{rendered}:', value, depth)


def _value(head: str, value: Any, depth: int) -> Iterator[str]:
    """``head`` followed by ``value``, inline or as a nested block."""
    if isinstance(value, Mapping) and value:
        yield head
        yield from _mapping(value, depth + 1)
    elif _is_list(value) and value:
        yield head
        yield from _sequence(value, depth + 1)
    else:
        yield f'{head} {_inline(value, depth + 1)}'


def _sequence(data: Sequence[Any], depth: int) -> Iterator[str]:
    indent = _INDENT * depth
    for item in data:
        if (isinstance(item, Mapping) or _is_list(item)) and item:
            # The first line of a nested block follows the dash; the rest
            # line up under it, one level deeper.
            nested = iter(_lines(item, depth + 1))
            yield f'{indent}- {next(nested).lstrip()}'
            yield from nested
        else:
            yield f'{indent}- {_inline(item, depth + 1)}'


def _inline(value: Any, depth: int) -> str:
    """A scalar or an empty collection; a literal block may span lines."""
    if isinstance(value, Mapping):
        return '{}'
    if _is_list(value):
        return '[]'
    return _scalar(value, depth)


def _is_list(value: Any) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, str | bytes | bytearray)


def _scalar(value: Any, depth: int) -> str:
    if value is None:
        return 'null'
    if value is True:
        return 'true'
    if value is False:
        return 'false'
    if isinstance(value, int):
        return int.__repr__(value)  # an IntEnum as its number
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, str):
        return _string(str.__str__(value), depth)  # a str Enum as its value
    raise TypeError(f'{type(value).__name__} is not JSON data: {value!r}')


def _float(value: float) -> str:
    if not math.isfinite(value):
        raise ValueError(f'{value!r} is not JSON data')
    text = float.__repr__(value)
    mantissa, _, exponent = text.partition('e')
    if '.' not in mantissa:
        mantissa += '.0'  # YAML 1.1 reads `1e5` as a string
    if not exponent:
        return mantissa
    sign = '' if exponent[0] in '+-' else '+'
    return f'{mantissa}e{sign}{exponent}'


def _string(value: str, depth: int) -> str:
    if _PLAIN.fullmatch(value) and value.lower() not in _RESERVED:
        return value
    if _literal_block_fits(value):
        return _literal(value, depth)
    return _quoted(value)


def _quoted(value: str) -> str:
    quoted = json.dumps(value, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda match: f'\\u{ord(match[0]):04x}', quoted)


def _literal_block_fits(value: str) -> bool:
    """Whether ``|`` keeps ``value`` exactly: several lines of printable text."""
    if '\n' not in value or '\r' in value or '\x85' in value or _UNPRINTABLE.search(value):
        return False
    # The first line with text sets the block's indentation, so it must not
    # start with white space, and no line before it may hold spaces.
    for line in value.split('\n'):
        if line:
            return not line.startswith((' ', '\t'))
    return False


def _literal(value: str, depth: int) -> str:
    body = value.rstrip('\n')
    trailing = len(value) - len(body)
    chomping = '-' if trailing == 0 else '' if trailing == 1 else '+'
    indent = _INDENT * max(depth, 1)
    lines = [f'{indent}{line}' if line else '' for line in body.split('\n')]
    lines.extend([''] * (trailing - 1))
    return '\n'.join([f'|{chomping}', *lines])
