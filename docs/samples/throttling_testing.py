"""Testing a throttled endpoint: a smaller rate for a while, and the assertion."""

from django.core.cache import cache
from django.test import Client, override_settings
from dmr.testing import assert_throttled, throttle_rate

from throttling_basics import SearchController

cache.clear()
with override_settings(ROOT_URLCONF='throttling_basics'):
    client = Client()
    with throttle_rate(SearchController.throttles[0], '2/minute'):
        refused = assert_throttled(lambda: client.get('/search/'), limit=2)
    assert refused['RateLimit-Policy'].startswith('"ip";q=2;w=60')
