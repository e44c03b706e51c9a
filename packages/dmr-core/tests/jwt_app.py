"""Controllers and token endpoints behind JWT auth, with keys made when the tests start."""

import base64
import hashlib
import hmac
import json
import time
import uuid
from datetime import timedelta
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from django.urls import URLPattern, path

from dmr.security.jwt import JWKS, CacheStore, JWTAuth, JWTConfig, JWTKey, token_urls
from dmr.security.jwt.config import password_fingerprint
from tests.security_app import pair

ISSUER = 'https://issuer.test'
AUDIENCE = 'api'


def pem(private: Any) -> bytes:
    return private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def public_pem(private: Any) -> bytes:
    return private.public_key().public_bytes(
        serialization.Encoding.PEM,
        serialization.PublicFormat.SubjectPublicKeyInfo,
    )


EC_KEY = ec.generate_private_key(ec.SECP256R1())
RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
ED_KEY = ed25519.Ed25519PrivateKey.generate()
OTHER_EC_KEY = ec.generate_private_key(ec.SECP256R1())
SECRET = b's' * 32

KEYS = [
    JWTKey('ec-1', 'ES256', private_key=pem(EC_KEY)),
    JWTKey('rsa-0', 'RS256', public_key=public_pem(RSA_KEY)),
]


def config(**options: Any) -> JWTConfig:
    return JWTConfig(keys=KEYS, issuer=ISSUER, audience=AUDIENCE, **options)


TOKENS = config(leeway=timedelta(seconds=5))
STRICT = config(reuse_grace=timedelta(0))
CACHED = config(store=CacheStore(), reuse_grace=timedelta(0))
HMAC_TOKENS = JWTConfig(keys=[JWTKey('hs-1', 'HS256', secret=SECRET)])


def jwks_document() -> dict[str, Any]:
    ed = json.loads(jwt.algorithms.OKPAlgorithm.to_jwk(ED_KEY.public_key()))
    return {'keys': [{**ed, 'kid': 'ed-1', 'alg': 'EdDSA', 'use': 'sig'}]}


FROM_JWKS = JWTConfig(jwks=[JWKS(jwks_document)], audience=AUDIENCE)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b'=').decode()


def claims(user: Any, **overrides: Any) -> dict[str, Any]:
    """The claims ``TOKENS`` issues for ``user``, changed by ``overrides`` (``None`` drops one)."""
    now = int(time.time())
    found = {
        'iss': ISSUER,
        'aud': AUDIENCE,
        'sub': str(user.pk),
        'iat': now,
        'nbf': now,
        'exp': now + 60,
        'jti': uuid.uuid4().hex,
        'fam': uuid.uuid4().hex,
        'pwd': password_fingerprint(user),
        'token_type': 'access',
        **overrides,
    }
    return {name: value for name, value in found.items() if value is not None}


def signed(
    payload: dict[str, Any], *, key: Any = EC_KEY, alg: str = 'ES256', kid: str = 'ec-1'
) -> str:
    """A token signed by PyJWT with ``key``."""
    return jwt.encode(payload, key, algorithm=alg, headers={'kid': kid})


def forged(header: dict[str, Any], payload: dict[str, Any], secret: bytes | None = None) -> str:
    """A token built by hand: HMAC-SHA256 with ``secret``, or no signature."""
    signing_input = f'{b64(json.dumps(header).encode())}.{b64(json.dumps(payload).encode())}'
    if secret is None:
        return signing_input + '.'
    digest = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f'{signing_input}.{b64(digest)}'


CONTROLLERS = {
    'jwt': pair('Jwt', auth=[JWTAuth(TOKENS)]),
    'jwt-cookie': pair('JwtCookie', auth=[JWTAuth(TOKENS, cookie='access_token')]),
    'jwt-cached': pair('JwtCached', auth=[JWTAuth(CACHED)]),
    'jwt-hmac': pair('JwtHmac', auth=[JWTAuth(HMAC_TOKENS)]),
    'jwt-jwks': pair('JwtJwks', auth=[JWTAuth(FROM_JWKS)]),
}


def token_routes() -> list[URLPattern]:
    routes = []
    for kind in ('sync', 'async'):
        is_async = kind == 'async'
        routes += token_urls(TOKENS, is_async=is_async, prefix=f'{kind}/token/')
        routes += token_urls(STRICT, is_async=is_async, prefix=f'{kind}/strict-token/')
        routes += token_urls(CACHED, is_async=is_async, prefix=f'{kind}/cached-token/')
        routes += token_urls(HMAC_TOKENS, is_async=is_async, prefix=f'{kind}/hmac-token/')
        routes += token_urls(
            TOKENS,
            is_async=is_async,
            cookie='access_token',
            prefix=f'{kind}/cookie-token/',
        )
    return routes


urlpatterns = [
    *(
        path(f'{kind}/{name}/', controller.as_view())
        for name, controllers in CONTROLLERS.items()
        for kind, controller in zip(('sync', 'async'), controllers, strict=True)
    ),
    *token_routes(),
]
