"""The streamed response, served one chunk at a time by WSGI and ASGI alike.

Django buffers an iterator of the other kind whole (an async one under
WSGI, a sync one under ASGI): an endless stream would then send nothing and
grow forever. :class:`StreamResponse` bridges per chunk instead:

- under ASGI, a sync iterator is advanced by one ``next`` per chunk in the
  request's sync thread (``sync_to_async``, thread-sensitive), and closed
  there when the client goes away;
- under WSGI, an async iterator runs on one event loop of the response's
  own, in one thread of its own, for the whole stream, inside an
  ``asgiref`` ``ThreadSensitiveContext`` (so the sync work it awaits, the
  async ORM, runs in one more thread, whose database connections are closed
  when the stream ends). Each chunk is handed to the server's thread as soon
  as it is made, at most ``AHEAD`` chunks ahead of what the server wrote.
  The server closes the response when the client goes away, which cancels
  the loop's wait and closes the iterator, so the generator's ``finally``
  runs before ``close()`` returns.
"""

import asyncio
import contextlib
import contextvars
import queue
import threading
from collections.abc import AsyncIterator, Generator, Iterator
from typing import Any

from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.db import connections
from django.http import StreamingHttpResponse

AHEAD = 16
"""How many chunks an async stream under WSGI may make ahead of the server's writes."""

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


class _Closed(Exception):  # noqa: N818 - a signal between two threads, not an error
    """The server closed the response: stop making chunks."""


class _Failed:
    """An exception the chunks raised, carried to the server's thread."""

    __slots__ = ('error',)

    def __init__(self, error: BaseException) -> None:
        self.error = error


def _drive(chunks: AsyncIterator[bytes], source: object) -> Generator[bytes]:
    """The chunks of ``chunks``, made on a loop and a thread of their own, each sent as made.

    ``source`` (what ``chunks`` may wrap) is closed after them.
    """
    bridge = _Bridge(chunks, source)
    thread = threading.Thread(
        target=contextvars.copy_context().run,
        args=(bridge.run,),
        name='dmr-stream',
        daemon=True,
    )
    thread.start()
    try:
        while (part := bridge.handoff.get()) is not END:
            if isinstance(part, _Failed):
                raise part.error
            bridge.room.release()
            yield part
    finally:
        bridge.stop()
        if threading.current_thread() is not thread:  # a finalizer may run anywhere
            thread.join()


class _Bridge:
    """One async stream's event loop, and the hand-off of its chunks to the server's thread."""

    __slots__ = ('chunks', 'closing', 'handoff', 'loop', 'making', 'room', 'source')

    def __init__(self, chunks: AsyncIterator[bytes], source: object) -> None:
        self.chunks = chunks
        self.source = source
        self.handoff: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.room = threading.Semaphore(AHEAD)
        self.closing = threading.Event()
        self.loop = asyncio.new_event_loop()
        self.making: list[asyncio.Task[None]] = []

    def run(self) -> None:
        """The stream's thread: make every chunk, then close what was opened."""
        try:
            self.loop.run_until_complete(self._pump())
        except BaseException as exc:
            self.handoff.put(_Failed(exc))
        finally:
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
            self.loop.close()

    def stop(self) -> None:
        """The server's thread: no more chunks; a wait for the next one is cancelled."""
        self.closing.set()
        self.room.release()
        if self.making:
            # The loop is closed once the stream's thread is done: nothing to cancel then.
            with contextlib.suppress(RuntimeError):
                self.loop.call_soon_threadsafe(self.making[0].cancel)

    def _hand(self, item: object) -> None:
        self.room.acquire()
        if self.closing.is_set():
            raise _Closed
        self.handoff.put(item)

    async def _make(self) -> None:
        async for part in self.chunks:
            self._hand(part)
        self._hand(END)

    async def _pump(self) -> None:
        async with ThreadSensitiveContext():
            self.making.append(asyncio.ensure_future(self._make()))
            try:
                await self.making[0]
            except (_Closed, asyncio.CancelledError):
                pass
            except Exception as exc:
                self.handoff.put(_Failed(exc))
            finally:
                await _close(self.chunks)
                await _close(self.source)
                await sync_to_async(connections.close_all, thread_sensitive=True)()


async def _close(chunks: object) -> None:
    """Close an async iterator, or a sync one in the thread that runs it."""
    close = getattr(chunks, 'aclose', None)
    if close is not None:
        await close()
        return
    close = getattr(chunks, 'close', None)
    if close is not None:
        await sync_to_async(close, thread_sensitive=True)()
