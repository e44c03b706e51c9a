"""Test requests served by an ASGI application, as an ASGI server serves them.

:func:`serve` speaks the ASGI protocol to an application: it sends the
scope and the body's messages, and collects what the application sends back.
:class:`ServedHandler` is a handler for Django's test clients that serves
each request that way, through :class:`dmr.asgi.ASGIHandler` (or another
subclass of Django's ``ASGIHandler``) on an event loop of its own, so that
a project's tests run against the ASGI lane::

    client = Client()
    client.handler = ServedHandler()
    response = client.get('/api/tags/')

The response a test sees (:class:`ServedResponse`) is rebuilt from what
went over ASGI (status, headers, cookies, body), with the request as
``response.wsgi_request``; its body is read as the test reads it, so a
stream (a file, Server-Sent Events) arrives chunk by chunk. Each request
runs on an event loop of its own that the test's thread runs, outside any
``async_to_sync``: sync code of the request runs in the request's own
thread, with a database connection of its own, as under a server. A test
that writes rows the request must read therefore needs a transactional
database (``pytest.mark.django_db(transaction=True)``).
"""

import asyncio
from collections.abc import Awaitable, Callable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.handlers.asgi import ASGIHandler as DjangoASGIHandler
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpResponse, HttpResponseBase

from dmr.asgi import ASGIHandler
from dmr.testing.client import _mark_current

Message = MutableMapping[str, Any]
ASGIApp = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


