"""The revocation stores' own upkeep: pruning, and a cache entry that vanished."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache

from dmr.security.jwt import CacheStore, DatabaseStore
from dmr.security.jwt.models import RevokedToken

NOW = datetime(2026, 5, 1, tzinfo=UTC)


@pytest.mark.django_db
def test_prune_deletes_the_entries_of_expired_tokens():
    """``prune`` deletes entries past their expiry and keeps the others."""
    store = DatabaseStore()
    store.revoke('jti:old', until=NOW - timedelta(seconds=1))
    store.revoke('jti:live', until=NOW + timedelta(hours=1))
    assert store.prune(now=NOW) == 1
    assert list(RevokedToken.objects.values_list('key', flat=True)) == ['jti:live']
    assert str(RevokedToken.objects.get()) == 'jti:live'


@pytest.mark.django_db
def test_prune_defaults_to_now():
    """Without ``now``, entries whose tokens expired before the call are deleted."""
    DatabaseStore().revoke('jti:old', until=datetime.now(UTC) - timedelta(seconds=1))
    assert DatabaseStore().prune() == 1


def test_a_use_entry_evicted_between_add_and_get_counts_as_now():
    """If the cache drops the entry between ``add`` and ``get``, the use counts as now."""
    store = CacheStore(prefix='evicted:')
    until = datetime.now(UTC) + timedelta(minutes=1)
    assert store.first_use('j', now=NOW, until=until) is None
    assert store.first_use('j', now=NOW + timedelta(seconds=5), until=until) == NOW
    cache.delete('evicted:used:j')
    cache.add('evicted:used:j', None)
    assert store.first_use('j', now=NOW, until=until) == NOW


def test_the_async_cache_use_reads_the_first_use():
    """``afirst_use`` answers ``None`` first, then the time of the first use."""
    store = CacheStore(prefix='async-use:')
    until = datetime.now(UTC) + timedelta(minutes=1)

    async def uses() -> list[datetime | None]:
        return [
            await store.afirst_use('j', now=NOW, until=until),
            await store.afirst_use('j', now=NOW + timedelta(seconds=5), until=until),
        ]

    assert asyncio.run(uses()) == [None, NOW]
