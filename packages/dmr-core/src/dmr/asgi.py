"""An ASGI handler that hands a request to a thread only when it runs sync code.

Django's :class:`~django.core.handlers.asgi.ASGIHandler` gives each request a
thread-sensitive context and sends the sync receivers of ``request_started``,
and ``response.close()`` (which sends ``request_finished``), to that
context's thread. The thread is created for the request and joined after it:
two thread hand-offs and one new OS thread per request, even when the view,
the middleware and every receiver are async or Django's own.

This handler keeps Django's model and skips only hand-offs that cannot have
an effect:

- ``request_started``: Django's own receivers (``reset_queries`` and
  ``close_old_connections``) act on the database connections of the thread
  they run in. Sent first thing in a fresh context, they would run in a
  thread created for them, which holds no connection: they do nothing, and
  are not called. Any other sync receiver keeps the hand-off.
- ``response.close()``: when the request never ran sync code (no thread was
  created for its context), the event loop's thread holds no database
  connection, the response is not streaming, and ``request_finished`` has
  no sync receivers but Django's own, the response is closed in place.
  Otherwise it is closed in the request's thread, as Django does, so that
  ``close_old_connections`` reaches the connections the request opened.
  When that thread is the request's own, its connections are closed there
  too: the thread ends with the request, so none of them could be reused
  (Django's handler leaves them open until the garbage collector finds
  them, whatever ``CONN_MAX_AGE`` says).

Adjacent ``MiddlewareMixin`` middleware share their hand-offs (one for
their ``process_request`` hooks, one for their ``process_response`` hooks,
one for adjacent sync ``process_view`` hooks): :mod:`dmr._asgi_middleware`.

It also refuses a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` while reading it
(multipart bodies excepted: their files do not count against the limit):
the rest of the body is read and dropped, never buffered, and reading
``request.body`` raises :class:`~django.core.exceptions.RequestDataTooBig`.

Use it in ``asgi.py`` in place of Django's function::

    from dmr.asgi import get_asgi_application

    application = get_asgi_application()
"""

import asyncio
import contextlib
import contextvars
import io
import tempfile
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import IO, Any, Final, cast

import django
from asgiref.sync import AsyncToSync, SyncToAsync, ThreadSensitiveContext, sync_to_async
from django.conf import settings
from django.core import signals
from django.core.cache import close_caches
from django.core.exceptions import RequestAborted, RequestDataTooBig
from django.core.handlers import asgi
from django.core.handlers.base import reset_urlconf
from django.db import close_old_connections, connections, reset_queries
from django.dispatch import Signal
from django.http import HttpResponseBase
from django.urls import set_script_prefix

from dmr._asgi_middleware import load_async_middleware

_OWN_CONTEXT: contextvars.ContextVar[ThreadSensitiveContext | None] = contextvars.ContextVar(
    'dmr_asgi_context',
    default=None,
)
"""The thread-sensitive context of the request being served, when it is its own."""

Receive = Callable[[], Awaitable[Mapping[str, Any]]]
Send = Callable[[Mapping[str, Any]], Awaitable[None]]

_STARTED_OWN: Final = frozenset({reset_queries, close_old_connections})
"""Django's sync receivers of ``request_started``: no-ops in a fresh thread."""
_FINISHED_OWN: Final = frozenset({close_old_connections, reset_urlconf, close_caches})
"""Django's sync receivers of ``request_finished``: safe in the loop's thread
when it holds no database connection."""


def get_asgi_application() -> 'ASGIHandler':
    """Set Django up and return the ASGI application of the project.

    The drop-in replacement of :func:`django.core.asgi.get_asgi_application`.
    """
    django.setup(set_prefix=False)
    return ASGIHandler()