@dataclass(frozen=True)
class Served:
    """What an application sent back for one request."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    complete: bool
    """Whether the application ended the response (a body message without ``more_body``)."""


async def serve(
    app: ASGIApp,
    scope: Mapping[str, Any],
    chunks: Sequence[bytes] = (b'',),
    *,
    ends: bool = True,
    leave: bool = False,
) -> Served:
    """Serve one request of ``scope`` whose body comes in ``chunks``, one message each.

    After the body, the client stays connected until the response is
    complete, then says ``http.disconnect``. ``ends=False``: the last chunk
    says more is coming, and nothing more comes. ``leave=True``: the client
    disconnects as soon as the body is sent.
    """
    pending: list[Message] = [
        {
            'type': 'http.request',
            'body': chunk,
            'more_body': index < len(chunks) - 1 or not ends,
        }
        for index, chunk in enumerate(chunks)
    ]
    done = asyncio.Event()
    status = 0
    headers: list[tuple[bytes, bytes]] = []
    body: list[bytes] = []

    async def receive() -> Message:
        if pending:
            return pending.pop(0)
        if not leave:
            await done.wait()
        return {'type': 'http.disconnect'}

    async def send(message: Message) -> None:
        nonlocal status
        if message['type'] == 'http.response.start':
            status = message['status']
            headers.extend((bytes(name), bytes(value)) for name, value in message['headers'])
        else:
            body.append(message.get('body', b''))
            if not message.get('more_body', False):
                done.set()

    await app(dict(scope), receive, send)
    return Served(status, headers, b''.join(body), done.is_set())


def scope_of(environ: Mapping[str, Any]) -> tuple[dict[str, Any], bytes]:
    """The ASGI scope and the body of the request a test client described as WSGI."""
    headers: list[tuple[bytes, bytes]] = []
    for key, value in environ.items():
        if key.startswith('HTTP_'):
            name = key[5:]
        elif key in {'CONTENT_TYPE', 'CONTENT_LENGTH'} and value:
            name = key
        else:
            continue
        headers.append((name.replace('_', '-').lower().encode(), str(value).encode('latin-1')))
    length = int(environ.get('CONTENT_LENGTH') or 0)
    body: bytes = environ['wsgi.input'].read(length) if length else b''
    scope = {
        'type': 'http',
        'asgi': {'version': '3.0', 'spec_version': '2.3'},
        'http_version': '1.1',
        'method': environ['REQUEST_METHOD'],
        'scheme': environ.get('wsgi.url_scheme', 'http'),
        'path': environ['PATH_INFO'].encode('latin-1').decode('utf-8'),
        'query_string': environ.get('QUERY_STRING', '').encode('latin-1'),
        'root_path': environ.get('SCRIPT_NAME', ''),
        'headers': headers,
        'client': (environ.get('REMOTE_ADDR', '127.0.0.1'), int(environ.get('REMOTE_PORT') or 0)),
        'server': (
            environ.get('SERVER_NAME', 'testserver'),
            int(environ.get('SERVER_PORT') or 80),
        ),
    }
    return scope, body


class _Exchange:
    """One request served on an event loop of its own, which runs only while the test reads.

    The test's thread drives the loop: the application runs until it sends
    a message the test waits for, then waits, as for a client that reads
    slowly, until the test reads on. When the test is done (the whole body
    read, or the response closed), the client disconnects and the
    application runs to its end.
    """

    def __init__(self, app: ASGIApp, scope: Mapping[str, Any], body: bytes) -> None:
        self._runner = asyncio.Runner()
        self._sent: asyncio.Queue[Message | None] = asyncio.Queue()
        self._gone = asyncio.Event()
        self.returned = False
        """Whether the application has returned."""
        self.open = True
        """Whether the client is still connected."""
        self._task = self._runner.run(self._start(app, dict(scope), body))

    async def _start(
        self,
        app: ASGIApp,
        scope: dict[str, Any],
        body: bytes,
    ) -> 'asyncio.Task[None]':
        request: list[Message] = [{'type': 'http.request', 'body': body, 'more_body': False}]

        async def receive() -> Message:
            if request:
                return request.pop()
            await self._gone.wait()
            return {'type': 'http.disconnect'}

        async def send(message: Message) -> None:
            self._sent.put_nowait(message)
            if message['type'] == 'http.response.body' and not message.get('more_body', False):
                self._gone.set()  # the whole response is in: the client goes

        async def application() -> None:
            await app(scope, receive, send)

        task = asyncio.create_task(application())
        task.add_done_callback(lambda _: self._sent.put_nowait(None))
        return task

    def receive(self) -> Message | None:
        """The application's next message, running it until it sends one.

        ``None`` once the application has returned.
        """
        return self._seen(self._runner.run(self._sent.get()))

    def sent(self) -> list[Message]:
        """The messages the application has sent and the test has not read, without running it."""
        messages: list[Message] = []
        while not self._sent.empty() and (message := self._seen(self._sent.get_nowait())):
            messages.append(message)
        return messages

    def _seen(self, message: Message | None) -> Message | None:
        """``message``; ``None`` (the application returned) raises what it raised, if anything."""
        if message is None:
            self.returned = True
            self.close()
            self._task.result()
        return message

    def close(self) -> None:
        """The client disconnects; the application hears it and runs to its end."""
        if not self.open:
            return
        self.open = False
        try:
            if not self._task.done():
                self._runner.run(self._leave())
        finally:
            self._runner.close()

    async def _leave(self) -> None:
        self._gone.set()
        await self._task


class ServedResponse(HttpResponse):
    """A response as it went over ASGI, whose body the test reads as it chooses.

    ``content`` (and the clients' ``json()``) waits for the whole body;
    iterating, or ``streaming_content``, reads it chunk by chunk as the
    application sends it, so a test reads an endless stream one event at a
    time. A body the application had sent whole by the time its headers were
    read is there already, and the request is over. Otherwise the request
    goes on while the test reads, and ends when the test has read the whole
    body or closes the response (``close()``): the client then disconnects.
    """

    def __init__(self, exchange: _Exchange, start: Message) -> None:
        # Not HttpResponse's own: it would set an empty body, and the body is the application's.
        HttpResponseBase.__init__(self, status=start['status'])
        self._exchange = exchange
        self._received: list[bytes] = []
        self._ended = False
        self._messages = 0
        del self.headers['Content-Type']
        for name, value in start.get('headers', ()):
            if bytes(name).lower() == b'set-cookie':
                self.cookies.load(bytes(value).decode('latin-1'))
            else:
                self.headers[bytes(name).decode('latin-1')] = bytes(value).decode('latin-1')
        for message in exchange.sent():
            self._take(message)
        if exchange.returned:
            self._finish()

    @property
    def streaming(self) -> bool:  # type: ignore[override]  # read-only here: what the application sent
        """Whether the body came, or is still coming, in more than one message."""
        return not self._ended or self._messages > 1

    @property
    def content(self) -> bytes:
        """The whole body, once the application has sent it all."""
        while not self._ended:
            self._read()
        return b''.join(self._received)

    @content.setter
    def content(self, value: Any) -> None:
        """The body is ``value`` from now on; the client stops reading."""
        self._received = [self.make_bytes(value)]
        self.close()

    @property
    def streaming_content(self) -> Iterator[bytes]:
        """The body's chunks, as the application sends them."""
        return self._chunks()

    def __iter__(self) -> Iterator[bytes]:
        return self._chunks()

    def _chunks(self) -> Iterator[bytes]:
        index = 0
        while True:
            while index < len(self._received):
                yield self._received[index]
                index += 1
            if self._ended:
                return
            self._read()

    def _read(self) -> None:
        message = self._exchange.receive()
        if message is None:
            self._finish()
        else:
            self._take(message)

    def _take(self, message: Message) -> None:
        self._messages += 1
        if message.get('body'):
            self._received.append(bytes(message['body']))
        if not message.get('more_body', False):
            self._finish()

    def _finish(self) -> None:
        self._ended = True
        self._exchange.close()

    def close(self) -> None:
        """The client goes away: the application hears ``http.disconnect``.

        Django's ``request_finished`` is not sent again: the application sent
        it when it ended the request, in its own process, as under a server.
        """
        self._ended = True
        self.closed = True
        self._exchange.close()


class ServedHandler:
    """A handler for Django's test ``Client`` that serves each request over ASGI.

    ``handler_class`` is the application's class, :class:`dmr.asgi.ASGIHandler`
    unless named; a fresh one serves each request, so that settings a test
    overrides (``MIDDLEWARE``...) apply. Each request answers a
    :class:`ServedResponse`. :meth:`close` disconnects every request still
    going on (a stream the test left unread): call it when the test ends.
    """

    def __init__(
        self,
        *,
        enforce_csrf_checks: bool = False,
        handler_class: type[DjangoASGIHandler] = ASGIHandler,
    ) -> None:
        self.enforce_csrf_checks = enforce_csrf_checks
        self.handler_class = handler_class
        self._exchanges: list[_Exchange] = []

    def __call__(self, environ: dict[str, Any]) -> HttpResponseBase:
        """Serve the request ``environ`` describes and answer what was sent back."""
        app = _recording(self.handler_class, enforce_csrf_checks=self.enforce_csrf_checks)
        scope, body = scope_of(environ)
        exchange = _Exchange(app, scope, body)
        start = exchange.receive()
        if start is None:
            exchange.close()
            raise RuntimeError(f'{self.handler_class.__name__} returned without a response')
        response = ServedResponse(exchange, start)
        response.wsgi_request = app.request  # type: ignore[attr-defined]  # as Django's client sets it
        self._exchanges = [*(each for each in self._exchanges if each.open), exchange]
        return response

    def close(self) -> None:
        """Disconnect every request whose response the test has not read to its end."""
        exchanges, self._exchanges = self._exchanges, []
        for exchange in exchanges:
            exchange.close()


class _Recording(DjangoASGIHandler):
    """Marks requests as Django's test handlers do, and keeps the last one."""

    enforce_csrf_checks = False
    request: ASGIRequest | None = None

    def create_request(
        self,
        scope: Mapping[str, Any],
        body_file: Any,
    ) -> tuple[ASGIRequest, None] | tuple[None, HttpResponseBase]:
        request, error = super().create_request(scope, body_file)
        if request is not None:
            request._dont_enforce_csrf_checks = not self.enforce_csrf_checks  # type: ignore[attr-defined]  # Django's test-client flag
            _mark_current(request)
            self.request = request
        return request, error  # type: ignore[return-value]  # one of the two is None


def _recording(handler_class: type[DjangoASGIHandler], *, enforce_csrf_checks: bool) -> _Recording:
    recording = type(f'Recording{handler_class.__name__}', (_Recording, handler_class), {})
    app: _Recording = recording()
    app.enforce_csrf_checks = enforce_csrf_checks
    return app
