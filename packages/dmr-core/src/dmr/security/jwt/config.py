"""``JWTConfig``: the keys, the claims, and the lifecycle of access and refresh tokens.

A token is checked in two steps. :meth:`JWTConfig.decode` needs nothing but
the token and the keys: its size and shape, its header, its key (by
``kid``) and that key's algorithm, the signature, the registered claims and
the token's type; a token refused there costs no database query. Then
:meth:`JWTConfig.user` (``auser`` in async code) asks the store whether the
token or its family is revoked, loads the user and checks that the
password has not changed since the token was issued.
"""

import re
import time
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext
from typing_extensions import TypedDict

from dmr._marks import gettext_noop
from dmr.security.jwt._pyjwt import TokenError, header, sign, verify
from dmr.security.jwt.keys import JWKS, JWTKey, KeyRing, LoadedKey
from dmr.security.jwt.stores import DatabaseStore, RevocationStore

ACCESS = 'access'
REFRESH = 'refresh'
MAX_TOKEN_LENGTH = 8192
"""Longer tokens are refused before anything is decoded."""

_SHAPE = re.compile(r'[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*', re.ASCII)
_CLAIMS = ('exp', 'iat', 'jti', 'sub', 'token_type', 'fam', 'pwd')
_PASSWORD_SALT = 'dmr.security.jwt.password'  # noqa: S105 - an HMAC salt, not a secret
_NAMED = {ACCESS: gettext_noop('an access token'), REFRESH: gettext_noop('a refresh token')}
REUSED = gettext_noop('Refresh token was already used: every token of its login is revoked')


class TokenPair(TypedDict):
    """What the obtain and refresh endpoints answer."""

    access: str
    refresh: str
    token_type: str
    expires_in: int


