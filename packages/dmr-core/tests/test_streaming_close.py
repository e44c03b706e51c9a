"""A client that stops reading mid-stream: the generator is closed, its ``finally`` runs."""

import asyncio
import time

import pytest
from django.test import AsyncClient, Client

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
