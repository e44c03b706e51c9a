"""Testing tools: clients and request factories for a project's tests, and kits for plugin authors.

:class:`DMRClient`, :class:`DMRAsyncClient`, :class:`DMRRequestFactory` and
:class:`DMRAsyncRequestFactory` are Django's, speaking JSON through the
project's serializer backend and able to act as a user per request
(:mod:`dmr.testing.client`); the pytest plugin of :mod:`dmr.testing.pytest_plugin`
offers them as the ``dmr_client``, ``dmr_async_client``, ``dmr_rf`` and
``dmr_async_rf`` fixtures. :func:`throttle_rate`, :func:`assert_throttled` and
:func:`within_one_window` are for throttled endpoints (:mod:`dmr.testing.throttling`).
:mod:`dmr.testing.conformance` and
:mod:`dmr.testing.architecture` are for backend and plugin authors.
"""

from dmr.testing._codec import DecodeError
from dmr.testing.client import (
    DMRAsyncClient,
    DMRAsyncRequestFactory,
    DMRClient,
    DMRRequestFactory,
)
from dmr.testing.throttling import (
    assert_throttled,
    assert_throttled_async,
    throttle_rate,
    within_one_window,
)

__all__ = [
    'DMRAsyncClient',
    'DMRAsyncRequestFactory',
    'DMRClient',
    'DMRRequestFactory',
    'DecodeError',
    'assert_throttled',
    'assert_throttled_async',
    'throttle_rate',
    'within_one_window',
]
