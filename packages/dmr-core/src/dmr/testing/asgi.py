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

The response a test sees is rebuilt from what went over ASGI (status,
headers, cookies, body), with the request as ``response.wsgi_request``.
Each request runs in ``asyncio.run`` on the test's thread, outside any
``async_to_sync``: sync code of the request runs in the request's own
thread, with a database connection of its own, as under a server. A test
that writes rows the request must read therefore needs a transactional
database (``pytest.mark.django_db(transaction=True)``).
"""

import asyncio
from collections.abc import Awaitable, Callable, Mapping, MutableMapping, Sequence
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


def rebuild(served: Served) -> HttpResponse:
    """A Django response holding what went over ASGI."""
    response = HttpResponse(served.body, status=served.status)
    del response.headers['Content-Type']
    for name, value in served.headers:
        if name.lower() == b'set-cookie':
            response.cookies.load(value.decode('latin-1'))
        else:
            response.headers[name.decode('latin-1')] = value.decode('latin-1')
    return response


class ServedHandler:
    """A handler for Django's test ``Client`` that serves each request over ASGI.

    ``handler_class`` is the application's class, :class:`dmr.asgi.ASGIHandler`
    unless named; a fresh one serves each request, so that settings a test
    overrides (``MIDDLEWARE``...) apply.
    """

    def __init__(
        self,
        *,
        enforce_csrf_checks: bool = False,
        handler_class: type[DjangoASGIHandler] = ASGIHandler,
    ) -> None:
        self.enforce_csrf_checks = enforce_csrf_checks
        self.handler_class = handler_class

    def __call__(self, environ: dict[str, Any]) -> HttpResponseBase:
        """Serve the request ``environ`` describes and answer what was sent back."""
        app = _recording(self.handler_class, enforce_csrf_checks=self.enforce_csrf_checks)
        scope, body = scope_of(environ)
        response = rebuild(asyncio.run(serve(app, scope, (body,))))
        response.wsgi_request = app.request  # type: ignore[attr-defined]  # as Django's client sets it
        return response


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
