"""A client that stops reading mid-stream: the generator is closed, its ``finally`` runs."""

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from django.http import HttpRequest
from django.test import AsyncClient, Client, override_settings
from django.utils.decorators import sync_and_async_middleware

from tests.streaming_app import CLOSED

pytestmark = pytest.mark.urls('tests.streaming_app')


@pytest.fixture(autouse=True)
def _forget() -> None:
    CLOSED.clear()


@pytest.mark.django_db  # closing the response ends the request, which checks the connections
@pytest.mark.parametrize('kind', ['sync', 'async'])
def test_closing_a_wsgi_stream_closes_the_generator(kind: str):
    """Under WSGI, the server closes the response of a gone client: the generator is closed."""
    response = Client().get(f'/{kind}/endless/')
    chunks = iter(response)
    assert next(chunks) == b'data: {"n":0}\n\n'
    assert next(chunks) == b'data: {"n":1}\n\n'
    response.close()
    assert [f'{kind}-endless'] == CLOSED


@pytest.mark.django_db  # as above
def test_async_stream_under_wsgi_sends_each_event_as_it_is_made():
    """Under WSGI, an async stream's event is sent while the generator awaits the next one."""
    response = Client().get('/async/pause/')
    first = next(iter(response))
    response.close()
    assert first == b'data: {"n":0}\n\n'


@pytest.mark.django_db  # as above
def test_closing_a_waiting_async_stream_under_wsgi_ends_its_wait():
    """Closing an async stream under WSGI while its generator awaits closes it at once."""
    response = Client().get('/async/pause/')
    next(iter(response))
    started = time.monotonic()
    response.close()
    assert time.monotonic() - started < 5
    assert CLOSED == ['async-pause']


@pytest.mark.django_db  # as above
def test_closing_a_stream_made_ahead_under_wsgi_stops_it():
    """An async stream that never waits is made only a few events ahead, and stops on close."""
    response = Client().get('/async/flood/')
    chunks = iter(response)
    assert [next(chunks), next(chunks)] == [b'data: {"n":0}\n\n', b'data: {"n":1}\n\n']
    response.close()
    assert CLOSED == ['async-flood']


@sync_and_async_middleware
def breaking(get_response: Callable[[HttpRequest], Any]) -> Callable[[HttpRequest], Any]:
    """Wraps a stream's content in an async iterator that fails after one chunk."""

    async def broken(content: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
        async for chunk in content:
            yield chunk
            raise ConnectionResetError('the proxy went away')

    def middleware(request: HttpRequest) -> Any:
        response = get_response(request)
        response.streaming_content = broken(aiter(response.streaming_content))
        return response

    return middleware


@pytest.mark.django_db  # as above
def test_an_error_of_the_async_content_reaches_the_wsgi_server():
    """Under WSGI, an error raised by a stream's async content is raised to the server."""
    with override_settings(MIDDLEWARE=[f'{__name__}.breaking']):
        response = Client().get('/async/pause/')
    chunks = iter(response)
    assert next(chunks) == b'data: {"n":0}\n\n'
    with pytest.raises(ConnectionResetError, match='the proxy went away'):
        next(chunks)
    response.close()
    assert CLOSED == ['async-pause']


@pytest.mark.parametrize('kind', ['sync', 'async'])
def test_closing_an_asgi_stream_closes_the_generator(kind: str):
    """Under ASGI, the handler closes the stream of a gone client: the generator is closed."""

    async def read_two() -> list[bytes]:
        response = await AsyncClient().get(f'/{kind}/endless/')
        chunks = aiter(response)
        read = [await anext(chunks), await anext(chunks)]
        await chunks.aclose()  # type: ignore[attr-defined]  # an async generator
        return read

    assert asyncio.run(read_two()) == [b'data: {"n":0}\n\n', b'data: {"n":1}\n\n']
    assert [f'{kind}-endless'] == CLOSED


@pytest.mark.parametrize('kind', ['sync', 'async'])
def test_cancelled_asgi_stream_closes_the_generator(kind: str):
    """A disconnect cancels the task sending the stream: the generator is closed all the same."""

    async def cancel_while_reading() -> list[bytes]:
        response = await AsyncClient().get(f'/{kind}/idle/')
        received: list[bytes] = []

        async def read() -> None:
            async for chunk in response:
                received.append(chunk)  # noqa: PERF401 - read while the loop runs

        task = asyncio.ensure_future(read())
        while not received:
            await asyncio.sleep(0.01)
        task.cancel()
        await asyncio.wait((task,))
        assert task.cancelled()
        return received

    assert asyncio.run(cancel_while_reading()) == [b': keep-alive\n\n']
    assert [f'{kind}-idle'] == CLOSED
