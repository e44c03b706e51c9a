"""A URLconf, middleware and views that show what an ASGI handler does with sync and async code.

Everything that runs records itself in :data:`events`, with ``@thread`` when
it ran outside the event loop's thread.
"""

import asyncio
import threading
from collections.abc import Awaitable, Callable, Iterator

from django.contrib.auth.models import User
from django.core.exceptions import SynchronousOnlyOperation
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import path
from django.utils.decorators import async_only_middleware, sync_only_middleware

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
    path('failing/', failing),
    path('cookie/', cookie),
    path('echo/', Echo.as_view()),
    path('sync-echo/', SyncEcho.as_view()),
]
