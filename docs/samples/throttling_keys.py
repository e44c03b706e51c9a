"""Custom keys, shared scopes, a Rate with a burst, refusing when the store is down."""

from django.http import HttpRequest
from dmr.throttling import Rate, Throttle


def by_tenant(request: HttpRequest) -> str | None:
    """Count by the X-Tenant header; requests without one are not throttled."""
    return request.headers.get('X-Tenant')


TENANT = Throttle('600/minute', key=by_tenant)
# Every endpoint that lists EXPORTS shares one bucket per client address.
EXPORTS = Throttle('10/hour', scope='exports')
# GCRA (Redis): 5 requests at once, then one every 12 seconds.
BURSTY = Throttle(Rate(5, per='minute', burst=5), algorithm='gcra')
# A throttle that answers 503 rather than let requests through unthrottled.
STRICT = Throttle('5/minute', on_error='deny')
# The page shows the throttles above.

assert TENANT.name == 'tenant'
assert Rate.parse('10/hour') == EXPORTS.rate
assert BURSTY.rate.interval == 12
assert STRICT.on_error == 'deny'
