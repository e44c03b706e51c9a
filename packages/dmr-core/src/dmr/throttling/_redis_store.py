"""The Redis store: all of a request's throttles in one Lua script, on the server's clock.

``redis-py`` is imported only when a ``redis://`` backend is configured
(``pip install dmr-core[redis]``). The sync client is created once per
process (its connection pool starts afresh after a fork); an asyncio client
is created per event loop, and again after a fork, and closed when its loop
shuts down (``asyncio.run`` and ``async_to_sync`` close async generators
then). Every call is bounded by the socket timeouts and makes no retries: the
breaker decides when to try again.
"""

import os
import weakref
from asyncio import AbstractEventLoop, get_running_loop
from collections.abc import AsyncIterator, Sequence
from typing import Any

from dmr.throttling.stores import Breaker, Check, Outcome, outcome

# KEYS: one bucket per throttle. ARGV: per throttle, its algorithm ('gcra' or
# 'fixed_window'), period in milliseconds, limit and burst. Nothing is written
# unless every throttle lets the request through. Returns, per throttle:
# allowed (1 or 0), remaining, reset and retry-after in milliseconds.
SCRIPT = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local answers, writes, refused = {}, {}, false
for i, key in ipairs(KEYS) do
  local at = (i - 1) * 4
  local period = tonumber(ARGV[at + 2])
  local limit = tonumber(ARGV[at + 3])
  local burst = tonumber(ARGV[at + 4])
  local allowed, remaining, reset, retry = 1, 0, 0, 0
  if ARGV[at + 1] == 'gcra' then
    local interval = period / limit
    local tat = tonumber(redis.call('GET', key)) or now
    if tat < now then tat = now end
    local next_tat = tat + interval
    local allow_at = next_tat - burst * interval
    if now < allow_at then
      allowed, reset, retry = 0, tat - now, allow_at - now
    else
      remaining = math.floor((now - allow_at) / interval)
      reset = next_tat - now
      writes[#writes + 1] = {'gcra', key, next_tat, math.ceil(reset)}
    end
  else
    local window = math.floor(now / period)
    local ends = (window + 1) * period
    local stored = redis.call('HMGET', key, 'w', 'c')
    local count = 0
    if tonumber(stored[1]) == window then count = tonumber(stored[2]) end
    reset = ends - now
    if count >= limit then
      allowed, retry = 0, reset
    else
      remaining = limit - count - 1
      writes[#writes + 1] = {'fixed_window', key, window, count + 1, ends}
    end
  end
  if allowed == 0 then refused = true end
  answers[#answers + 1] = allowed
  answers[#answers + 1] = remaining
  answers[#answers + 1] = math.ceil(reset)
  answers[#answers + 1] = math.ceil(retry)
end
if not refused then
  for _, write in ipairs(writes) do
    if write[1] == 'gcra' then
      redis.call('SET', write[2], string.format('%.3f', write[3]), 'PX', math.max(write[4], 1))
    else
      redis.call('HSET', write[2], 'w', write[3], 'c', write[4])
      redis.call('PEXPIREAT', write[2], write[5])
    end
  end
end
return answers
"""


class RedisStore:
    """Counts on the Redis server at ``url``."""

    default_algorithm = 'gcra'
    algorithms = frozenset({'gcra', 'fixed_window'})

    def __init__(self, url: str, *, timeout: float, cooldown: float) -> None:
        self.url = url
        self.timeout = timeout
        self.breaker = Breaker(f'redis {_without_password(url)}', cooldown)
        self._sync: tuple[int, Any] | None = None
        self._async: weakref.WeakKeyDictionary[AbstractEventLoop, tuple[int, Any, Any]] = (
            weakref.WeakKeyDictionary()
        )

    def hit(self, checks: Sequence[Check], /) -> list[Outcome]:
        """Run the script once for all ``checks``."""
        self.breaker.check()
        keys, args = _arguments(checks)
        try:
            answers = self._sync_script()(keys=keys, args=args)
        except Exception as exc:
            raise self.breaker.failed(exc) from exc
        return _outcomes(answers)

    async def ahit(self, checks: Sequence[Check], /) -> list[Outcome]:
        """The same with this event loop's asyncio client."""
        self.breaker.check()
        keys, args = _arguments(checks)
        try:
            script = await self._async_script()
            answers = await script(keys=keys, args=args)
        except Exception as exc:
            raise self.breaker.failed(exc) from exc
        return _outcomes(answers)

    def _sync_script(self) -> Any:
        pid = os.getpid()
        if self._sync is None or self._sync[0] != pid:
            import redis  # noqa: PLC0415 - the optional dependency of this store
            from redis.backoff import NoBackoff  # noqa: PLC0415
            from redis.retry import Retry  # noqa: PLC0415

            client = redis.Redis.from_url(self.url, retry=Retry(NoBackoff(), 0), **self._socket())
            self._sync = (pid, client.register_script(SCRIPT))
        return self._sync[1]

    async def _async_script(self) -> Any:
        loop = get_running_loop()
        pid = os.getpid()
        found = self._async.get(loop)
        if found is None or found[0] != pid:
            from redis.asyncio import Redis  # noqa: PLC0415 - the optional dependency
            from redis.asyncio.retry import Retry  # noqa: PLC0415
            from redis.backoff import NoBackoff  # noqa: PLC0415

            client = Redis.from_url(self.url, retry=Retry(NoBackoff(), 0), **self._socket())
            keeper = self._keep(loop, client)
            await anext(keeper)
            found = self._async[loop] = (pid, client.register_script(SCRIPT), keeper)
        return found[1]

    async def _keep(self, loop: AbstractEventLoop, client: Any) -> AsyncIterator[None]:
        """Close ``client`` when its loop shuts down (``asyncio.run`` closes async generators)."""
        try:
            yield
        finally:
            self._async.pop(loop, None)
            await client.aclose()

    def _socket(self) -> dict[str, Any]:
        return {
            'socket_timeout': self.timeout,
            'socket_connect_timeout': self.timeout,
            'retry_on_timeout': False,
        }


def _arguments(checks: Sequence[Check]) -> tuple[list[str], list[str | int]]:
    args: list[str | int] = []
    for check in checks:
        rate = check.rate
        args.extend((check.algorithm, rate.per * 1000, rate.limit, rate.burst))
    return [check.bucket for check in checks], args


def _outcomes(answers: list[int]) -> list[Outcome]:
    return [
        outcome(bool(answers[at]), answers[at + 1], answers[at + 2] / 1000, answers[at + 3] / 1000)
        for at in range(0, len(answers), 4)
    ]


def _without_password(url: str) -> str:
    scheme, separator, rest = url.partition('://')
    if '@' not in rest:
        return url
    return f'{scheme}{separator}***@{rest.split("@", 1)[1]}'
