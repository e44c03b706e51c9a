"""Throttles on a controller: the limit, the 429, and the RateLimit headers."""

import msgspec
from django.core.cache import cache
from django.test import Client, override_settings
from dmr import Controller
from dmr.routing import path
from dmr.throttling import Throttle, by_ip, by_user


class Results(msgspec.Struct):
    query: str


class SearchController(Controller):
    auth = None
    throttles = (
        Throttle('3/minute', key=by_ip),
        Throttle('1000/hour', key=by_user),  # skipped: the request is anonymous
    )

    def get(self) -> Results:
        return Results(query='dmr')


urlpatterns = [path('search/', SearchController.as_view())]
# The page shows the controller above; the rest is what a client sees.

cache.clear()
with override_settings(ROOT_URLCONF=__name__):
    client = Client()
    first = client.get('/search/')
    assert first.status_code == 200
    assert first['RateLimit-Policy'] == '"ip";q=3;w=60, "user";q=1000;w=3600'
    assert first['RateLimit'].startswith('"ip";r=2;t=')

    client.get('/search/')
    client.get('/search/')
    refused = client.get('/search/')
    assert refused.status_code == 429
    assert 1 <= int(refused['Retry-After']) <= 60
    assert refused.json()['detail'][0]['type'] == 'throttled'
