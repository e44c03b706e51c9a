"""The Django cache store: fixed windows counted with ``add`` and ``incr``.

A window is ``rate.per`` seconds of this process's clock, aligned on the
epoch; its counter lives under the bucket's name and the window's number.
``add`` creates it atomically (only one process wins) and ``incr`` counts
the others: both are atomic on Redis and memcached caches, which is what a
deployment of several processes needs (``manage.py check`` says when the
configured cache is not such a cache).
"""

import math
import time
from collections.abc import Sequence

from django.core.cache import BaseCache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache

from dmr.throttling.stores import Breaker, Check, Outcome, outcome


class CacheStore:
    """Counts in the Django cache ``alias``."""

    default_algorithm = 'fixed_window'
    algorithms = frozenset({'fixed_window'})

    def __init__(self, alias: str, cooldown: float) -> None:
        self.alias = alias
        self.breaker = Breaker(f'cache {alias!r}', cooldown)

    def hit(self, checks: Sequence[Check], /) -> list[Outcome]:
        """Count the request in each check's current window."""
        self.breaker.check()
        cache = caches[self.alias]
        try:
            return [self._count(cache, check) for check in checks]
        except Exception as exc:
            raise self.breaker.failed(exc) from exc

    async def ahit(self, checks: Sequence[Check], /) -> list[Outcome]:
        """The same, with the cache's async methods."""
        self.breaker.check()
        cache = caches[self.alias]
        try:
            return [await self._acount(cache, check) for check in checks]
        except Exception as exc:
            raise self.breaker.failed(exc) from exc

    def _count(self, cache: BaseCache, check: Check) -> Outcome:
        key, ttl, ends = _window(check)
        if cache.add(key, 1, ttl):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:  # expired between the two calls
                count = 1 if cache.add(key, 1, ttl) else cache.incr(key)
        return _outcome(check, count, ends)

    async def _acount(self, cache: BaseCache, check: Check) -> Outcome:
        key, ttl, ends = _window(check)
        if await cache.aadd(key, 1, ttl):
            count = 1
        else:
            try:
                count = await cache.aincr(key)
            except ValueError:  # expired between the two calls
                count = 1 if await cache.aadd(key, 1, ttl) else await cache.aincr(key)
        return _outcome(check, count, ends)


def _window(check: Check) -> tuple[str, int, float]:
    """The counter's key, its lifetime and the seconds until the window ends."""
    now = time.time()
    per = check.rate.per
    number = math.floor(now / per)
    ends = (number + 1) * per - now
    return f'{check.bucket}:{number}', per + 1, ends


def _outcome(check: Check, count: int, ends: float) -> Outcome:
    limit = check.rate.limit
    return outcome(count <= limit, limit - count, ends, ends)


def cache_problem(alias: str) -> tuple[str, str] | None:
    """``('error' | 'warning', why)`` when the cache ``alias`` cannot throttle well."""
    cache = caches[alias]
    if isinstance(cache, DummyCache):
        return ('error', f'the cache {alias!r} is a DummyCache, which stores nothing')
    if isinstance(cache, LocMemCache):
        return (
            'warning',
            f'the cache {alias!r} is a LocMemCache: each process counts on its own, '
            'so N processes let N times the rate through',
        )
    if type(cache).incr is BaseCache.incr:
        return (
            'warning',
            f'the incr of the cache {alias!r} ({type(cache).__name__}) reads and writes '
            'back, so concurrent requests can be lost from the count',
        )
    return None
