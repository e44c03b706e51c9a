"""Streaming controllers, sync and async, for the in-process tests and the real servers.

Every stream notes that its generator was closed (its ``finally`` ran) in
``CLOSED`` and, when ``STREAM_CLOSED_DIR`` is set, in a file of that folder
named for the stream, which a test in another process reads.
"""

import asyncio
import dataclasses
import os
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated

from django.contrib.auth.models import User as DjangoUser

from dmr import Controller, Headers
from dmr.routing import path
from dmr.streaming import SSE, EventStream, JsonLines, KeepAlive, LastEventId

CLOSED: list[str] = []


@dataclasses.dataclass
class Tick:
    n: int


def closed(name: str) -> None:
    """Note that the generator of the stream ``name`` was closed."""
    CLOSED.append(name)
    folder = os.environ.get('STREAM_CLOSED_DIR')
    if folder:
        Path(folder, name).write_text('closed')


def _first(headers: LastEventId) -> int:
    last = headers.get('last_event_id')
    return 0 if last is None else int(last) + 1


class SyncTicks(Controller):
    def get(self, headers: Headers[LastEventId]) -> EventStream[Tick]:
        try:
            for n in range(_first(headers), 3):
                yield SSE(Tick(n), id=str(n), event='tick', retry=500) if n else Tick(n)
        finally:
            closed('sync-ticks')


class AsyncTicks(Controller):
    async def get(self, headers: Headers[LastEventId]) -> EventStream[Tick]:
        try:
            for n in range(_first(headers), 3):
                await asyncio.sleep(0)
                yield SSE(Tick(n), id=str(n), event='tick', retry=500) if n else Tick(n)
        finally:
            closed('async-ticks')


class SyncInvalid(Controller):
    def get(self) -> JsonLines[Tick]:
        try:
            yield Tick(1)
            yield {'n': 'two'}  # type: ignore[misc]  # the invalid event under test
            yield Tick(3)
        finally:
            closed('sync-invalid')


class AsyncInvalid(Controller):
    async def get(self) -> JsonLines[Tick]:
        try:
            yield Tick(1)
            yield {'n': 'two'}  # type: ignore[misc]  # the invalid event under test
            yield Tick(3)
        finally:
            closed('async-invalid')


class SyncBroken(Controller):
    def get(self) -> EventStream[Tick]:
        yield Tick(1)
        raise RuntimeError('the database went away')


class AsyncBroken(Controller):
    async def get(self) -> EventStream[Tick]:
        yield Tick(1)
        raise RuntimeError('the database went away')


class SyncEndless(Controller):
    def get(self) -> EventStream[Tick]:
        n = 0
        try:
            while True:
                yield Tick(n)
                n += 1
                time.sleep(0.02)
        finally:
            closed('sync-endless')


class AsyncEndless(Controller):
    async def get(self) -> EventStream[Tick]:
        n = 0
        try:
            while True:
                yield Tick(n)
                n += 1
                await asyncio.sleep(0.02)
        finally:
            closed('async-endless')


class SyncIdle(Controller):
    def get(self) -> Annotated[EventStream[Tick], KeepAlive(0.05)]:
        try:
            time.sleep(0.3)
            yield Tick(1)
        finally:
            closed('sync-idle')


class AsyncIdle(Controller):
    async def get(self) -> Annotated[EventStream[Tick], KeepAlive(0.05)]:
        try:
            await asyncio.sleep(0.3)
            yield Tick(1)
        finally:
            closed('async-idle')


class AsyncQuiet(Controller):
    """Never sends an event: only its keep-alive comments can tell that the client left."""

    async def get(self) -> Annotated[EventStream[Tick], KeepAlive(0.05)]:
        try:
            while True:
                await asyncio.sleep(0.05)
                if False:  # an event that never comes
                    yield Tick(0)
        finally:
            closed('async-quiet')


class AsyncPause(Controller):
    """Sends one event, then waits an hour for the next."""

    async def get(self) -> EventStream[Tick]:
        try:
            yield Tick(0)
            await asyncio.sleep(3600)
            yield Tick(1)
        finally:
            closed('async-pause')


class AsyncFlood(Controller):
    """Makes events as fast as it can, never awaiting anything."""

    async def get(self) -> EventStream[Tick]:
        n = 0
        try:
            while True:
                yield Tick(n)
                n += 1
        finally:
            closed('async-flood')


class SyncExport(Controller):
    def get(self) -> JsonLines[Tick]:
        return iter([Tick(1), Tick(2)])


class AsyncExport(Controller):
    async def get(self) -> JsonLines[Tick]:
        return _ticks(2)


async def _ticks(count: int) -> AsyncIterator[Tick]:
    for n in range(1, count + 1):
        yield Tick(n)


class SyncUsers(Controller):
    """Counts the users with the ORM, once per event."""

    def get(self) -> EventStream[Tick]:
        for _ in range(3):
            yield Tick(DjangoUser.objects.count())


class AsyncUsers(Controller):
    """Counts the users with the async ORM, once per event."""

    async def get(self) -> EventStream[Tick]:
        for _ in range(3):
            yield Tick(await DjangoUser.objects.acount())


def _pair(name: str, sync: type[Controller], async_: type[Controller]) -> list[object]:
    return [path(f'sync/{name}/', sync.as_view()), path(f'async/{name}/', async_.as_view())]


urlpatterns = [
    *_pair('ticks', SyncTicks, AsyncTicks),
    *_pair('invalid', SyncInvalid, AsyncInvalid),
    *_pair('broken', SyncBroken, AsyncBroken),
    *_pair('endless', SyncEndless, AsyncEndless),
    *_pair('idle', SyncIdle, AsyncIdle),
    *_pair('export', SyncExport, AsyncExport),
    *_pair('users', SyncUsers, AsyncUsers),
    path('async/quiet/', AsyncQuiet.as_view()),
    path('async/pause/', AsyncPause.as_view()),
    path('async/flood/', AsyncFlood.as_view()),
]
