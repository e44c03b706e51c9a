"""The token format: what ``generate`` makes, ``parse`` accepts, and nothing else."""

import hashlib
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmr.security.tokens import format as token_format

BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


def test_a_token_has_the_documented_shape():
    """``dmr_``, 43 random base62 characters, a 6-character checksum: 53 in all."""
    token = token_format.generate()
    assert len(token) == token_format.LENGTH == 53
    assert token.startswith('dmr_')
    assert set(token[4:]) <= set(BASE62)


def test_the_alphabet_is_base62_in_order():
    """Digits, then upper case, then lower case letters."""
    assert token_format.ALPHABET == BASE62


def test_tokens_carry_at_least_256_random_bits():
    """43 base62 digits hold every 256-bit number; 6 hold every CRC32."""
    assert 62**token_format.RANDOM_LENGTH >= 2 ** (8 * token_format.RANDOM_BYTES) >= 2**256
    assert 62**token_format.CHECKSUM_LENGTH >= 2**32


@given(st.binary(min_size=32, max_size=32))
def test_every_random_value_makes_a_token_that_parses(random: bytes):
    """Any 32 bytes (all zeros and all ones too) encode to a 53-character token that parses."""
    token = token_format.encode(random)
    assert len(token) == token_format.LENGTH
    parsed = token_format.parse(token)
    assert parsed is not None
    assert parsed.lookup == token[4:12]
    assert parsed.digest == hashlib.sha256(token.encode()).hexdigest()


@given(st.binary(min_size=32, max_size=32), st.binary(min_size=32, max_size=32))
def test_distinct_random_values_make_distinct_tokens(first: bytes, second: bytes):
    """The encoding loses nothing: two values, two tokens."""
    assert (token_format.encode(first) == token_format.encode(second)) == (first == second)


@given(st.binary().filter(lambda random: len(random) != 32))
def test_only_32_random_bytes_make_a_token(random: bytes):
    """Fewer or more random bytes are a programming error."""
    with pytest.raises(ValueError, match='32 bytes'):
        token_format.encode(random)


def test_a_new_token_comes_with_what_the_database_keeps():
    """``new_token`` answers the secret and the lookup and digest ``parse`` would find."""
    token, stored = token_format.new_token()
    assert token_format.parse(token) == stored


def test_generated_tokens_differ():
    """A thousand tokens, a thousand secrets (and lookups, almost surely)."""
    tokens = {token_format.generate() for _ in range(1000)}
    assert len(tokens) == 1000


@given(st.data())
def test_any_one_changed_character_breaks_the_checksum(data: st.DataObject):
    """CRC32 catches every substitution of one character, in the random part or the checksum."""
    token = token_format.generate()
    index = data.draw(st.integers(min_value=4, max_value=len(token) - 1))
    # Drawn as a shift, not a character: the draws must not depend on the random token.
    shift = data.draw(st.integers(min_value=1, max_value=len(BASE62) - 1))
    other = BASE62[(BASE62.index(token[index]) + shift) % len(BASE62)]
    assert token_format.parse(token[:index] + other + token[index + 1 :]) is None


@given(st.text())
def test_random_text_never_parses(text: str):
    """Arbitrary text, NULs and non-ASCII included, is never a token."""
    assert token_format.parse(text) is None


@given(st.text(alphabet=BASE62, min_size=49, max_size=49))
def test_well_shaped_text_without_its_checksum_never_parses(body: str):
    """The right prefix, length and alphabet are not enough: the checksum must match."""
    assert token_format.parse('dmr_' + body) is None


@given(st.sampled_from(['ghp_', 'DMR_', 'dmr-', 'xyz_']))
def test_another_prefix_never_parses(prefix: str):
    """A token of another format, with a valid dmr body, is refused by its prefix."""
    token = token_format.generate()
    assert token_format.parse(prefix + token[4:]) is None


def test_truncated_and_extended_tokens_never_parse():
    """One character fewer or more is refused by the length."""
    token = token_format.generate()
    assert token_format.parse(token[:-1]) is None
    assert token_format.parse(token + '0') is None
    assert token_format.parse(token + '\n') is None
