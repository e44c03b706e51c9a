"""``DMR_SETTINGS['throttling']``: where throttles count and how clients are told apart.

>>> DMR_SETTINGS = {
...     'throttling': {
...         'backend': 'redis://127.0.0.1:6379/0',
...         'trusted_proxies': ['10.0.0.0/8'],
...         'throttles': [Throttle('100/second', key=by_ip)],
...     },
... }

Keys (all optional): ``backend`` (``'cache:default'``, or a Redis URL),
``trusted_proxies`` (CIDRs whose forwarding headers are believed),
``ipv6_prefix`` (64: IPv6 clients are keyed by their network), ``timeout``
(0.1 seconds per store call), ``cooldown`` (5 seconds during which a failed
store is not called), ``throttles`` (of every endpoint that sets none).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from dmr.throttling._client_ip import IPNetwork, parse_networks, parse_prefix
from dmr.throttling.throttle import Throttle

REDIS_SCHEMES: Final = ('redis://', 'rediss://', 'unix://')


@dataclass(frozen=True, slots=True)
class ThrottlingSettings:
    """The parsed ``DMR_SETTINGS['throttling']``."""

    backend: str = 'cache:default'
    trusted_proxies: tuple[IPNetwork, ...] = ()
    ipv6_prefix: int = 64
    timeout: float = 0.1
    cooldown: float = 5.0
    throttles: tuple[Throttle, ...] = ()
    _stores: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def store(self) -> Any:
        """The store of ``backend``, created on first use (once per settings)."""
        store = self._stores.get(self.backend)
        if store is None:
            store = self._stores[self.backend] = self._create_store()
        return store

    def _create_store(self) -> Any:
        if self.backend.startswith(REDIS_SCHEMES):
            from dmr.throttling._redis_store import RedisStore  # noqa: PLC0415 - optional redis

            return RedisStore(self.backend, timeout=self.timeout, cooldown=self.cooldown)
        from dmr.throttling._cache_store import CacheStore  # noqa: PLC0415 - reads Django caches

        return CacheStore(self.backend.removeprefix('cache:'), cooldown=self.cooldown)


def parse_throttling(value: Any) -> ThrottlingSettings:
    """Validate ``DMR_SETTINGS['throttling']``; raise ``ValueError`` naming the key."""
    if not isinstance(value, Mapping):
        raise ValueError(f'a dict, got {value!r}')
    known = {'backend', 'trusted_proxies', 'ipv6_prefix', 'timeout', 'cooldown', 'throttles'}
    unknown = set(value) - known
    if unknown:
        raise ValueError(f'unknown keys {sorted(unknown)}; known: {sorted(known)}')
    parsed: dict[str, Any] = {}
    if 'backend' in value:
        parsed['backend'] = _backend(value['backend'])
    if 'trusted_proxies' in value:
        parsed['trusted_proxies'] = parse_networks(value['trusted_proxies'])
    if 'ipv6_prefix' in value:
        parsed['ipv6_prefix'] = parse_prefix(value['ipv6_prefix'])
    for key in ('timeout', 'cooldown'):
        if key in value:
            seconds = value[key]
            if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds <= 0:
                raise ValueError(f'{key!r} is a positive number of seconds, got {seconds!r}')
            parsed[key] = float(seconds)
    if 'throttles' in value:
        throttles = value['throttles']
        if not isinstance(throttles, Sequence) or not all(
            isinstance(item, Throttle) for item in throttles
        ):
            raise ValueError(f"'throttles' is a list of Throttle, got {throttles!r}")
        parsed['throttles'] = tuple(throttles)
    return ThrottlingSettings(**parsed)


def _backend(value: Any) -> str:
    if isinstance(value, str) and (
        value.startswith(REDIS_SCHEMES) or (value.startswith('cache:') and len(value) > 6)
    ):
        return value
    raise ValueError(
        f"'backend' is 'cache:ALIAS' or a redis://, rediss:// or unix:// URL, got {value!r}",
    )