class ASGIHandler(asgi.ASGIHandler):
    """Django's ASGI handler without the thread hand-offs nothing needs."""

    def load_middleware(self, is_async: bool = False) -> None:  # noqa: FBT001, FBT002  # Django's
        """Django's middleware chain; under ASGI, adjacent sync hooks share hand-offs."""
        if is_async:
            load_async_middleware(self)
        else:
            super().load_middleware(is_async=is_async)

    async def __call__(
        self,
        scope: dict[str, Any],
        receive: Receive,
        send: Send,
    ) -> None:
        """Serve one connection's request in a thread-sensitive context of its own."""
        if scope['type'] != 'http':
            raise ValueError(f'dmr.asgi serves HTTP connections only, not {scope["type"]!r}')
        context = ThreadSensitiveContext()
        async with context:
            # Set only when this request's context is the current one (not
            # nested in another): then its thread is the request's alone.
            token = _OWN_CONTEXT.set(context if context.token is not None else None)
            try:
                await self.handle(scope, receive, send)
            finally:
                _OWN_CONTEXT.reset(token)

    async def handle(
        self,
        scope: dict[str, Any],
        receive: Receive,
        send: Send,
    ) -> None:
        """Serve one HTTP request; called by ``__call__`` in a thread-sensitive context."""
        try:
            body_file, refused = await self.read_body_within_limit(scope, receive)
        except RequestAborted:
            return
        set_script_prefix(asgi.get_script_prefix(scope))
        await self._send_request_started(scope)
        created = self.create_request(scope, body_file)
        if created[0] is None:
            body_file.close()
            await self.send_response(created[1], send)
            await self._close(created[1])
            return
        request = created[0]
        response = await self._respond_unless_disconnected(
            request,
            body_file,
            receive,
            send,
            refused=refused,
        )
        if response is None:
            await self._send_request_finished()
        else:
            await self._close(response)
        body_file.close()

    async def read_body_within_limit(
        self,
        scope: Mapping[str, Any],
        receive: Receive,
    ) -> tuple[IO[bytes], bool]:
        """The request's body, and whether it was refused for its size.

        A refused body is not kept: reading it raises ``RequestDataTooBig``.
        """
        limit: int | None = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        declared, multipart = _declared_body(scope)
        if limit is None or multipart:
            return await self.read_body(receive), False
        if declared is not None and declared > limit:
            return _refused(), True
        return await _read_bounded(receive, limit)

    async def _respond_unless_disconnected(
        self,
        request: asgi.ASGIRequest,
        body_file: IO[bytes],
        receive: Receive,
        send: Send,
        *,
        refused: bool,
    ) -> HttpResponseBase | None:
        """The response sent, or ``None`` if the client left and the view was cancelled."""
        listen: Coroutine[Any, Any, None] = (
            _listen_after_refusal(receive) if refused else self.listen_for_disconnect(receive)
        )
        # The listener comes first: it raises nothing unexpected that would
        # keep the view's task from being cancelled.
        listener = asyncio.create_task(listen)
        worker = asyncio.create_task(self._respond(request, send))
        await asyncio.wait((listener, worker), return_when=asyncio.FIRST_COMPLETED)
        for task in (listener, worker):
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
                continue
            try:
                task.result()
            except RequestAborted:
                continue
            except AssertionError:
                body_file.close()
                raise
        if worker.cancelled():
            return None
        return worker.result()

    async def _respond(self, request: asgi.ASGIRequest, send: Send) -> HttpResponseBase:
        response = await self.run_get_response(request)
        # The client may leave while the response is being sent.
        with contextlib.suppress(asyncio.CancelledError):
            await self.send_response(response, send)
        return response

    async def _send_request_started(self, scope: Mapping[str, Any]) -> None:
        signal = signals.request_started
        sender = self.__class__
        if not _thread_free():
            await signal.asend(sender=sender, scope=scope)
            return
        sync_receivers, async_receivers = _receivers(signal, sender)
        if not _STARTED_OWN.issuperset(sync_receivers):
            await signal.asend(sender=sender, scope=scope)
        elif async_receivers:
            await asyncio.gather(
                *(
                    receiver(signal=signal, sender=sender, scope=scope)
                    for receiver in async_receivers
                ),
            )

    async def _send_request_finished(self) -> None:
        signal = signals.request_finished
        if _closes_in_place(signal, self.__class__):
            signal.send(sender=self.__class__)
            return
        await signal.asend(sender=self.__class__)
        if _own_thread():
            await sync_to_async(_close_connections)()

    async def _close(self, response: HttpResponseBase) -> None:
        if not response.streaming and _closes_in_place(
            signals.request_finished,
            getattr(response, '_handler_class', None),
        ):
            response.close()
        elif _own_thread():
            await sync_to_async(_close_then_release)(response)
        else:
            await sync_to_async(response.close)()


