"""Where throttles count: a Django cache or a Redis server.

``DMR_SETTINGS['throttling']['backend']`` chooses the store:

- ``'cache:ALIAS'`` (``'cache:default'`` by default): a Django cache, fixed
  window only, counted with the cache's atomic ``add`` and ``incr``. It
  cannot compare-and-set, so it cannot run GCRA; the throttles of a request
  are counted one after the other, and a refused request still counts.
- ``'redis://...'`` (or ``rediss://``, ``unix://``): a Redis server through
  ``redis-py``, GCRA by default; all of an endpoint's throttles are checked
  and counted in one Lua script using the server's clock, all or nothing.

Every store call is bounded by ``timeout`` (seconds), and a failure opens a
circuit breaker for ``cooldown`` seconds during which the store is not called
at all, so that letting requests through when the store is down does not make
them slow. Failures are logged at most once a minute per store, with the
number of failures not logged since.
"""

import logging
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from dmr.throttling.rate import Rate

logger = logging.getLogger('dmr.throttling')

LOG_EVERY = 60.0
"""Seconds between two log lines about one store's failures."""


class StoreUnavailableError(Exception):
    """The store could not answer (down, slow, or its breaker is open)."""


@dataclass(frozen=True, slots=True)
class Check:
    """One throttle to check for one request: its bucket, rate and algorithm."""

    bucket: str
    rate: Rate
    algorithm: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a store says of one check.

    ``remaining`` requests are left now, the quota is whole again in
    ``reset`` seconds, and a refused request may retry in ``retry_after``.
    """

    allowed: bool
    remaining: int
    reset: int
    retry_after: int


def outcome(allowed: bool, remaining: float, reset: float, retry_after: float) -> Outcome:  # noqa: FBT001 - mirrors the fields
    """An :class:`Outcome` with times rounded up to whole seconds."""
    return Outcome(
        allowed=allowed,
        remaining=max(0, int(remaining)),
        reset=max(0, math.ceil(reset)),
        retry_after=0 if allowed else max(1, math.ceil(retry_after)),
    )


class Store(Protocol):
    """What a store does: count a request against several throttles at once."""

    default_algorithm: str
    algorithms: frozenset[str]

    def hit(self, checks: Sequence[Check], /) -> list[Outcome]:
        """Count the request; raise :class:`StoreUnavailableError` on failure."""

    async def ahit(self, checks: Sequence[Check], /) -> list[Outcome]:
        """The same, for async endpoints."""


class Breaker:
    """A circuit breaker with a rate-limited failure log.

    After a failure the store is not called for ``cooldown`` seconds; the
    first call after that tries it again. Failures are logged at most once
    every ``LOG_EVERY`` seconds.
    """

    def __init__(self, name: str, cooldown: float) -> None:
        self.name = name
        self.cooldown = cooldown
        self.open_until = 0.0
        self.last_logged = -math.inf
        self.suppressed = 0

    def check(self) -> None:
        """Raise while the breaker is open."""
        if time.monotonic() < self.open_until:
            raise StoreUnavailableError(f'{self.name}: circuit open after a failure')

    def failed(self, exc: BaseException) -> StoreUnavailableError:
        """Open the breaker, log (at a limited rate), and say so."""
        now = time.monotonic()
        self.open_until = now + self.cooldown
        if now - self.last_logged >= LOG_EVERY:
            logger.warning(
                'Throttling store %s failed (%d failures not logged since): %r; '
                'not called for %.1f seconds',
                self.name,
                self.suppressed,
                exc,
                self.cooldown,
            )
            self.last_logged = now
            self.suppressed = 0
        else:
            self.suppressed += 1
        return StoreUnavailableError(f'{self.name}: {exc!r}')
