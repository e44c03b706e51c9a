"""The one module of dmr that imports PyJWT: keys, signing, and checking a signature.

Everything PyJWT raises is turned into a :class:`TokenError` with a message
a client may read; nothing else of dmr sees PyJWT's types.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext

from dmr._marks import gettext_noop

try:
    import jwt
    from jwt import algorithms, exceptions
except ImportError as error:
    raise ImportError(
        'dmr.security.jwt needs PyJWT with its crypto extra: pip install "dmr-core[jwt]"',
    ) from error

HMAC_ALGORITHMS = {'HS256': 32, 'HS384': 48, 'HS512': 64}
"""The HMAC algorithms, with the shortest secret each accepts (RFC 7518, 3.2), in bytes."""

ASYMMETRIC_ALGORITHMS = frozenset({
    'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA',
})  # fmt: skip
"""The public-key algorithms a key may be bound to."""


class TokenError(Exception):
    """A token that is refused, with the reason a client may read."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = gettext(message)


def _algorithm(name: str) -> Any:
    return algorithms.get_default_algorithms()[name]


def secret_key(algorithm: str, secret: str | bytes) -> Any:
    """An HMAC secret, refused when short or when it looks like a public key."""
    raw = secret.encode() if isinstance(secret, str) else secret
    if len(raw) < HMAC_ALGORITHMS[algorithm]:
        raise ValueError(
            f'{algorithm} needs a secret of at least {HMAC_ALGORITHMS[algorithm]} bytes',
        )
    try:
        return _algorithm(algorithm).prepare_key(raw)
    except exceptions.InvalidKeyError as error:
        raise ValueError(f'{algorithm} secret refused: {error}') from None


def private_key(algorithm: str, pem: str | bytes) -> Any:
    """A private key in PEM, for ``algorithm``."""
    try:
        return _algorithm(algorithm).prepare_key(pem)
    except (exceptions.InvalidKeyError, ValueError, TypeError) as error:
        raise ValueError(f'{algorithm} private key refused: {error}') from None


def public_key(algorithm: str, pem: str | bytes) -> Any:
    """A public key in PEM, for ``algorithm``; a private key is refused here."""
    key = private_key(algorithm, pem)
    if hasattr(key, 'public_key'):
        raise ValueError(f'{algorithm} public_key holds a private key')
    return key


def public_of(key: Any) -> Any:
    """The public half of a private key."""
    return key.public_key()


def jwk_key(jwk: Mapping[str, Any]) -> tuple[str, Any]:
    """The algorithm and the public key of one JWK of a JWKS document."""
    algorithm = jwk.get('alg')
    if algorithm not in ASYMMETRIC_ALGORITHMS:
        raise ValueError(f'a JWK needs "alg", one of the public-key algorithms, not {algorithm!r}')
    try:
        key = jwt.PyJWK(dict(jwk), algorithm=algorithm).key
    except (exceptions.PyJWKError, exceptions.InvalidKeyError, ValueError, TypeError) as error:
        raise ValueError(f'JWK refused: {error}') from None
    if hasattr(key, 'public_key'):
        raise ValueError('a JWKS document must hold public keys only')
    return algorithm, key


def sign(claims: Mapping[str, Any], key: Any, algorithm: str, kid: str) -> str:
    """The compact serialization of ``claims`` signed with ``key``."""
    return jwt.encode(dict(claims), key, algorithm=algorithm, headers={'kid': kid, 'typ': 'JWT'})


def header(token: str) -> dict[str, Any]:
    """The token's header, read without checking anything else."""
    try:
        found = jwt.get_unverified_header(token)
    except exceptions.DecodeError:
        raise TokenError(gettext_noop('Malformed token header')) from None
    except exceptions.InvalidTokenError:
        raise TokenError(gettext_noop('Token header is not accepted')) from None
    return found


def verify(
    token: str,
    key: Any,
    algorithm: str,
    *,
    audience: str | None,
    issuer: str | None,
    leeway: float,
    required: Sequence[str],
) -> dict[str, Any]:
    """The claims of ``token`` after its signature and registered claims are checked."""
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            key,
            algorithms=[algorithm],
            audience=audience,
            issuer=issuer,
            leeway=leeway,
            options={'require': list(required)},
        )
    except exceptions.InvalidTokenError as error:
        raise TokenError(_reason(error)) from None
    return claims


def _reason(error: Exception) -> str:
    reasons: list[tuple[type[Exception], str]] = [
        (exceptions.ExpiredSignatureError, gettext_noop('Token has expired')),
        (exceptions.ImmatureSignatureError, gettext_noop('Token is not valid yet')),
        (exceptions.InvalidIssuedAtError, gettext_noop('Token has an invalid issue time')),
        (exceptions.InvalidAudienceError, gettext_noop('Token audience is not accepted')),
        (exceptions.InvalidIssuerError, gettext_noop('Token issuer is not accepted')),
        (exceptions.InvalidSignatureError, gettext_noop('Token signature is invalid')),
        (exceptions.DecodeError, gettext_noop('Malformed token')),
    ]
    if isinstance(error, exceptions.MissingRequiredClaimError):
        return gettext('Token has no "%(claim)s" claim') % {'claim': error.claim}
    for kind, reason in reasons:
        if isinstance(error, kind):
            return reason
    return gettext_noop('Token claims are invalid')
