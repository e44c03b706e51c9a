"""A URLconf, middleware and views that show what an ASGI handler does with sync and async code.

Everything that runs records itself in :data:`events`, with ``@thread`` when
it ran outside the event loop's thread.
"""

import asyncio
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

from asgiref.sync import markcoroutinefunction
from django.contrib.auth.models import User
from django.core.exceptions import (
    MiddlewareNotUsed,
    PermissionDenied,
    SuspiciousOperation,
    SynchronousOnlyOperation,
)
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import path
from django.utils.decorators import async_only_middleware, sync_only_middleware
from django.utils.deprecation import MiddlewareMixin

from dmr import Body, Controller
from tests.models import UserCreate

events: list[str] = []
loop_thread: list[int] = []
"""The identity of the thread running the event loop of the current test."""


def record(event: str) -> None:
    """Note ``event``, and whether it ran outside the event loop's thread."""
    away = bool(loop_thread) and threading.get_ident() != loop_thread[0]
    events.append(f'{event}@thread' if away else event)


@sync_only_middleware
def sync_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., object]:
    def middleware(request: HttpRequest) -> HttpResponse:
        record('sync-middleware:request')
        response = get_response(request)
        record('sync-middleware:response')
        return response

    return middleware


@async_only_middleware
def async_middleware(
    get_response: Callable[[HttpRequest], Awaitable[HttpResponse]],
) -> Callable[..., object]:
    async def middleware(request: HttpRequest) -> HttpResponse:
        record('async-middleware:request')
        response = await get_response(request)
        record('async-middleware:response')
        return response

    return middleware


class Recording(MiddlewareMixin):
    """Records its hooks; answers, raises or stops the view on paths that name it."""

    name = ''

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        record(f'{self.name}:request')
        if request.path == f'/answer-{self.name}/':
            return HttpResponse(f'answered by {self.name}')
        if request.path == f'/raise-request-{self.name}/':
            raise PermissionDenied(self.name)
        return None

    def process_view(self, request: HttpRequest, *args: object) -> HttpResponse | None:
        record(f'{self.name}:view')
        if request.path == f'/view-{self.name}/':
            return HttpResponse(f'view stopped by {self.name}')
        return None

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        record(f'{self.name}:response')
        if request.path == f'/raise-response-{self.name}/':
            raise SuspiciousOperation(self.name)
        response[f'X-Seen-By-{self.name}'] = 'yes'
        return response


class RecordingA(Recording):
    name = 'a'


class RecordingB(Recording):
    name = 'b'


class OnlyResponse(MiddlewareMixin):
    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        record('only-response')
        return response


class NotUsed(MiddlewareMixin):
    def __init__(self, get_response: Callable[..., object]) -> None:
        raise MiddlewareNotUsed


class AsyncViewHook:
    """Async middleware with an async ``process_view``."""

    sync_capable = False
    async_capable = True

    def __init__(self, get_response: Callable[[HttpRequest], Awaitable[HttpResponse]]) -> None:
        self.get_response = get_response
        markcoroutinefunction(self)

    async def __call__(self, request: HttpRequest) -> HttpResponse:
        return await self.get_response(request)

    async def process_view(self, request: HttpRequest, *args: object) -> None:
        record('async-view-hook')


def sync_view(request: HttpRequest) -> HttpResponse:
    record('sync-view')
    return HttpResponse('sync', headers={'X-View': 'sync'})


async def async_view(request: HttpRequest) -> HttpResponse:
    record('async-view')
    return HttpResponse('async', headers={'X-View': 'async'})


async def orm_from_async(request: HttpRequest) -> HttpResponse:
    """Touches the ORM the sync way from async code; answers what Django raised."""
    try:
        User.objects.count()
    except SynchronousOnlyOperation as error:
        return HttpResponse(type(error).__name__)
    return HttpResponse('no guard')  # pragma: no cover  # the guard always fires


async def orm_async(request: HttpRequest) -> HttpResponse:
    """The async ORM: one query, in the request's thread."""
    return HttpResponse(str(await User.objects.acount()))


def body_length(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(len(request.body)))


def upload(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(request.FILES['file'].size))


async def slow(request: HttpRequest) -> HttpResponse:
    record('slow:started')
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        record('slow:cancelled')
        raise
    return HttpResponse('too late')  # pragma: no cover  # always cancelled


def streaming(request: HttpRequest) -> StreamingHttpResponse:
    def parts() -> Iterator[bytes]:
        try:
            yield b'a'
            yield b'b'
        finally:
            record('stream:closed')

    return StreamingHttpResponse(parts())


def ticks(request: HttpRequest) -> StreamingHttpResponse:
    """An endless stream: one numbered tick at a time, as the client reads."""

    async def parts() -> AsyncIterator[bytes]:
        number = 0
        try:
            while True:
                number += 1
                await asyncio.sleep(0)
                yield f'tick {number}\n'.encode()
        finally:
            record('ticks:closed')

    return StreamingHttpResponse(parts())


def nothing_streamed(request: HttpRequest) -> StreamingHttpResponse:
    async def parts() -> AsyncIterator[bytes]:
        return
        yield b''  # pragma: no cover  # makes this an async generator that yields nothing

    return StreamingHttpResponse(parts())


def cookie(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(request.COOKIES.get('seen', 'first'))
    response.set_cookie('seen', 'again')
    return response


def failing(request: HttpRequest) -> HttpResponse:
    raise RuntimeError('internals')


class Echo(Controller):
    async def post(self, user: Body[UserCreate]) -> str:
        return user.email


class SyncEcho(Controller):
    def post(self, user: Body[UserCreate]) -> str:
        return user.email


urlpatterns = [
    path('sync/', sync_view),
    path('async/', async_view),
    path('orm-from-async/', orm_from_async),
    path('orm-async/', orm_async),
    path('body-length/', body_length),
    path('upload/', upload),
    path('slow/', slow),
    path('streaming/', streaming),
    path('ticks/', ticks),
    path('nothing-streamed/', nothing_streamed),
    path('failing/', failing),
    path('cookie/', cookie),
    path('view-a/', async_view),
    path('view-b/', sync_view),
    path('echo/', Echo.as_view()),
    path('sync-echo/', SyncEcho.as_view()),
]
