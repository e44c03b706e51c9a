"""Downloads under ASGI: served by Django's ``ASGIHandler``, in blocks, never read whole."""

import asyncio
import gzip
import tracemalloc
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from django.core.handlers.asgi import ASGIHandler
from django.test import Client, override_settings
from hypothesis import given
from hypothesis import strategies as st

from dmr.downloads import FALLBACK_NAME, content_disposition, safe_filename
from tests.download_urls import OPENED

pytestmark = pytest.mark.urls('tests.download_urls')
FILE_SIZE = 4 * 1024 * 1024


class Served:
    """What an ASGI server sent for one request: status, headers, body size."""

    def __init__(self) -> None:
        self.status = 0
        self.headers: dict[str, str] = {}
        self.body = bytearray()
        self.keep_body = True
        self.messages = 0

    async def send(self, message: dict[str, Any]) -> None:
        if message['type'] == 'http.response.start':
            self.status = message['status']
            self.headers = {
                name.decode().lower(): value.decode() for name, value in message['headers']
            }
        elif message.get('body'):
            self.messages += 1
            if self.keep_body:
                self.body += message['body']


def serve(path: str, *, method: str = 'GET', keep_body: bool = True, **headers: str) -> Served:
    """``path`` through Django's ``ASGIHandler``, as an ASGI server would call it."""
    served = Served()
    served.keep_body = keep_body
    scope = {
        'type': 'http',
        'asgi': {'version': '3.0'},
        'http_version': '1.1',
        'method': method,
        'scheme': 'http',
        'path': path,
        'raw_path': path.encode(),
        'query_string': b'',
        'root_path': '',
        'headers': [(b'host', b'testserver')]
        + [(name.replace('_', '-').encode(), value.encode()) for name, value in headers.items()],
        'client': ('127.0.0.1', 40000),
        'server': ('testserver', 80),
    }
    requested = False

    async def receive() -> dict[str, Any]:
        nonlocal requested
        if not requested:
            requested = True
            return {'type': 'http.request', 'body': b'', 'more_body': False}
        await asyncio.sleep(3600)  # the client stays connected; Django cancels this wait
        return {'type': 'http.disconnect'}  # pragma: no cover - never reached

    asyncio.run(ASGIHandler()(scope, receive, served.send))
    return served


@pytest.fixture
def media(tmp_path: Path) -> Iterator[Path]:
    """A MEDIA_ROOT holding ``notes.md``, a file of several megabytes."""
    file = tmp_path / 'notes.md'
    file.write_bytes(b'0123456789abcdef' * (FILE_SIZE // 16))
    with override_settings(MEDIA_ROOT=str(tmp_path)):
        yield file


@pytest.mark.parametrize('kind', ['sync', 'async'])
def test_file_is_streamed_not_read_whole(media: Path, kind: str):
    """Serving a file of 4 MiB under ASGI holds a small part of it in memory at once."""
    serve(f'/api/{kind}/notes/notes/', keep_body=False)  # imports and caches filled first
    tracemalloc.start()
    try:
        served = serve(f'/api/{kind}/notes/disk/', keep_body=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert served.status == 200
    assert served.headers['content-length'] == str(FILE_SIZE)
    assert served.messages >= FILE_SIZE // (64 * 1024)
    assert peak < FILE_SIZE // 4


@pytest.mark.parametrize('kind', ['sync', 'async'])
def test_file_is_sent_whole(media: Path, kind: str):
    """Every byte of the file arrives under ASGI, in order."""
    served = serve(f'/api/{kind}/notes/disk/')
    assert bytes(served.body) == media.read_bytes()
    assert served.headers['content-disposition'] == 'attachment; filename="notes.md"'


@pytest.mark.parametrize('kind', ['sync', 'async'])
def test_head_sends_no_body_under_asgi(media: Path, kind: str):
    """``HEAD`` under ASGI sends the headers, the file's length, and no body."""
    served = serve(f'/api/{kind}/notes/disk/', method='HEAD')
    assert served.status == 200
    assert served.headers['content-length'] == str(FILE_SIZE)
    assert served.body == b''


@pytest.mark.parametrize('method', ['GET', 'HEAD'])
def test_file_is_closed_once_served(media: Path, method: str):
    """The served file is closed when the response is over, for ``GET`` and ``HEAD``."""
    serve('/api/async/notes/disk/', method=method)
    assert OPENED[-1].closed


@pytest.mark.parametrize('kind', ['sync', 'async'])
def test_head_closes_the_file_at_once(media: Path, kind: str):
    """``HEAD`` closes the file it will not send, before the response itself is closed."""
    response = Client().head(f'/api/{kind}/notes/disk/')
    assert response.status_code == 200
    assert OPENED[-1].closed


@pytest.mark.parametrize('kind', ['sync', 'async'])
def test_refused_file_is_closed(media: Path, kind: str):
    """A file response refused by validation (422) closes the file it would have sent."""
    served = serve(f'/api/{kind}/notes/disk-html/')
    assert served.status == 422
    assert OPENED[-1].closed


@override_settings(MIDDLEWARE=['django.middleware.gzip.GZipMiddleware'])
def test_file_wrapped_by_a_middleware_is_still_streamed(media: Path):
    """A file whose content a middleware wrapped (gzip) is still sent in blocks, whole."""
    served = serve('/api/async/notes/disk/', accept_encoding='gzip')
    assert served.headers['content-encoding'] == 'gzip'
    assert served.messages > 1
    assert gzip.decompress(served.body) == media.read_bytes()


def test_async_content_is_sent_as_it_comes():
    """A ``FileDownload`` over an async iterator is sent item by item."""
    served = serve('/api/async/notes/async-content/')
    assert served.status == 200
    assert bytes(served.body) == b'id,title\n0,row 0\n1,row 1\n2,row 2\n'


@given(st.text())
def test_content_disposition_is_always_one_safe_header_value(filename: str):
    """Any file name gives one value of printable ASCII naming a file without a path."""
    value = content_disposition(filename)
    assert all(' ' <= char <= '~' for char in value)
    name = safe_filename(filename)
    assert not {'/', '\\', '\r', '\n', '\x00'} & set(name)
    assert name not in {'', '.', '..'}


@given(st.text(alphabet=st.characters(blacklist_categories=['Cc']), min_size=1))
def test_a_plain_name_is_kept(filename: str):
    """A name without controls or separators is kept, up to Unicode normalisation and spaces."""
    name = unicodedata.normalize('NFC', filename.replace('/', '').replace('\\', '')).strip()
    assert safe_filename(filename.replace('/', '').replace('\\', '')) in {name, FALLBACK_NAME}


@given(st.text())
def test_filename_star_decodes_to_the_safe_name(filename: str):
    """``filename*`` (or the plain ``filename``) carries exactly the safe name."""
    value = content_disposition(filename, disposition='inline')
    assert value.startswith('inline; filename="')
    _, star, encoded = value.partition("; filename*=UTF-8''")
    if star:
        assert unquote(encoded, errors='strict') == safe_filename(filename)
    else:
        assert value == f'inline; filename="{safe_filename(filename)}"'