def _close_then_release(response: HttpResponseBase) -> None:
    """Close ``response`` in the request's thread, then the thread's database connections.

    The thread ends with the request, so no later request can reuse them,
    whatever ``CONN_MAX_AGE`` says; Django's handler leaves them to the
    garbage collector.
    """
    response.close()
    _close_connections()


def _close_connections() -> None:
    for connection in connections.all(initialized_only=True):
        connection.close()


class _RefusedBody(io.RawIOBase):
    """What stands for a body over the limit: reading it raises ``RequestDataTooBig``."""

    def readable(self) -> bool:
        return True

    def readinto(self, _buffer: Any, /) -> int:
        raise RequestDataTooBig(
            'Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.',
        )


def _refused() -> IO[bytes]:
    return cast('IO[bytes]', _RefusedBody())


def _declared_body(scope: Mapping[str, Any]) -> tuple[int | None, bool]:
    """The ``Content-Length`` the client declared (if any), and whether the body is multipart."""
    length: int | None = None
    multipart = False
    for name, value in scope.get('headers', ()):
        if name == b'content-length':
            try:
                length = int(value)
            except ValueError:
                length = None
        elif name == b'content-type':
            multipart = value[:10].lower() == b'multipart/'
    return length, multipart


async def _read_bounded(receive: Receive, limit: int) -> tuple[IO[bytes], bool]:
    """Read the body as Django does, and stop buffering it once it outgrows ``limit``."""
    message = await receive()
    chunks: list[bytes] = []
    size = 0
    while True:
        if message['type'] == 'http.disconnect':
            raise RequestAborted
        chunk: bytes = message.get('body', b'')
        size += len(chunk)
        if size > limit:
            # What is left is read and dropped by the disconnect listener.
            return _refused(), bool(message.get('more_body', False))
        chunks.append(chunk)
        if not message.get('more_body', False):
            break
        message = await receive()
    if size <= settings.FILE_UPLOAD_MAX_MEMORY_SIZE:
        return io.BytesIO(b''.join(chunks)), False
    spooled = tempfile.SpooledTemporaryFile(  # noqa: SIM115  # the request reads it; handle() closes it
        max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE,
        mode='w+b',
    )
    spooled.writelines(chunks)
    spooled.seek(0)
    return spooled, False


async def _listen_after_refusal(receive: Receive) -> None:
    """Drop the rest of a refused body, then wait for the client to leave."""
    while True:
        message = await receive()
        if message['type'] == 'http.disconnect':
            raise RequestAborted


def _thread_free() -> bool:
    """Whether sync code of this request would start in a thread of its own, holding nothing.

    True inside the request's own thread-sensitive context before any sync
    call made its thread, and not under ``async_to_sync`` (whose caller's
    thread would run the sync code instead).
    """
    context = _request_context()
    return context is not None and context not in SyncToAsync.context_to_thread_executor


def _own_thread() -> bool:
    """Whether this request made a thread of its own, which ends with the request."""
    context = _request_context()
    return context is not None and context in SyncToAsync.context_to_thread_executor


def _request_context() -> ThreadSensitiveContext | None:
    """The request's own thread-sensitive context, unless sync code would run elsewhere."""
    if getattr(AsyncToSync.executors, 'current', None) is not None:
        return None
    return _OWN_CONTEXT.get()


def _closes_in_place(signal: Signal, sender: object) -> bool:
    """Whether ``request_finished`` can be sent from the event loop's thread as it is.

    ``Signal.send`` cannot call async receivers from the loop's thread, so
    any async receiver keeps the hand-off too.
    """
    if not _thread_free() or connections.all(initialized_only=True):
        return False
    sync_receivers, async_receivers = _receivers(signal, sender)
    return not async_receivers and _FINISHED_OWN.issuperset(sync_receivers)


def _receivers(signal: Signal, sender: object) -> tuple[list[Any], list[Any]]:
    """The live sync and async receivers of ``signal`` for ``sender``."""
    # Django's own split into sync and async receivers, the one ``asend`` uses.
    found: tuple[list[Any], list[Any]] = signal._live_receivers(sender)
    return found