class JWTConfig:
    """Keys, claims and lifetimes of the tokens one API issues and accepts.

    ``keys`` are :class:`JWTKey` objects (the first with a private part, or
    ``signing_kid``, signs; all verify), ``jwks`` adds verification keys
    from :class:`JWKS` sources. ``issuer`` and ``audience`` go in every
    token and must match in every token accepted. ``leeway`` is the clock
    skew tolerated on ``exp``, ``nbf`` and ``iat``; ``reuse_grace`` is how
    long after its first use a refresh token may be used again (two tabs
    refreshing at once) before its reuse counts as theft and revokes every
    token of its login. ``store`` remembers revocations
    (:class:`~dmr.security.jwt.stores.DatabaseStore` unless given).

    >>> TOKENS = JWTConfig(
    ...     keys=[JWTKey('2026-05', 'ES256', private_key=PEM)],
    ...     issuer='https://api.example.com',
    ...     audience='api',
    ... )
    """

    def __init__(
        self,
        *,
        keys: Iterable[JWTKey] = (),
        jwks: Iterable[JWKS] = (),
        signing_kid: str | None = None,
        issuer: str | None = None,
        audience: str | None = None,
        access_ttl: timedelta = timedelta(minutes=5),
        refresh_ttl: timedelta = timedelta(days=1),
        leeway: timedelta = timedelta(seconds=30),
        reuse_grace: timedelta = timedelta(seconds=10),
        store: RevocationStore | None = None,
    ) -> None:
        self.keys = KeyRing(keys, jwks, signing_kid=signing_kid)
        self.issuer = issuer
        self.audience = audience
        self.access_ttl = access_ttl
        self.refresh_ttl = refresh_ttl
        self.leeway = leeway
        self.reuse_grace = reuse_grace
        self.store: RevocationStore = store or DatabaseStore()

    @property
    def can_sign(self) -> bool:
        """Whether a key signs: the obtain and refresh endpoints need one."""
        return self.keys.signer is not None

    def issue(self, user: Any, *, family: str | None = None) -> TokenPair:
        """A new access and refresh token for ``user``, of login ``family`` (else a new one)."""
        signer = self._signer()
        now = int(time.time())
        base: dict[str, Any] = {
            'sub': str(user.pk),
            'iat': now,
            'nbf': now,
            'fam': family or uuid.uuid4().hex,
            'pwd': password_fingerprint(user),
        }
        if self.issuer is not None:
            base['iss'] = self.issuer
        if self.audience is not None:
            base['aud'] = self.audience
        access_seconds = int(self.access_ttl.total_seconds())
        tokens = {
            kind: sign(
                {**base, 'jti': uuid.uuid4().hex, 'token_type': kind, 'exp': now + seconds},
                signer.signer,
                signer.algorithm,
                signer.kid,
            )
            for kind, seconds in (
                (ACCESS, access_seconds),
                (REFRESH, int(self.refresh_ttl.total_seconds())),
            )
        }
        return TokenPair(
            access=tokens[ACCESS],
            refresh=tokens[REFRESH],
            token_type='Bearer',  # noqa: S106 - the OAuth 2 token type, not a password
            expires_in=access_seconds,
        )

    def decode(self, token: str, /, *, token_type: str = ACCESS) -> dict[str, Any]:
        """The claims of a well-formed, correctly signed, current token of ``token_type``.

        Raises :class:`TokenError` with the reason otherwise; makes no query.
        """
        if len(token) > MAX_TOKEN_LENGTH:
            raise TokenError(gettext_noop('Token is too long'))
        if _SHAPE.fullmatch(token) is None:
            raise TokenError(gettext_noop('Malformed token'))
        key = self._key(header(token))
        claims = verify(
            token,
            key.verifier,
            key.algorithm,
            audience=self.audience,
            issuer=self.issuer,
            leeway=self.leeway.total_seconds(),
            required=_CLAIMS,
        )
        kind = claims['token_type']
        if kind != token_type:
            got = _NAMED.get(kind, gettext_noop('a token of another type'))
            raise TokenError(
                gettext('Expected %(expected)s, got %(got)s')
                % {'expected': gettext(_NAMED[token_type]), 'got': gettext(got)},
            )
        if not isinstance(claims['fam'], str) or not isinstance(claims['pwd'], str):
            raise TokenError(gettext_noop('Token claims are invalid'))
        return claims

    def user(self, claims: dict[str, Any], /) -> Any:
        """The token's user, unless the token is revoked or the password changed since."""
        if self.store.any_revoked(_revocation_keys(claims)):
            raise TokenError(gettext_noop('Token has been revoked'))
        model = get_user_model()
        try:
            user = model._default_manager.get(pk=claims['sub'])
        except (model.DoesNotExist, ValueError, ValidationError):
            raise TokenError(_NO_USER) from None
        return _current(user, claims)

    async def auser(self, claims: dict[str, Any], /) -> Any:
        """The same, with the async ORM and store."""
        if await self.store.aany_revoked(_revocation_keys(claims)):
            raise TokenError(gettext_noop('Token has been revoked'))
        model = get_user_model()
        try:
            user = await model._default_manager.aget(pk=claims['sub'])
        except (model.DoesNotExist, ValueError, ValidationError):
            raise TokenError(_NO_USER) from None
        return _current(user, claims)

    def refresh(self, token: str, /) -> TokenPair:
        """A new pair for a refresh token, which is used up (rotation)."""
        claims = self.decode(token, token_type=REFRESH)
        user = self.user(claims)
        now = datetime.now(UTC)
        first = self.store.first_use(claims['jti'], now=now, until=_expiry(claims, self.leeway))
        if first is not None and now - first > self.reuse_grace:
            self.store.revoke(f'family:{claims["fam"]}', until=self._family_expiry(now))
            raise TokenError(REUSED)
        return self.issue(user, family=claims['fam'])

    async def arefresh(self, token: str, /) -> TokenPair:
        """The same, with the async ORM and store."""
        claims = self.decode(token, token_type=REFRESH)
        user = await self.auser(claims)
        now = datetime.now(UTC)
        until = _expiry(claims, self.leeway)
        first = await self.store.afirst_use(claims['jti'], now=now, until=until)
        if first is not None and now - first > self.reuse_grace:
            await self.store.arevoke(f'family:{claims["fam"]}', until=self._family_expiry(now))
            raise TokenError(REUSED)
        return self.issue(user, family=claims['fam'])

    def revoke(self, token: str, /) -> None:
        """Revoke a refresh token's whole login (logout)."""
        claims = self.decode(token, token_type=REFRESH)
        self.user(claims)
        now = datetime.now(UTC)
        self.store.revoke(f'family:{claims["fam"]}', until=self._family_expiry(now))

    async def arevoke(self, token: str, /) -> None:
        """The same, with the async ORM and store."""
        claims = self.decode(token, token_type=REFRESH)
        await self.auser(claims)
        now = datetime.now(UTC)
        await self.store.arevoke(f'family:{claims["fam"]}', until=self._family_expiry(now))

    def revoke_claims(self, claims: dict[str, Any], /) -> None:
        """Revoke one token by its ``jti``, until it expires."""
        self.store.revoke(f'jti:{claims["jti"]}', until=_expiry(claims, self.leeway))

    async def arevoke_claims(self, claims: dict[str, Any], /) -> None:
        """The same, with the async store."""
        await self.store.arevoke(f'jti:{claims["jti"]}', until=_expiry(claims, self.leeway))

    def _key(self, found: dict[str, Any]) -> LoadedKey:
        algorithm, kid = found.get('alg'), found.get('kid')
        if not isinstance(algorithm, str) or algorithm.lower() == 'none':
            raise TokenError(gettext_noop('Unsigned tokens are refused'))
        key = self.keys.find(kid)
        if key is None:
            raise TokenError(gettext_noop('Token is signed by an unknown key'))
        if algorithm != key.algorithm:
            raise TokenError(gettext_noop("Token algorithm does not match its key's"))
        return key

    def _signer(self) -> LoadedKey:
        if self.keys.signer is None:
            raise ValueError('no configured key can sign: give a JWTKey a private key or secret')
        return self.keys.signer

    def _family_expiry(self, now: datetime) -> datetime:
        return now + max(self.refresh_ttl, self.access_ttl) + self.leeway


_NO_USER = gettext_noop("Token's user is unknown or inactive")


def password_fingerprint(user: Any) -> str:
    """A digest of the user's password hash: a new password makes older tokens invalid."""
    password = getattr(user, 'password', '') or ''
    return salted_hmac(_PASSWORD_SALT, password, algorithm='sha256').hexdigest()[:32]


def _current(user: Any, claims: dict[str, Any]) -> Any:
    if not getattr(user, 'is_active', True):
        raise TokenError(_NO_USER)
    if not constant_time_compare(password_fingerprint(user), claims['pwd']):
        raise TokenError(gettext_noop('Token was issued before a password change'))
    return user


def _revocation_keys(claims: dict[str, Any]) -> list[str]:
    return [f'jti:{claims["jti"]}', f'family:{claims["fam"]}']


def _expiry(claims: dict[str, Any], leeway: timedelta) -> datetime:
    return datetime.fromtimestamp(int(claims['exp']), UTC) + leeway
