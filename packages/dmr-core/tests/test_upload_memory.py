"""A 50 MB upload is streamed to disk: the process's memory does not hold it.

The body is generated while the server reads it (it never exists whole in
this process either), sent through Django's WSGI and ASGI handlers, and
Python's allocations are traced: their peak must stay far below the file's
size. Under ASGI, Django first copies the whole body into a temporary file
(in memory up to ``FILE_UPLOAD_MAX_MEMORY_SIZE``, then on disk) before the
view runs, so the upload's limits are checked only after the client sent it
all; the memory bound holds there too.
"""

import asyncio
import dataclasses
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import path

from dmr import Controller, Files
from dmr.files import UploadedFile
from dmr.parsers import MultipartParser
from tests.asgi_scopes import put_scope

pytestmark = pytest.mark.urls('tests.test_upload_memory')

SIZE = 50 * 1024 * 1024
BOUNDARY = b'memoryboundary'
HEAD = (
    b'--' + BOUNDARY + b'\r\nContent-Disposition: form-data; name="upload"; filename="big.bin"\r\n'
    b'Content-Type: application/octet-stream\r\n\r\n'
)
TAIL = b'\r\n--' + BOUNDARY + b'--\r\n'
CHUNK = b'x' * (256 * 1024)
#: Far below the file's size: Django's chunks, the parser's buffers, the app.
ALLOWED_PEAK = 8 * 1024 * 1024


@dataclasses.dataclass
class Big:
    upload: UploadedFile


class BigUploads(Controller):
    parsers = (MultipartParser(),)

    def put(self, files: Files[Big]) -> int:
        return files.upload.size or 0


class AsyncBigUploads(Controller):
    parsers = (MultipartParser(),)

    async def put(self, files: Files[Big]) -> int:
        return files.upload.size or 0


LIMIT = 1024 * 1024


class Limited(Controller):
    parsers = (MultipartParser(max_request_size=LIMIT),)

    def put(self, files: Files[Big]) -> int:
        raise AssertionError('refused before the endpoint')


class AsyncLimited(Controller):
    parsers = (MultipartParser(max_request_size=LIMIT),)

    async def put(self, files: Files[Big]) -> int:
        raise AssertionError('refused before the endpoint')


urlpatterns = [
    path('big/', BigUploads.as_view()),
    path('async-big/', AsyncBigUploads.as_view()),
    path('limited/', Limited.as_view()),
    path('async-limited/', AsyncLimited.as_view()),
]


def _pieces() -> Any:
    yield HEAD
    sent = 0
    while sent < SIZE:
        yield CHUNK
        sent += len(CHUNK)
    yield TAIL


class GeneratedInput:
    """A ``wsgi.input`` that makes the body as it is read."""

    def __init__(self) -> None:
        self.pieces = _pieces()
        self.pending = b''
        self.consumed = 0

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self.pending) < size:
            piece = next(self.pieces, None)
            if piece is None:
                break
            self.pending += piece
        chunk, self.pending = (
            (self.pending, b'') if size < 0 else (self.pending[:size], self.pending[size:])
        )
        self.consumed += len(chunk)
        return chunk

    def readline(self, size: int = -1) -> bytes:
        """Django's stream wrapper asks for it; a multipart parser never calls it."""
        return self.read(size)


@pytest.fixture(autouse=True)
def no_database_between_requests() -> Iterator[None]:
    """Django's handlers close old database connections; these tests have none.

    Django's test client does the same: the signal is disconnected while a
    request runs through the handler.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


LENGTH = len(HEAD) + SIZE + len(TAIL)
CONTENT_TYPE = 'multipart/form-data; boundary=' + BOUNDARY.decode()


def _traced(run: Any) -> tuple[Any, int]:
    tracemalloc.start()
    try:
        result = run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def _environ(url: str, stream: GeneratedInput) -> dict[str, Any]:
    return {
        'REQUEST_METHOD': 'PUT',
        'PATH_INFO': url,
        'SERVER_NAME': 'testserver',
        'SERVER_PORT': '80',
        'wsgi.url_scheme': 'http',
        'wsgi.input': stream,
        'CONTENT_TYPE': CONTENT_TYPE,
        'CONTENT_LENGTH': str(LENGTH),
    }


def test_wsgi_upload_of_50_mb_stays_out_of_memory() -> None:
    """Under WSGI the file streams to disk while read; memory peaks far below 50 MB."""
    environ = _environ('/big/', GeneratedInput())
    statuses: list[str] = []

    def run() -> bytes:
        response = WSGIHandler()(environ, lambda status, _headers: statuses.append(status))
        try:
            return b''.join(response)
        finally:
            response.close()

    body, peak = _traced(run)
    assert statuses == ['200 OK'], body
    assert body == str(SIZE).encode()
    assert peak < ALLOWED_PEAK, f'peak {peak / 2**20:.1f} MiB'


def test_wsgi_refuses_a_body_over_the_limit_while_reading_it() -> None:
    """Under WSGI a body over ``max_request_size`` is refused after reading about the limit."""
    stream = GeneratedInput()
    statuses: list[str] = []
    response = WSGIHandler()(
        _environ('/limited/', stream),
        lambda status, _headers: statuses.append(status),
    )
    response.close()
    # The phrase is Django's: 'Request Entity Too Large' before 6.0, 'Content Too Large' after.
    assert [status.split()[0] for status in statuses] == ['413']
    assert stream.consumed <= 2 * LIMIT


def _asgi(url: str) -> tuple[list[dict[str, Any]], int, int]:
    """The messages sent, the bytes the client got to send, and the peak of memory."""
    scope = put_scope(
        url,
        (b'content-type', CONTENT_TYPE.encode()),
        (b'content-length', str(LENGTH).encode()),
    )
    pieces = _pieces()
    sent: list[dict[str, Any]] = []
    finished = False
    received = 0

    async def receive() -> dict[str, Any]:
        nonlocal finished, received
        if finished:  # the client waits for the answer and never disconnects
            await asyncio.Event().wait()
        piece = next(pieces, None)
        if piece is None:
            finished = True
            return {'type': 'http.request', 'body': b'', 'more_body': False}
        received += len(piece)
        return {'type': 'http.request', 'body': piece, 'more_body': True}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    _, peak = _traced(lambda: asyncio.run(ASGIHandler()(scope, receive, send)))
    return sent, received, peak


def test_asgi_upload_of_50_mb_stays_out_of_memory() -> None:
    """Under ASGI Django spools the body first; memory still peaks far below 50 MB."""
    sent, _, peak = _asgi('/async-big/')
    assert sent[0]['status'] == 200, sent
    assert b''.join(message.get('body', b'') for message in sent[1:]) == str(SIZE).encode()
    assert peak < ALLOWED_PEAK, f'peak {peak / 2**20:.1f} MiB'


def test_asgi_reads_the_whole_body_before_refusing_it() -> None:
    """Under ASGI Django takes the whole body before the view: the limit answers after it."""
    sent, received, _ = _asgi('/async-limited/')
    assert sent[0]['status'] == 413
    assert received >= SIZE
