"""Tools for testing throttled endpoints: change a rate for a while, check a limit.

>>> def test_search_is_throttled(dmr_client):
...     with throttle_rate(SearchController.throttles[0], '2/minute'):
...         assert_throttled(lambda: dmr_client.get('/api/search/'), limit=2)

Counts live in the configured store: start each test with it empty (for the
default cache, ``caches['default'].clear()``). On a Django cache, counts
are kept in fixed windows aligned on the clock; :func:`within_one_window`
keeps a test's requests inside one.
"""

import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

from dmr.throttling import Rate, Throttle


@contextmanager
def throttle_rate(throttle: Throttle, rate: str | Rate) -> Iterator[Throttle]:
    """Run the block with ``throttle`` at ``rate``, then restore its rate."""
    previous = throttle.rate
    throttle.rate = Rate.parse(rate)
    try:
        yield throttle
    finally:
        throttle.rate = previous


def assert_throttled(send: Callable[[], Any], *, limit: int) -> Any:
    """Send ``limit`` requests that must pass, then one that must be 429; return the 429.

    ``send`` makes one request and returns its response (a Django test
    response). The 429 must be in the error model with ``type`` ``throttled``
    and carry ``Retry-After``.
    """
    for number in range(1, limit + 1):
        _check_passed(send(), number)
    return _check_refused(send(), limit)


async def assert_throttled_async(send: Callable[[], Awaitable[Any]], *, limit: int) -> Any:
    """:func:`assert_throttled` with an async client's ``send``."""
    for number in range(1, limit + 1):
        _check_passed(await send(), number)
    return _check_refused(await send(), limit)


def _check_passed(response: Any, number: int) -> None:
    if response.status_code == 429:
        raise AssertionError(f'request {number} was throttled before the limit')


def _check_refused(response: Any, limit: int) -> Any:
    if response.status_code != 429:
        raise AssertionError(
            f'request {limit + 1} answered {response.status_code}, not 429: not throttled',
        )
    types = [detail.get('type') for detail in response.json().get('detail', [])]
    if types != ['throttled']:
        raise AssertionError(f'the 429 is not a throttled error: {response.content!r}')
    if not response.has_header('Retry-After'):
        raise AssertionError('the 429 has no Retry-After header')
    return response


def within_one_window(period: float = 60, *, margin: float = 8) -> None:
    """Wait, if needed, until the next ``margin`` seconds fall in one window of ``period`` seconds.

    A Django cache counts each throttle in fixed windows aligned on the
    clock (each minute for ``'3/minute'``): requests that straddle a
    window's end meet a fresh count, and a test expecting a 429 sees a 200.
    Call this first in such a test (it sleeps at most ``margin`` seconds).
    """
    left = period - time.time() % period
    if left < margin:
        time.sleep(left + 0.05)
