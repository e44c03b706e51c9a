"""``dmr.asgi`` refuses a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` while reading it."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.handlers.asgi import ASGIHandler as DjangoASGIHandler
from django.test import override_settings

from dmr.asgi import ASGIHandler
from tests import asgi_app
from tests.test_asgi import json_post, run, scope

EMAIL = b'{"email": "a@example.com"}'
"""26 bytes: over the limit of these tests."""


@pytest.fixture(autouse=True)
def _app() -> Iterator[None]:
    asgi_app.events.clear()
    with override_settings(
        ROOT_URLCONF='tests.asgi_app',
        MIDDLEWARE=[],
        DATA_UPLOAD_MAX_MEMORY_SIZE=20,
    ):
        yield


def chunked(path: str) -> dict[str, Any]:
    return scope('POST', path, {'content-type': 'application/json'})


def detail(body: bytes) -> dict[str, Any]:
    [only] = json.loads(body)['detail']
    return only  # type: ignore[no-any-return]


def test_a_declared_length_over_the_limit_is_answered_before_the_body_arrives() -> None:
    """A dmr controller answers 413 in the error model; the body never had to come."""
    served = run(ASGIHandler, json_post('/echo/'), (b'',), ends=False)
    assert served.status == 413
    assert detail(served.body)['type'] == 'body_too_large'


def test_a_chunked_body_is_refused_once_it_outgrows_the_limit() -> None:
    """Without a length, the body is refused at the chunk that crosses the limit."""
    served = run(ASGIHandler, chunked('/echo/'), (b'{"email": ', b'"a@example.com"'), ends=False)
    assert served.status == 413
    assert detail(served.body)['type'] == 'body_too_large'


def test_a_chunked_body_over_the_limit_is_refused_by_a_django_view_as_django_refuses() -> None:
    """A plain Django view reading ``request.body`` gets ``RequestDataTooBig``: 400."""
    served = run(ASGIHandler, chunked('/body-length/'), (b'x' * 15, b'x' * 15))
    assert served.status == 400


@pytest.mark.parametrize('handler', [DjangoASGIHandler, ASGIHandler])
def test_a_declared_length_over_the_limit_is_refused_by_a_django_view_under_both(
    handler: type[DjangoASGIHandler],
) -> None:
    """Django's own check on ``request.body``: 400 under both handlers."""
    served = run(handler, json_post('/body-length/'), (EMAIL,))
    assert served.status == 400


@pytest.mark.parametrize('handler', [DjangoASGIHandler, ASGIHandler])
def test_a_view_that_never_reads_the_body_still_answers(handler: type[DjangoASGIHandler]) -> None:
    """Refusal happens on reading: a view that ignores the body answers as usual."""
    served = run(handler, json_post('/async/'), (EMAIL,))
    assert (served.status, served.body) == (200, b'async')


@pytest.mark.parametrize('handler', [DjangoASGIHandler, ASGIHandler])
def test_a_multipart_upload_over_the_limit_is_not_refused(
    handler: type[DjangoASGIHandler],
) -> None:
    """Uploaded files do not count against the limit: multipart bodies are read as Django does."""
    body = (
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n'
        b'Content-Type: text/plain\r\n\r\n' + b'x' * 100 + b'\r\n--b--\r\n'
    )
    headers = {'content-type': 'multipart/form-data; boundary=b', 'content-length': str(len(body))}
    served = run(handler, scope('POST', '/upload/', headers), (body,))
    assert (served.status, served.body) == (200, b'100')


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_under_the_limit_in_several_chunks_is_read_whole() -> None:
    """Chunks are put together, in order."""
    served = run(ASGIHandler, chunked('/echo/'), (b'{"email": ', b'"a@example.com"}'))
    assert (served.status, json.loads(served.body)) == (201, 'a@example.com')


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000, FILE_UPLOAD_MAX_MEMORY_SIZE=10)
def test_a_body_over_the_memory_size_of_uploads_is_spooled_and_read() -> None:
    """Over ``FILE_UPLOAD_MAX_MEMORY_SIZE`` the body is kept as Django keeps it, and read whole."""
    served = run(ASGIHandler, json_post('/echo/'), (EMAIL,))
    assert (served.status, json.loads(served.body)) == (201, 'a@example.com')


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=None)
def test_without_a_limit_a_body_is_read_as_django_reads_it() -> None:
    """``DATA_UPLOAD_MAX_MEMORY_SIZE = None``: any size."""
    served = run(ASGIHandler, chunked('/body-length/'), (b'x' * 15, b'x' * 15))
    assert (served.status, served.body) == (200, b'30')


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_an_unreadable_content_length_is_answered_as_djangos_handler_answers() -> None:
    """A ``Content-Length`` that is not a number is not trusted while reading; same answer."""
    request = scope('POST', '/body-length/', {'content-length': 'x'})
    assert run(ASGIHandler, request, (EMAIL,)) == run(DjangoASGIHandler, request, (EMAIL,))
