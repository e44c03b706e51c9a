"""``dmr.testing.asgi.ServedHandler``: Django's test client reading what went over ASGI.

A body the application sent whole is there when the client returns; a
stream is read as the test reads it, and the request ends when the test has
read it all or closes the response.
"""

import asyncio
import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.handlers.asgi import ASGIHandler as DjangoASGIHandler
from django.core.signals import request_finished
from django.test import Client, override_settings

from dmr.testing.asgi import ServedHandler, ServedResponse
from tests import asgi_app

SYNC_STREAM = pytest.mark.filterwarnings(
    'ignore:StreamingHttpResponse must consume synchronous iterators:Warning',
)


@pytest.fixture(autouse=True)
def _app() -> Iterator[None]:
    asgi_app.events.clear()
    asgi_app.loop_thread.clear()  # events say no thread: this test's loop has none of its own
    with override_settings(ROOT_URLCONF='tests.asgi_app', MIDDLEWARE=[]):
        yield


@pytest.fixture
def handler() -> Iterator[ServedHandler]:
    served = ServedHandler()
    yield served
    served.close()


@pytest.fixture
def client(handler: ServedHandler) -> Client:
    client = Client()
    client.handler = handler
    return client


@pytest.fixture
def finished() -> Iterator[list[str]]:
    """One entry each time a request ends (Django's ``request_finished``)."""
    ended: list[str] = []

    def receiver(**kwargs: Any) -> None:
        ended.append('finished')

    request_finished.connect(receiver)
    yield ended
    request_finished.disconnect(receiver)


def test_a_body_sent_whole_is_there_and_the_request_over(
    client: Client,
    finished: list[str],
) -> None:
    """The client returns after the request ended, with the body read."""
    response = client.get('/async/')
    assert finished == ['finished']
    assert isinstance(response, ServedResponse)
    assert (response.content, list(response), response.streaming) == (b'async', [b'async'], False)


def test_an_endless_stream_is_read_one_chunk_at_a_time(client: Client) -> None:
    """Each chunk is produced when the test asks for it: the stream never runs ahead."""
    response = client.get('/ticks/')
    chunks = list(itertools.islice(response.streaming_content, 3))  # type: ignore[attr-defined]
    assert chunks == [b'tick 1\n', b'tick 2\n', b'tick 3\n']
    assert response.streaming
    assert asgi_app.events == []


def test_closing_a_stream_disconnects_the_client(client: Client, finished: list[str]) -> None:
    """``close()``: the application hears the disconnect, closes its stream and ends the request.

    What arrived before the close can still be read; nothing more comes.
    """
    response = client.get('/ticks/')
    assert next(iter(response)) == b'tick 1\n'
    response.close()
    assert (asgi_app.events, finished) == (['ticks:closed'], ['finished'])
    received = list(response)
    assert received == [f'tick {number}\n'.encode() for number in range(1, len(received) + 1)]


def test_the_handler_disconnects_streams_left_unread(
    client: Client,
    handler: ServedHandler,
    finished: list[str],
) -> None:
    """``ServedHandler.close()`` ends every request whose stream the test did not finish."""
    client.get('/ticks/')
    client.get('/ticks/')
    assert finished == []
    handler.close()
    assert (asgi_app.events, finished) == (['ticks:closed'] * 2, ['finished'] * 2)


@SYNC_STREAM
def test_a_finite_stream_reads_whole_as_content(client: Client, finished: list[str]) -> None:
    """``content`` waits for the stream's end; the request is then over."""
    response = client.get('/streaming/')
    assert (response.content, response.streaming) == (b'ab', True)
    assert (asgi_app.events, finished) == (['stream:closed'], ['finished'])


def test_an_empty_stream_reads_as_no_chunk(client: Client) -> None:
    """A stream that sends nothing reads as no chunk and an empty body."""
    response = client.get('/nothing-streamed/')
    assert (list(response), response.content) == ([], b'')


def test_setting_the_content_replaces_the_body_and_stops_reading(client: Client) -> None:
    """A body set by the test is the body; the stream behind it is disconnected."""
    response = client.get('/ticks/')
    response.content = b'replaced'
    assert (response.content, asgi_app.events) == (b'replaced', ['ticks:closed'])


@pytest.mark.parametrize('pause', [False, True], ids=['at-once', 'after-a-pause'])
def test_a_body_the_application_leaves_unfinished_ends_where_it_returned(pause: bool) -> None:
    """An application that returns without ending its body: the body ends there."""

    class Unfinished(DjangoASGIHandler):
        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            await send({'type': 'http.response.start', 'status': 200, 'headers': []})
            if pause:
                await asyncio.sleep(0)
            await send({'type': 'http.response.body', 'body': b'half', 'more_body': True})
            if pause:
                await asyncio.sleep(0)

    client = Client()
    client.handler = ServedHandler(handler_class=Unfinished)
    assert client.get('/async/').content == b'half'


def test_an_application_that_answers_nothing_is_an_error() -> None:
    """A handler that returns without starting a response fails the test's request."""

    class Silent(DjangoASGIHandler):
        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            await receive()

    client = Client()
    client.handler = ServedHandler(handler_class=Silent)
    with pytest.raises(RuntimeError, match='returned without a response'):
        client.get('/async/')


def test_an_application_that_raises_fails_the_request() -> None:
    """An exception that escapes the application reaches the test."""

    class Broken(DjangoASGIHandler):
        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            raise LookupError('escaped')

    client = Client()
    client.handler = ServedHandler(handler_class=Broken)
    with pytest.raises(LookupError, match='escaped'):
        client.get('/async/')
