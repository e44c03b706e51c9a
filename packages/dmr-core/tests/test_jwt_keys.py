"""JWT keys and JWKS sources: what a configuration may hold, and how JWKS is cached."""

import importlib
import io
import json
import sys
from typing import Any

import jwt
import pytest
from django.core.management import call_command

from dmr.security.jwt import JWKS, JWTConfig, JWTKey
from dmr.security.jwt.keys import KeyRing, parse_jwks
from tests.jwt_app import EC_KEY, ED_KEY, KEYS, RSA_KEY, SECRET, jwks_document, pem, public_pem


@pytest.mark.parametrize(
    ('key', 'error'),
    [
        (JWTKey('', 'ES256', private_key=pem(EC_KEY)), 'non-empty kid'),
        (JWTKey('k', 'none', secret=SECRET), "algorithm 'none' is not accepted"),
        (JWTKey('k', 'HS1', secret=SECRET), "algorithm 'HS1' is not accepted"),
        (JWTKey('k', 'HS256', secret=b'short'), 'at least 32 bytes'),
        (JWTKey('k', 'HS512', secret=SECRET), 'at least 64 bytes'),
        (JWTKey('k', 'HS256', secret=public_pem(RSA_KEY)), 'HS256 secret refused'),
        (JWTKey('k', 'HS256', public_key=public_pem(RSA_KEY)), 'takes a secret only'),
        (JWTKey('k', 'RS256', secret=SECRET), 'takes PEM keys, not a secret'),
        (JWTKey('k', 'ES256'), 'give private_key, public_key or both'),
        (JWTKey('k', 'ES256', public_key=pem(EC_KEY)), 'public_key holds a private key'),
        (JWTKey('k', 'ES256', private_key=b'not a pem'), 'ES256 private key refused'),
        (JWTKey('k', 'ES256', private_key=pem(RSA_KEY)), 'ES256 private key refused'),
    ],
)
def test_a_key_that_does_not_fit_its_algorithm_is_refused(key: JWTKey, error: str):
    """Configuration mistakes fail when the config is built, naming the key."""
    with pytest.raises(ValueError, match=error):
        JWTConfig(keys=[key])


def test_two_keys_with_one_kid_are_refused():
    """Every ``kid`` names one key."""
    with pytest.raises(ValueError, match="two keys have the kid 'ec-1'"):
        JWTConfig(keys=[KEYS[0], KEYS[0]])


def test_a_config_needs_keys():
    """No key and no JWKS: a configuration error."""
    with pytest.raises(ValueError, match='needs keys'):
        JWTConfig()


def test_signing_kid_picks_the_signing_key():
    """With several private keys, ``signing_kid`` chooses; an unknown one is refused."""
    keys = [KEYS[0], JWTKey('ed-2', 'EdDSA', private_key=pem(ED_KEY))]
    assert KeyRing(keys, signing_kid='ed-2').signer.kid == 'ed-2'
    assert KeyRing(keys).signer.kid == 'ec-1'
    with pytest.raises(ValueError, match="signing_kid 'rsa-0'"):
        KeyRing(KEYS, signing_kid='rsa-0')


def test_the_only_key_serves_tokens_without_kid():
    """A token without ``kid`` is checked by the only key; with several keys by none."""
    assert KeyRing(KEYS[:1]).find(None).kid == 'ec-1'
    assert KeyRing(KEYS).find(None) is None


def test_a_jwks_document_keeps_only_usable_signature_keys():
    """Keys without ``kid`` or ``alg``, for encryption, private, or broken are left out."""
    good = jwks_document()['keys'][0]
    rsa = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(RSA_KEY.public_key()))
    private = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(EC_KEY))
    document = {
        'keys': [
            good,
            {**rsa, 'kid': 'no-alg'},
            {**rsa, 'kid': 'enc', 'alg': 'RS256', 'use': 'enc'},
            {**rsa, 'alg': 'RS256'},
            {**rsa, 'kid': 'hmac', 'alg': 'HS256'},
            {**private, 'kid': 'private', 'alg': 'ES256'},
            {'kty': 'EC', 'kid': 'broken', 'alg': 'ES256', 'x': '!', 'y': '!'},
            'not an object',
        ],
    }
    assert set(parse_jwks(document)) == {'ed-1'}


@pytest.mark.parametrize('document', [[], {'keys': {}}, {'no': 'keys'}])
def test_a_document_that_is_no_jwks_is_refused(document: Any):
    """A document without a ``keys`` array is a ``ValueError``."""
    with pytest.raises(ValueError, match='"keys" array'):
        parse_jwks(document)


def test_a_jwks_callable_is_cached_for_its_ttl():
    """Within ``ttl`` the document is fetched once; an unknown ``kid`` waits ``refetch_after``."""
    calls: list[int] = []

    def source() -> dict[str, Any]:
        calls.append(1)
        return jwks_document()

    jwks = JWKS(source, ttl=600, refetch_after=600)
    assert jwks.find('ed-1') is not None
    assert jwks.find('ed-1') is not None
    assert jwks.find('unknown') is None
    assert len(calls) == 1


def test_an_unknown_kid_fetches_the_jwks_again():
    """A ``kid`` the cache lacks loads the document again (a key was just published)."""
    documents = [{'keys': []}, jwks_document()]
    jwks = JWKS(lambda: documents.pop(0), ttl=600, refetch_after=0)
    assert jwks.find('ed-1') is not None
    assert documents == []


def test_a_jwks_expires_after_its_ttl():
    """With ``ttl=0`` every look-up loads the document again."""
    calls: list[int] = []
    jwks = JWKS(lambda: calls.append(1) or jwks_document(), ttl=0)
    jwks.keys()
    jwks.keys()
    assert len(calls) == 2


def test_a_jwks_given_as_data_is_parsed_once():
    """A document given as data is parsed when configured and never ages."""
    jwks = JWKS(jwks_document())
    assert set(jwks.keys()) == {'ed-1'}
    assert jwks.find('other') is None


def test_importing_without_pyjwt_names_the_extra(monkeypatch: pytest.MonkeyPatch):
    """Without PyJWT, importing ``dmr.security.jwt`` says which extra to install."""
    monkeypatch.setitem(sys.modules, 'jwt', None)
    monkeypatch.delitem(sys.modules, 'dmr.security.jwt._pyjwt')
    with pytest.raises(ImportError, match=r'pip install "dmr-core\[jwt\]"'):
        importlib.import_module('dmr.security.jwt._pyjwt')


@pytest.mark.django_db
def test_the_migrations_match_the_model():
    """``makemigrations --check`` finds nothing to write for ``dmr_jwt``."""
    out = io.StringIO()
    call_command('makemigrations', 'dmr_jwt', '--check', '--dry-run', stdout=out)
    assert 'No changes detected' in out.getvalue()
