"""``Throttle``: a rate, what to count by, and what to do when the store is down.

>>> class SearchController(Controller):
...     throttles = [
...         Throttle('20/second', key=by_ip),
...         Throttle('1000/hour', key=by_user),
...     ]
"""

import re
from typing import Final, Literal

from dmr.throttling.keys import Key, by_ip, runs_after_auth
from dmr.throttling.rate import Rate

OnError = Literal['allow', 'deny']
Algorithm = Literal['gcra', 'fixed_window']

ALGORITHMS: Final = ('gcra', 'fixed_window')

# A structured-field string (RFC 9651): what a policy's name is in the headers.
_POLICY_NAME = re.compile(r'[ !#-\[\]-~]+')


class Throttle:
    """Let ``rate`` requests through per client of ``key``; refuse the rest with 429.

    - ``key``: a callable ``(request) -> str | None``; ``None`` skips the
      throttle for that request. :func:`~dmr.throttling.by_user` and
      :func:`~dmr.throttling.by_token` run after authentication, other
      keys before it.
    - ``scope``: the name of the bucket; endpoints whose throttles name the
      same scope (and key) share it. By default each endpoint has its own.
    - ``on_error``: when the store cannot be reached, ``'allow'`` lets the
      request through (logged at a limited rate), ``'deny'`` answers 503.
    - ``algorithm``: ``'gcra'`` (a burst, then a steady rate) or
      ``'fixed_window'``; ``None`` takes the store's default (GCRA on Redis,
      the fixed window on a Django cache).
    - ``name``: the policy's name in the ``RateLimit`` headers (the key's
      name by default).

    ``rate`` may be replaced at any time (see
    :func:`dmr.testing.throttle_rate`); the next request uses the new one.
    """

    __slots__ = ('after_auth', 'algorithm', 'key', 'name', 'on_error', 'rate', 'scope')

    def __init__(
        self,
        rate: str | Rate,
        *,
        key: Key = by_ip,
        scope: str | None = None,
        on_error: OnError = 'allow',
        algorithm: Algorithm | None = None,
        name: str | None = None,
    ) -> None:
        """Check every option now, so a mistake fails when the class is created."""
        self.rate = Rate.parse(rate)
        if not callable(key):
            raise TypeError(f'A throttle key is a callable (request) -> str | None, got {key!r}')
        if on_error not in ('allow', 'deny'):
            raise ValueError(f"on_error is 'allow' or 'deny', got {on_error!r}")
        if algorithm is not None and algorithm not in ALGORITHMS:
            raise ValueError(f'algorithm is one of {ALGORITHMS}, got {algorithm!r}')
        if scope == '':
            raise ValueError('scope is a non-empty string')
        self.key = key
        self.scope = scope
        self.on_error: OnError = on_error
        self.algorithm: Algorithm | None = algorithm
        self.after_auth = runs_after_auth(key)
        default_name = getattr(key, '__name__', 'throttle').removeprefix('by_')
        self.name = name or default_name
        if not _POLICY_NAME.fullmatch(self.name):
            raise ValueError(
                f'A throttle name is printable ASCII without quotes or backslashes, got '
                f'{self.name!r}; pass name=...',
            )

    def __repr__(self) -> str:
        """``Throttle('20/1s', key=by_ip)``."""
        key = getattr(self.key, '__name__', repr(self.key))
        return f'Throttle({str(self.rate)!r}, key={key})'
