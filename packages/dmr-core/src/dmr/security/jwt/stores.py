"""Where revoked tokens, revoked families and used refresh tokens are remembered.

Each entry is kept until the tokens it concerns would have expired anyway,
so the store never grows past the tokens alive at one time.

``DatabaseStore`` (the default) keeps them in the ``dmr.security.jwt`` app's
table: durable and shared by every process, at the price of one indexed
query per authenticated request. ``CacheStore`` keeps them in one of Django's
caches: no query, but an entry the cache evicts (memory pressure, a restart
of a cache without persistence, a per-process ``LocMemCache``) un-revokes
its tokens. Use it only with a shared cache that keeps keys until they
expire (Redis with persistence and a ``noeviction`` policy).
"""

from datetime import UTC, datetime
from typing import Any, Protocol

from django.core.cache import caches


class RevocationStore(Protocol):
    """What ``JWTConfig`` needs from a store; every method has a sync and an async form.

    ``key`` is ``jti:<jti>`` for one token, ``family:<id>`` for every token
    of one login; ``used`` records the first use of a refresh token.
    """

    def any_revoked(self, keys: list[str], /) -> bool:
        """Whether one of ``keys`` is revoked."""

    async def aany_revoked(self, keys: list[str], /) -> bool:
        """Whether one of ``keys`` is revoked."""

    def revoke(self, key: str, /, *, until: datetime) -> None:
        """Revoke ``key`` until ``until``."""

    async def arevoke(self, key: str, /, *, until: datetime) -> None:
        """Revoke ``key`` until ``until``."""

    def first_use(self, jti: str, /, *, now: datetime, until: datetime) -> datetime | None:
        """Record a refresh token's use: ``None`` the first time, else its first use."""

    async def afirst_use(self, jti: str, /, *, now: datetime, until: datetime) -> datetime | None:
        """Record a refresh token's use: ``None`` the first time, else its first use."""


def _model() -> Any:
    from dmr.security.jwt.models import RevokedToken  # noqa: PLC0415 - needs the app registry

    return RevokedToken


class DatabaseStore:
    """Entries in the ``RevokedToken`` table (add ``'dmr.security.jwt'`` to ``INSTALLED_APPS``).

    ``prune()`` deletes the entries whose tokens have expired; run it now
    and then (a periodic job), or let the table keep them: they are never
    read again.
    """

    def any_revoked(self, keys: list[str], /) -> bool:
        """One ``EXISTS`` query on the primary key."""
        return bool(_model().objects.filter(key__in=keys).exists())

    async def aany_revoked(self, keys: list[str], /) -> bool:
        """The same, with the async ORM."""
        return bool(await _model().objects.filter(key__in=keys).aexists())

    def revoke(self, key: str, /, *, until: datetime) -> None:
        """Insert the entry (or keep the one already there)."""
        _model().objects.get_or_create(key=key, defaults={'expires_at': until})

    async def arevoke(self, key: str, /, *, until: datetime) -> None:
        """The same, with the async ORM."""
        await _model().objects.aget_or_create(key=key, defaults={'expires_at': until})

    def first_use(self, jti: str, /, *, now: datetime, until: datetime) -> datetime | None:
        """Insert ``used:<jti>``; a conflict means it was used before."""
        model = _model()
        entry, created = model.objects.get_or_create(
            key=f'used:{jti}',
            defaults={'expires_at': until, 'created_at': now},
        )
        return None if created else entry.created_at

    async def afirst_use(self, jti: str, /, *, now: datetime, until: datetime) -> datetime | None:
        """The same, with the async ORM."""
        model = _model()
        entry, created = await model.objects.aget_or_create(
            key=f'used:{jti}',
            defaults={'expires_at': until, 'created_at': now},
        )
        return None if created else entry.created_at

    def prune(self, *, now: datetime | None = None) -> int:
        """Delete the entries of expired tokens; the number deleted."""
        deleted, _ = _model().objects.filter(expires_at__lt=now or datetime.now(UTC)).delete()
        return int(deleted)


class CacheStore:
    """Entries in ``CACHES[alias]``, each expiring with its tokens (see the module's trade-off)."""

    def __init__(self, alias: str = 'default', *, prefix: str = 'dmr-jwt:') -> None:
        self.alias = alias
        self.prefix = prefix

    def any_revoked(self, keys: list[str], /) -> bool:
        """One ``get_many``."""
        return bool(caches[self.alias].get_many([self.prefix + key for key in keys]))

    async def aany_revoked(self, keys: list[str], /) -> bool:
        """One ``aget_many``."""
        return bool(await caches[self.alias].aget_many([self.prefix + key for key in keys]))

    def revoke(self, key: str, /, *, until: datetime) -> None:
        """``set`` until the tokens expire."""
        caches[self.alias].set(self.prefix + key, 1, _seconds(until))

    async def arevoke(self, key: str, /, *, until: datetime) -> None:
        """``aset`` until the tokens expire."""
        await caches[self.alias].aset(self.prefix + key, 1, _seconds(until))

    def first_use(self, jti: str, /, *, now: datetime, until: datetime) -> datetime | None:
        """``add`` (atomic in the shared caches); when it exists, its first use."""
        cache, key = caches[self.alias], f'{self.prefix}used:{jti}'
        if cache.add(key, now.timestamp(), _seconds(until)):
            return None
        return _when(cache.get(key), now)

    async def afirst_use(self, jti: str, /, *, now: datetime, until: datetime) -> datetime | None:
        """``aadd``, then ``aget``."""
        cache, key = caches[self.alias], f'{self.prefix}used:{jti}'
        if await cache.aadd(key, now.timestamp(), _seconds(until)):
            return None
        return _when(await cache.aget(key), now)


def _seconds(until: datetime) -> int:
    return max(1, int((until - datetime.now(UTC)).total_seconds()) + 1)


def _when(stamp: Any, now: datetime) -> datetime:
    """The time of a first use; an entry gone in between counts as used now."""
    return now if stamp is None else datetime.fromtimestamp(float(stamp), UTC)
