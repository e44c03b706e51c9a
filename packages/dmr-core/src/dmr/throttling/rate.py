"""``Rate``: how many requests a throttle lets through, per period, with a burst.

>>> Rate.parse('20/second')
Rate(limit=20, per=1, burst=20)
>>> Rate(100, per='hour', burst=10)
Rate(limit=100, per=3600, burst=10)
"""

import re
from dataclasses import dataclass, field
from typing import Final

PERIODS: Final = {'second': 1, 'minute': 60, 'hour': 3600, 'day': 86400}
"""The period names a rate accepts, in seconds."""

_TEXT = re.compile(r'\s*(\d+)\s*/\s*([a-z]+)\s*', re.ASCII)


@dataclass(frozen=True, slots=True, init=False)
class Rate:
    """``limit`` requests per ``per`` seconds; at most ``burst`` at once.

    ``per`` is a number of seconds or a period name (``'second'``,
    ``'minute'``, ``'hour'``, ``'day'``). ``burst`` (``limit`` by default) is
    what GCRA lets through at once before it settles to the steady rate of
    one request every ``per / limit`` seconds; the fixed window ignores it.
    """

    limit: int
    per: int
    burst: int = field(default=0)

    def __init__(self, limit: int, *, per: int | str, burst: int | None = None) -> None:
        """Check the numbers: all positive integers."""
        seconds = PERIODS.get(per) if isinstance(per, str) else per
        if seconds is None:
            raise ValueError(f'Unknown period {per!r}; use one of: {", ".join(PERIODS)}')
        _positive('limit', limit)
        _positive('per', seconds)
        if burst is not None:
            _positive('burst', burst)
        object.__setattr__(self, 'limit', limit)
        object.__setattr__(self, 'per', seconds)
        object.__setattr__(self, 'burst', limit if burst is None else burst)

    @classmethod
    def parse(cls, value: object, /) -> 'Rate':
        """``'N/second|minute|hour|day'`` as a ``Rate``; a ``Rate`` as itself."""
        if isinstance(value, Rate):
            return value
        match = _TEXT.fullmatch(value) if isinstance(value, str) else None
        if match is None or match.group(2) not in PERIODS:
            raise ValueError(
                f'{value!r} is not a rate; write it as N/second, N/minute, N/hour or N/day',
            )
        return cls(int(match.group(1)), per=match.group(2))

    @property
    def interval(self) -> float:
        """Seconds between two requests at the steady rate."""
        return self.per / self.limit

    def __str__(self) -> str:
        """``'20/1s'``, with the burst when it is not the limit."""
        burst = '' if self.burst == self.limit else f' (burst {self.burst})'
        return f'{self.limit}/{self.per}s{burst}'


def _positive(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f'A rate needs a positive integer {name}, got {value!r}')
