"""Signing and verification keys: ``JWTKey`` from settings, ``JWKS`` documents.

Every key is bound to one algorithm when it is configured; a token is
checked with the algorithm of the key its ``kid`` names, never with the
``alg`` its header claims (RFC 8725, 3.1). Keys found in a token's header
(``jwk``) or behind a URL it names (``jku``, ``x5u``) are never used.
"""

import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dmr.security.jwt import _pyjwt

JWKSDocument = Mapping[str, Any]
"""A JSON Web Key Set (RFC 7517, 5): ``{"keys": [{"kty": ..., "kid": ..., "alg": ...}]}``."""


@dataclass(frozen=True, slots=True)
class LoadedKey:
    """A key ready for use: its ``kid``, its algorithm, and the key objects."""

    kid: str
    algorithm: str
    verifier: Any = field(repr=False)
    signer: Any = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class JWTKey:
    """One configured key, bound to ``algorithm``.

    An asymmetric key (``RS256``, ``PS256``, ``ES256``, ``EdDSA``... in PEM)
    gives ``private_key`` to sign, ``public_key`` alone to only verify, or
    both. An HMAC key (``HS256``, ``HS384``, ``HS512``) gives ``secret``, at
    least as long as the hash (32 bytes for ``HS256``); a PEM key is refused
    as a secret.

    >>> JWTKey('2026-05', 'ES256', private_key=PEM)
    >>> JWTKey('2026-01', 'ES256', public_key=OLD_PUBLIC_PEM)  # verifies only
    """

    kid: str
    algorithm: str
    private_key: str | bytes | None = field(default=None, repr=False)
    public_key: str | bytes | None = field(default=None, repr=False)
    secret: str | bytes | None = field(default=None, repr=False)

    def load(self) -> LoadedKey:
        """Parse the key material; a key that does not fit its algorithm is a ``ValueError``."""
        if not self.kid:
            raise ValueError('a JWTKey needs a non-empty kid')
        if self.algorithm in _pyjwt.HMAC_ALGORITHMS:
            if self.secret is None or self.private_key is not None or self.public_key is not None:
                raise ValueError(f'key {self.kid!r}: {self.algorithm} takes a secret only')
            secret = _pyjwt.secret_key(self.algorithm, self.secret)
            return LoadedKey(self.kid, self.algorithm, secret, secret)
        if self.algorithm not in _pyjwt.ASYMMETRIC_ALGORITHMS:
            raise ValueError(f'key {self.kid!r}: algorithm {self.algorithm!r} is not accepted')
        if self.secret is not None:
            raise ValueError(f'key {self.kid!r}: {self.algorithm} takes PEM keys, not a secret')
        signer = None
        if self.private_key is not None:
            signer = _pyjwt.private_key(self.algorithm, self.private_key)
        if self.public_key is not None:
            verifier = _pyjwt.public_key(self.algorithm, self.public_key)
        elif signer is not None:
            verifier = _pyjwt.public_of(signer)
        else:
            raise ValueError(f'key {self.kid!r}: give private_key, public_key or both')
        return LoadedKey(self.kid, self.algorithm, verifier, signer)


class JWKS:
    """Verification keys from a JWKS document, given as data or by a callable.

    Each key of the document needs ``kid`` and ``alg`` (the algorithm is
    never guessed from the key type); keys whose ``use`` is not ``sig``, and
    keys dmr cannot use, are left out. A callable (your code: it reads a
    file, a setting, or fetches the document) is called again once
    ``ttl`` seconds have passed, and when a token names a ``kid`` the cached
    document lacks, at most once every ``refetch_after`` seconds. It runs
    inline, on sync and async endpoints alike, so keep it fast.

    >>> JWKS(lambda: json.loads(pathlib.Path('/etc/api/jwks.json').read_bytes()), ttl=600)
    """

    def __init__(
        self,
        source: JWKSDocument | Callable[[], JWKSDocument],
        *,
        ttl: float = 300.0,
        refetch_after: float = 30.0,
    ) -> None:
        self.source = source
        self.ttl = ttl
        self.refetch_after = refetch_after
        self._keys: dict[str, LoadedKey] = {}
        self._loaded_at: float | None = None
        self._lock = threading.Lock()
        if not callable(source):
            self._keys = parse_jwks(source)
            self._loaded_at = float('inf')

    def keys(self) -> dict[str, LoadedKey]:
        """The keys by ``kid``, loaded again when the cache is older than ``ttl``."""
        if self._age() >= self.ttl:
            self._reload()
        return self._keys

    def find(self, kid: str) -> LoadedKey | None:
        """The key named ``kid``; an unknown ``kid`` may load the document again."""
        key = self.keys().get(kid)
        if key is None and self._age() >= self.refetch_after:
            key = self._reload().get(kid)
        return key

    def _age(self) -> float:
        if self._loaded_at is None:
            return float('inf')
        if self._loaded_at == float('inf'):
            return 0.0
        return time.monotonic() - self._loaded_at

    def _reload(self) -> dict[str, LoadedKey]:
        assert callable(self.source)  # noqa: S101 - a document given as data never ages
        with self._lock:
            self._keys = parse_jwks(self.source())
            self._loaded_at = time.monotonic()
        return self._keys


def parse_jwks(document: object) -> dict[str, LoadedKey]:
    """The usable signature keys of a JWKS document, by ``kid``."""
    entries = document.get('keys') if isinstance(document, Mapping) else None
    if not isinstance(entries, list):
        raise ValueError('a JWKS document is an object with a "keys" array')
    found: dict[str, LoadedKey] = {}
    for entry in entries:
        if not isinstance(entry, Mapping) or entry.get('use', 'sig') != 'sig':
            continue
        kid = entry.get('kid')
        if not isinstance(kid, str) or not kid:
            continue
        try:
            algorithm, key = _pyjwt.jwk_key(entry)
        except ValueError:
            continue
        found[kid] = LoadedKey(kid, algorithm, key)
    return found


class KeyRing:
    """The configured keys and JWKS sources, and the one key that signs."""

    def __init__(
        self,
        keys: Iterable[JWTKey],
        jwks: Iterable[JWKS] = (),
        *,
        signing_kid: str | None = None,
    ) -> None:
        self.local: dict[str, LoadedKey] = {}
        for key in keys:
            if key.kid in self.local:
                raise ValueError(f'two keys have the kid {key.kid!r}')
            self.local[key.kid] = key.load()
        self.jwks = tuple(jwks)
        signers = [key for key in self.local.values() if key.signer is not None]
        if signing_kid is not None:
            signers = [key for key in signers if key.kid == signing_kid]
            if not signers:
                raise ValueError(f'signing_kid {signing_kid!r} names no key with a private part')
        self.signer: LoadedKey | None = signers[0] if signers else None
        if not self.local and not self.jwks:
            raise ValueError('JWTConfig needs keys=[JWTKey(...)] or jwks=[JWKS(...)]')

    def find(self, kid: str | None) -> LoadedKey | None:
        """The verification key ``kid`` names; without a ``kid``, the only configured key."""
        if kid is None:
            only = list(self.local.values())
            return only[0] if len(only) == 1 and not self.jwks else None
        if kid in self.local:
            return self.local[kid]
        for source in self.jwks:
            key = source.find(kid)
            if key is not None:
                return key
        return None
