"""The streamed response, served one chunk at a time by WSGI and ASGI alike.

Django buffers an iterator of the other kind whole (an async one under
WSGI, a sync one under ASGI): an endless stream would then send nothing and
grow forever. :class:`StreamResponse` bridges per chunk instead:

- under ASGI, a sync iterator is advanced by one ``next`` per chunk in the
  request's sync thread (``sync_to_async``, thread-sensitive), and closed
  there when the client goes away;
- under WSGI, an async iterator is advanced by one step per chunk on an
  event loop of the response's own, inside an ``asgiref``
  ``ThreadSensitiveContext``, so the sync work it awaits (the async ORM)
  runs in one thread of its own, whose database connections are closed when
  the stream ends. The server closes the response when the client goes
  away, which closes the iterator, so the generator's ``finally`` runs.
"""

import asyncio
import contextvars
from collections.abc import AsyncIterator, Coroutine, Generator, Iterator
from typing import Any, TypeVar

from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.db import connections
from django.http import StreamingHttpResponse

_T = TypeVar('_T')
END = object()
"""What :func:`next_or_end` returns when the iterator is done."""


class StreamResponse(StreamingHttpResponse):
    """A streamed response whose chunks are served without buffering, by either handler.

    ``chunks`` is closed however the response ends, even when something
    (a test client, a middleware) wrapped its streaming content since.
    """

    def __init__(self, chunks: Iterator[bytes] | AsyncIterator[bytes], **kwargs: Any) -> None:
        super().__init__(chunks, **kwargs)
        self.chunks = chunks

    def __iter__(self) -> Iterator[bytes]:
        if not self.is_async:
            return super().__iter__()
        bridge = _drive(_private(self, '_iterator'), self.chunks)
        _private(self, '_resource_closers').append(bridge.close)
        return bridge

    async def __aiter__(self) -> AsyncIterator[bytes]:
        iterator = _private(self, '_iterator')
        try:
            if self.is_async:
                async for part in iterator:
                    yield part
            else:
                step = sync_to_async(next_or_end, thread_sensitive=True)
                while (part := await step(iterator)) is not END:
                    yield part
        finally:
            for opened in (iterator, self.chunks):
                await _close(opened)


def next_or_end(iterator: Iterator[Any]) -> Any:
    """The next value of ``iterator``, or :data:`END`: ``StopIteration`` cannot cross threads."""
    return next(iterator, END)


def _private(response: StreamingHttpResponse, name: str) -> Any:
    """An attribute Django's response has and its type stubs do not show."""
    return response.__dict__[name]


def _drive(chunks: AsyncIterator[bytes], source: object) -> Generator[bytes]:
    """The chunks of ``chunks``, one loop step each, on a loop of their own.

    ``source`` (what ``chunks`` may wrap) is closed after them.
    """
    loop = asyncio.new_event_loop()
    context = contextvars.copy_context()
    threads = ThreadSensitiveContext()

    def run(step: Coroutine[Any, Any, _T]) -> _T:
        return loop.run_until_complete(loop.create_task(step, context=context))

    try:
        run(threads.__aenter__())  # type: ignore[no-untyped-call]  # asgiref leaves it unannotated
        while (part := run(_next(chunks))) is not END:
            yield part
    finally:
        try:
            run(_close(chunks))
            run(_close(source))
            run(sync_to_async(connections.close_all, thread_sensitive=True)())
            run(threads.__aexit__(None, None, None))  # type: ignore[no-untyped-call]  # as above
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()


async def _next(chunks: AsyncIterator[bytes]) -> Any:
    return await anext(chunks, END)


async def _close(chunks: object) -> None:
    """Close an async iterator, or a sync one in the thread that runs it."""
    close = getattr(chunks, 'aclose', None)
    if close is not None:
        await close()
        return
    close = getattr(chunks, 'close', None)
    if close is not None:
        await sync_to_async(close, thread_sensitive=True)()
