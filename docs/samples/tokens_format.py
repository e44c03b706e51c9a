"""The token format: a prefix, 256 random bits, a checksum."""

from dmr.security.tokens import format as token_format

token = token_format.generate()
prefix, rest = token[:4], token[4:]
assert prefix == 'dmr_'
assert len(rest) == 43 + 6  # random part, then the CRC32 checksum, both base62

parsed = token_format.parse(token)
assert parsed is not None
assert parsed.lookup == rest[:8]  # kept in clear, to find the row

typo = token[:-1] + ('1' if token[-1] == '0' else '0')
assert token_format.parse(typo) is None  # the checksum catches it, before any query
