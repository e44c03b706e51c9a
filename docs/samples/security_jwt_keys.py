"""Key rotation, HMAC keys, a JWKS source, and revocations kept in a cache."""

import json
import time
from datetime import timedelta

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from dmr.security.jwt import JWKS, CacheStore, JWTConfig, JWTKey


def private_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


new_key, old_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
OLD_PUBLIC_PEM = old_key.public_key().public_bytes(
    serialization.Encoding.PEM,
    serialization.PublicFormat.SubjectPublicKeyInfo,
)

# Rotation: the new key signs, the old one only verifies until its tokens expire.
ROTATING = JWTConfig(
    keys=[
        JWTKey('2026-05', 'ES256', private_key=private_pem(new_key)),
        JWTKey('2026-01', 'ES256', public_key=OLD_PUBLIC_PEM),
    ],
    audience='api',
)
assert ROTATING.keys.signer is not None
assert ROTATING.keys.signer.kid == '2026-05'

# An HMAC key needs a secret at least as long as its hash: 32 bytes for HS256.


def refusal(key: JWTKey) -> str | None:
    """Why a key cannot be loaded, or ``None``."""
    try:
        key.load()
    except ValueError as error:
        return str(error)
    return None


assert refusal(JWTKey('shared', 'HS256', secret='too short')) == (
    'HS256 needs a secret of at least 32 bytes'
)
assert refusal(JWTKey('shared', 'HS256', secret='a secret of 32 bytes or more, ok')) is None

# Tokens of a separate auth service (one that issues dmr's claims), verified
# with the keys it publishes. The callable is yours (read a file, a setting, a
# document your deployment fetched); dmr caches its answer for `ttl` seconds.
issuer_key = ed25519.Ed25519PrivateKey.generate()
published = json.loads(jwt.algorithms.OKPAlgorithm.to_jwk(issuer_key.public_key()))


def issuer_jwks() -> dict[str, object]:
    return {'keys': [{**published, 'kid': 'idp-1', 'alg': 'EdDSA', 'use': 'sig'}]}


FEDERATED = JWTConfig(
    jwks=[JWKS(issuer_jwks, ttl=600)],
    audience='api',
    leeway=timedelta(seconds=10),
    store=CacheStore('default'),  # revocations in Django's cache (see "Where revocations live")
)
token = jwt.encode(
    {
        'sub': '7',
        'aud': 'api',
        'iat': int(time.time()),
        'exp': int(time.time()) + 300,
        'jti': 'a1',
        'token_type': 'access',
        'fam': 'f1',
        'pwd': '',
    },
    issuer_key,
    algorithm='EdDSA',
    headers={'kid': 'idp-1'},
)
assert FEDERATED.decode(token)['sub'] == '7'
