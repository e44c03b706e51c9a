"""Keep-alive comments at an interval of your choice (50 ms here, so the sample runs fast)."""

import asyncio
from typing import Annotated

import msgspec
from django.test import AsyncRequestFactory
from dmr import Controller
from dmr.streaming import EventStream, KeepAlive


class Tick(msgspec.Struct):
    n: int


class Slow(Controller):
    async def get(self) -> Annotated[EventStream[Tick], KeepAlive(seconds=0.05)]:
        await asyncio.sleep(0.12)  # nothing to send for a while
        yield Tick(1)


async def main() -> None:
    response = await Slow.as_view()(AsyncRequestFactory().get('/slow/'))
    body = b''.join([chunk async for chunk in response])
    assert body.startswith(b': keep-alive\n\n')
    assert body.endswith(b'data: {"n":1}\n\n')


asyncio.run(main())
