"""Server-Sent Events: an async generator of typed events, resumed with Last-Event-ID."""

import asyncio

import msgspec
from django.test import AsyncRequestFactory
from dmr import Controller, Headers
from dmr.streaming import SSE, EventStream, LastEventId


class Price(msgspec.Struct):
    symbol: str
    cents: int


PRICES = [Price('ACME', 1250), Price('ACME', 1275), Price('ACME', 1240)]


class PriceFeed(Controller):
    async def get(self, headers: Headers[LastEventId]) -> EventStream[Price]:
        last = headers.get('last_event_id')
        start = 0 if last is None else int(last) + 1
        for index in range(start, len(PRICES)):
            await asyncio.sleep(0)  # waiting for the next price
            yield SSE(PRICES[index], id=str(index), event='price')


async def main() -> None:
    view = PriceFeed.as_view()
    request = AsyncRequestFactory().get('/prices/', headers={'Last-Event-ID': '0'})
    response = await view(request)
    assert response['Content-Type'] == 'text/event-stream'
    assert response['Cache-Control'] == 'no-cache'
    body = b''.join([chunk async for chunk in response])
    assert body == (
        b'id: 1\nevent: price\ndata: {"symbol":"ACME","cents":1275}\n\n'
        b'id: 2\nevent: price\ndata: {"symbol":"ACME","cents":1240}\n\n'
    )


asyncio.run(main())
