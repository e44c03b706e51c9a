"""Calling an ASGI application in-process, as an ASGI server would.

Requests are served one after another on one event loop: the body arrives
in a single ``http.request`` message, and the client stays connected until
the response is complete (Django watches for a disconnect meanwhile).
"""

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any

from benchmarks import payload
from benchmarks.wsgi import Response, Timing

Message = MutableMapping[str, Any]
ASGIApp = Callable[..., Awaitable[None]]
"""``app(scope, receive, send)``: loosely typed, as Django and Starlette differ."""


def scope(
    *,
    body: bytes = payload.BODY,
    query: str = payload.QUERY,
    headers: Mapping[str, str] = payload.HEADERS,
) -> dict[str, Any]:
    """The HTTP scope of the benchmark's request."""
    return {
        'type': 'http',
        'asgi': {'version': '3.0', 'spec_version': '2.3'},
        'http_version': '1.1',
        'method': 'POST',
        'scheme': 'http',
        'path': payload.PATH,
        'raw_path': payload.PATH.encode(),
        'query_string': query.encode(),
        'root_path': '',
        'headers': [
            (b'host', b'testserver'),
            (b'content-type', b'application/json'),
            (b'content-length', str(len(body)).encode()),
            *((name.lower().encode(), value.encode()) for name, value in headers.items()),
        ],
        'client': ('127.0.0.1', 50000),
        'server': ('testserver', 80),
    }


async def _serve(app: ASGIApp, request_scope: Mapping[str, Any], body: bytes) -> Response:
    pending = [{'type': 'http.request', 'body': body, 'more_body': False}]
    status = 0
    headers: dict[str, str] = {}
    chunks: list[bytes] = []

    async def receive() -> Message:
        if pending:
            return pending.pop()
        await asyncio.Event().wait()  # connected until cancelled
        raise AssertionError('unreachable')

    async def send(message: Message) -> None:
        nonlocal status
        if message['type'] == 'http.response.start':
            status = message['status']
            headers.update(
                (name.decode('latin-1').title(), value.decode('latin-1'))
                for name, value in message.get('headers', ())
            )
        elif message['type'] == 'http.response.body':
            chunks.append(message.get('body', b''))

    await app(dict(request_scope), receive, send)
    return Response(status, headers, b''.join(chunks))


class Client:
    """An ASGI application, and the one event loop it runs on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.scope = scope()
        self.runner = asyncio.Runner()

    def request(
        self,
        *,
        body: bytes = payload.BODY,
        query: str = payload.QUERY,
        headers: Mapping[str, str] = payload.HEADERS,
    ) -> Response:
        """Serve one request built from these parts."""
        request_scope = scope(body=body, query=query, headers=headers)
        return self.runner.run(_serve(self.app, request_scope, body))

    def loop(self, requests: int, body: bytes = payload.BODY) -> Timing:
        """Serve the benchmark's request (or the same with ``body``) ``requests`` times.

        Answers other than 201 are counted as failures.
        """
        request_scope = self.scope if body is payload.BODY else scope(body=body)

        async def serve_all() -> list[int]:
            return [(await _serve(self.app, request_scope, body)).status for _ in range(requests)]

        cpu = time.process_time()
        wall = time.perf_counter()
        statuses = self.runner.run(serve_all())
        wall = time.perf_counter() - wall
        cpu = time.process_time() - cpu
        failures = sum(status != 201 for status in statuses)
        return Timing(requests=requests, wall=wall, cpu=cpu, failures=failures)
