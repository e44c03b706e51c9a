"""A multipart body without ``Content-Length`` keeps small files in memory.

Django decides from ``Content-Length`` whether uploads stay in memory; a
chunked body has none. Each file then follows ``FILE_UPLOAD_MAX_MEMORY_SIZE``
on its own as the body streams: a small file stays in memory, a large one
goes to a temporary file. The bodies here come as a server hands them over:
under WSGI an input a server terminates (``wsgi.input_terminated``, as
gunicorn sets it for a chunked request), under ASGI messages without a
``content-length`` header.
"""

import asyncio
import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import InMemoryUploadedFile, TemporaryUploadedFile
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from django.urls import path

from dmr import Controller, Files
from dmr.files import UploadedFile
from dmr.parsers import MultipartParser
from tests.asgi_scopes import put_scope

pytestmark = pytest.mark.urls('tests.test_upload_spill')

MEMORY = 1000
SMALL = b's' * (MEMORY // 2)
LARGE = b'L' * (MEMORY * 3)
BOUNDARY = b'spillboundary'
CONTENT_TYPE = b'multipart/form-data; boundary=' + BOUNDARY


def _part(name: str, content: bytes) -> bytes:
    return (
        b'--' + BOUNDARY + b'\r\nContent-Disposition: form-data; name="' + name.encode() + b'"; '
        b'filename="'
        + name.encode()
        + b'.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'
        + content
        + b'\r\n'
    )


def _body(**files: bytes) -> bytes:
    return b''.join(_part(name, content) for name, content in files.items()) + (
        b'--' + BOUNDARY + b'--\r\n'
    )


def _where(upload: UploadedFile) -> list[Any]:
    kind = (
        'memory'
        if isinstance(upload, InMemoryUploadedFile)
        else 'disk'
        if isinstance(upload, TemporaryUploadedFile)
        else type(upload).__name__
    )
    return [kind, upload.read().decode()[:1], upload.size]


class Pair(Controller):
    parsers = (MultipartParser(),)

    def put(self, files: Files[dict[str, UploadedFile]]) -> dict[str, list[Any]]:
        return {name: _where(upload) for name, upload in files.items()}


class AsyncPair(Controller):
    parsers = (MultipartParser(),)

    async def put(self, files: Files[dict[str, UploadedFile]]) -> dict[str, list[Any]]:
        return {name: _where(upload) for name, upload in files.items()}


class Capped(Controller):
    parsers = (MultipartParser(max_file_size=MEMORY * 2),)

    def put(self, files: Files[dict[str, UploadedFile]]) -> int:
        raise AssertionError('refused before the endpoint')


urlpatterns = [
    path('pair/', Pair.as_view()),
    path('async-pair/', AsyncPair.as_view()),
    path('capped/', Capped.as_view()),
]


@pytest.fixture(autouse=True)
def small_memory_and_no_database() -> Iterator[None]:
    """Files past ``MEMORY`` bytes go to disk; no database connection between requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=MEMORY):
            yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _wsgi(url: str, body: bytes) -> tuple[str, bytes]:
    environ = {
        'REQUEST_METHOD': 'PUT',
        'PATH_INFO': url,
        'SERVER_NAME': 'testserver',
        'SERVER_PORT': '80',
        'wsgi.url_scheme': 'http',
        'wsgi.input': io.BytesIO(body),
        'wsgi.input_terminated': True,
        'HTTP_TRANSFER_ENCODING': 'chunked',
        'CONTENT_TYPE': CONTENT_TYPE.decode(),
    }
    statuses: list[str] = []
    response = WSGIHandler()(environ, lambda status, _headers: statuses.append(status))
    try:
        return statuses[0], b''.join(response)
    finally:
        response.close()


def _asgi(url: str, body: bytes) -> tuple[int, bytes]:
    scope = put_scope(url, (b'content-type', CONTENT_TYPE))
    chunks = [body[start : start + 256] for start in range(0, len(body), 256)]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if not chunks:
            await asyncio.Event().wait()  # the client waits for the answer
        chunk = chunks.pop(0)
        return {'type': 'http.request', 'body': chunk, 'more_body': bool(chunks)}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(ASGIHandler()(scope, receive, send))
    return sent[0]['status'], b''.join(message.get('body', b'') for message in sent[1:])


EXPECTED = (
    b'{"small":["memory","s",' + str(len(SMALL)).encode() + b'],'
    b'"large":["disk","L",' + str(len(LARGE)).encode() + b']}'
)


def test_wsgi_chunked_body_keeps_a_small_file_in_memory() -> None:
    """Under WSGI without a length, the small file stays in memory, the large one spills."""
    status, content = _wsgi('/pair/', _body(small=SMALL, large=LARGE))
    assert status == '200 OK', content
    assert content == EXPECTED


@pytest.mark.parametrize('url', ['/pair/', '/async-pair/'])
def test_asgi_chunked_body_keeps_a_small_file_in_memory(url: str) -> None:
    """Under ASGI without a length, sync or async, each file follows the memory setting."""
    status, content = _asgi(url, _body(small=SMALL, large=LARGE))
    assert status == 200, content
    assert content == EXPECTED


def test_a_file_spilled_then_refused_is_answered_in_the_error_model() -> None:
    """A spilled file over ``max_file_size`` is still refused while it streams."""
    status, content = _wsgi('/capped/', _body(large=LARGE))
    assert status.startswith('400'), content
    assert b'"type":"file_too_large"' in content


@pytest.mark.parametrize('data', [SMALL, LARGE], ids=['in-memory', 'spilled'])
def test_a_body_cut_inside_a_file_is_refused(data: bytes) -> None:
    """A chunked body that stops inside a file, in memory or on disk, is a 400 ``parse_error``."""
    status, content = _wsgi('/pair/', _part('file', data)[:-100])
    assert status.startswith('400'), content
    assert b'"type":"parse_error"' in content
