"""The format of dmr's API tokens: random, recognisable, self-checking.

A token is 53 ASCII characters::

    dmr_ <43 characters: the random part> <6 characters: the checksum>

- ``dmr_`` marks it as a dmr token, so secret scanners can find a leaked one;
- the random part is 32 bytes from :mod:`secrets` (256 bits), written in
  base62 (``0-9``, ``A-Z``, ``a-z``) and left-padded with ``0`` to 43
  characters;
- the checksum is the CRC32 of ``dmr_`` and the random part (as ASCII),
  in base62 left-padded to 6 characters: a scanner tells a real token from
  look-alike text without asking the server, and the server refuses a
  mistyped or truncated one without a database query.

The database keeps the first :data:`LOOKUP_LENGTH` characters of the random
part in clear (to find the row and to let people tell tokens apart) and the
SHA-256 digest of the whole token, never the token itself. A plain digest
is enough: the token carries 256 random bits, so there is nothing to guess,
and a password hasher would let anyone with a list of tokens burn the
server's CPU.

>>> token = generate()
>>> parse(token).lookup == token[4:12]
True
>>> parse(token[:-1] + ('0' if token[-1] != '0' else '1')) is None
True
"""

import hashlib
import secrets
import zlib
from dataclasses import dataclass

PREFIX = 'dmr_'
"""What every token starts with."""

ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
"""The base62 digits, in order of value."""

RANDOM_BYTES = 32
"""How many random bytes a token carries (256 bits)."""

RANDOM_LENGTH = 43
"""The random part's length: the fewest base62 digits that hold 256 bits."""

CHECKSUM_LENGTH = 6
"""The checksum's length: the fewest base62 digits that hold 32 bits."""

LENGTH = len(PREFIX) + RANDOM_LENGTH + CHECKSUM_LENGTH
"""The length of every token (53)."""

LOOKUP_LENGTH = 8
"""How many characters of the random part are kept in clear to find a token."""

_DIGITS = frozenset(ALPHABET)


@dataclass(frozen=True, slots=True)
class ParsedToken:
    """What the database needs of a well-formed token."""

    lookup: str
    """The first characters of its random part, kept in clear."""

    digest: str
    """The SHA-256 digest of the whole token, in hex."""


def generate() -> str:
    """A new token, from 256 bits of :func:`secrets.token_bytes`."""
    return encode(secrets.token_bytes(RANDOM_BYTES))


def encode(random: bytes) -> str:
    """The token that carries ``random``, :data:`RANDOM_BYTES` bytes."""
    if len(random) != RANDOM_BYTES:
        raise ValueError(f'a token carries {RANDOM_BYTES} bytes, not {len(random)}')
    body = PREFIX + _base62(int.from_bytes(random, 'big'), RANDOM_LENGTH)
    return body + _checksum(body)


def new_token() -> tuple[str, ParsedToken]:
    """A new token, and what the database keeps of it."""
    token = generate()
    start = len(PREFIX)
    return token, ParsedToken(lookup=token[start : start + LOOKUP_LENGTH], digest=digest(token))


def parse(token: str) -> ParsedToken | None:
    """The lookup and digest of ``token``, or ``None`` if it is not well formed.

    Checks the prefix, the length, the alphabet and the checksum, in time
    bounded by the token's format, whatever ``token`` holds.
    """
    if len(token) != LENGTH or not token.startswith(PREFIX):
        return None
    rest = token[len(PREFIX) :]
    if not _DIGITS.issuperset(rest):
        return None
    body, checksum = token[:-CHECKSUM_LENGTH], token[-CHECKSUM_LENGTH:]
    if not secrets.compare_digest(_checksum(body), checksum):
        return None
    return ParsedToken(lookup=rest[:LOOKUP_LENGTH], digest=digest(token))


def digest(token: str) -> str:
    """The SHA-256 digest of ``token``, in hex: what the database stores."""
    return hashlib.sha256(token.encode()).hexdigest()


def _checksum(body: str) -> str:
    return _base62(zlib.crc32(body.encode('ascii')), CHECKSUM_LENGTH)


def _base62(number: int, width: int) -> str:
    digits: list[str] = []
    while number:
        number, remainder = divmod(number, 62)
        digits.append(ALPHABET[remainder])
    return ''.join(reversed(digits)).rjust(width, ALPHABET[0])
