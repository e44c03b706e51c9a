"""Django's test client, sending its requests over ASGI to ``dmr.asgi``."""

import asyncio
import itertools
from collections.abc import AsyncIterator

from django.test import Client, override_settings
from django.urls import path
from dmr import Controller
from dmr.streaming import JsonLines
from dmr.testing.asgi import ServedHandler


class PingController(Controller):
    async def get(self) -> str:
        return 'pong'


class CountController(Controller):
    async def get(self) -> JsonLines[int]:
        return count()


async def count() -> AsyncIterator[int]:
    """1, 2, 3... one a second, for ever."""
    for number in itertools.count(1):
        yield number
        await asyncio.sleep(1)


urlpatterns = [
    path('ping/', PingController.as_view()),
    path('count/', CountController.as_view()),
]

handler = ServedHandler()
client = Client()
client.handler = handler

with override_settings(ROOT_URLCONF=__name__):
    response = client.get('/ping/')
    assert (response.status_code, response.json()) == (200, 'pong')
    # The request the application built, as Django's own client attaches it.
    assert response.wsgi_request.path == '/ping/'

    # A stream is read as it comes: here the first line of an endless one.
    stream = client.get('/count/')
    assert next(iter(stream)) == b'1\n'
    stream.close()  # the client disconnects: the application stops counting

# Disconnect whatever stream a test left open (a fixture's teardown, say).
handler.close()
