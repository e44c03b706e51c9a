"""Calling Django's WSGI handler in-process, as a WSGI server would.

A prepared environ is copied for each request and given a fresh
``wsgi.input``; the response is iterated and closed, which sends Django's
``request_finished``. Nothing else runs between two requests.
"""

import io
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from benchmarks import payload

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def environ(
    *,
    body: bytes = payload.BODY,
    query: str = payload.QUERY,
    headers: Mapping[str, str] = payload.HEADERS,
) -> dict[str, Any]:
    """The WSGI environ of the benchmark's request, without ``wsgi.input``."""
    env: dict[str, Any] = {
        'REQUEST_METHOD': 'POST',
        'SCRIPT_NAME': '',
        'PATH_INFO': payload.PATH,
        'QUERY_STRING': query,
        'CONTENT_TYPE': 'application/json',
        'CONTENT_LENGTH': str(len(body)),
        'SERVER_NAME': 'testserver',
        'SERVER_PORT': '80',
        'SERVER_PROTOCOL': 'HTTP/1.1',
        'REMOTE_ADDR': '127.0.0.1',
        'wsgi.version': (1, 0),
        'wsgi.url_scheme': 'http',
        'wsgi.errors': sys.stderr,
        'wsgi.multithread': False,
        'wsgi.multiprocess': True,
        'wsgi.run_once': False,
    }
    for name, value in headers.items():
        env['HTTP_' + name.upper().replace('-', '_')] = value
    return env


@dataclass(frozen=True)
class Response:
    """What the handler answered."""

    status: int
    headers: dict[str, str]
    body: bytes


def call(app: WSGIApp, env: Mapping[str, Any], body: bytes) -> Response:
    """Serve one request and collect the whole response."""
    started: list[tuple[str, list[tuple[str, str]]]] = []

    def start_response(status: str, headers: list[tuple[str, str]], _exc: Any = None) -> None:
        started.append((status, headers))

    result = app({**env, 'wsgi.input': io.BytesIO(body)}, start_response)
    try:
        content = b''.join(result)
    finally:
        getattr(result, 'close', lambda: None)()
    status, headers = started[0]
    return Response(int(status.split(' ', 1)[0]), dict(headers), content)


@dataclass(frozen=True)
class Timing:
    """One round of one framework."""

    requests: int
    wall: float
    cpu: float
    failures: int


def loop(app: WSGIApp, env: Mapping[str, Any], body: bytes, requests: int) -> Timing:
    """Serve ``requests`` identical requests; count answers other than 201."""
    statuses: list[str] = []

    def start_response(status: str, _headers: Any, _exc: Any = None) -> None:
        statuses.append(status)

    base = dict(env)
    cpu = time.process_time()
    wall = time.perf_counter()
    for _ in range(requests):
        request = base.copy()
        request['wsgi.input'] = io.BytesIO(body)
        result = app(request, start_response)
        for _chunk in result:
            pass
        result.close()  # type: ignore[attr-defined]  # Django's responses have close()
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu
    failures = sum(not status.startswith('201') for status in statuses)
    return Timing(requests=requests, wall=wall, cpu=cpu, failures=failures)


class Client:
    """A WSGI application served the benchmark's request, or a variation of it."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app
        self.environ = environ()

    def request(
        self,
        *,
        body: bytes = payload.BODY,
        query: str = payload.QUERY,
        headers: Mapping[str, str] = payload.HEADERS,
    ) -> Response:
        """Serve one request built from these parts."""
        return call(self.app, environ(body=body, query=query, headers=headers), body)

    def loop(self, requests: int, body: bytes = payload.BODY) -> Timing:
        """Serve the benchmark's request, or the same with ``body``, ``requests`` times."""
        env = self.environ if body is payload.BODY else environ(body=body)
        return loop(self.app, env, body, requests)
