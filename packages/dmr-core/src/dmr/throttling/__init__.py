"""Throttling: how many requests a client may send, counted in a shared store.

>>> from dmr.throttling import Throttle, by_ip, by_user
>>> class SearchController(Controller):
...     throttles = [
...         Throttle('20/second', key=by_ip),
...         Throttle('1000/hour', key=by_user),
...     ]

A request over a limit is answered 429 (``type`` ``throttled``) with
``Retry-After``; every response of a throttled endpoint carries the
``RateLimit-Policy`` and ``RateLimit`` headers. Where the counting happens is
``DMR_SETTINGS['throttling']`` (:mod:`dmr.throttling.config`): a Django
cache or a Redis server (:mod:`dmr.throttling.stores`).
"""

from dmr.throttling.keys import Key, by_ip, by_token, by_user, by_username
from dmr.throttling.rate import Rate
from dmr.throttling.throttle import Throttle

__all__ = [
    'CREDENTIAL_THROTTLES',
    'Key',
    'Rate',
    'Throttle',
    'by_ip',
    'by_token',
    'by_user',
    'by_username',
]

CREDENTIAL_THROTTLES = (
    Throttle('30/minute', key=by_ip, on_error='deny', name='login-ip'),
    Throttle('10/minute', key=by_username, on_error='deny', name='login-username'),
)
"""The throttles of dmr's login and token endpoints: by address and by user
name, refusing (503) when the store is down. Override a controller's
``throttles`` to change them."""
