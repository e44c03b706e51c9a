"""Bodies without ``Content-Length`` (chunked), under WSGI and ASGI."""

import asyncio
import io
import json
from typing import Any

import pytest
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings

from dmr import Body, Controller
from tests.models import UserCreate

factory = RequestFactory()
EMAIL = b'{"email": "a@example.com"}'


class Emails(Controller):
    def post(self, user: Body[UserCreate]) -> str:
        return user.email


class AsyncEmails(Controller):
    async def post(self, user: Body[UserCreate]) -> str:
        return user.email


both = pytest.mark.parametrize('controller', [Emails, AsyncEmails])


class CountingStream(io.BytesIO):
    """A ``wsgi.input`` that remembers how many bytes were read from it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.consumed = 0

    def read(self, size: int | None = -1, /) -> bytes:
        chunk = super().read(size)
        self.consumed += len(chunk)
        return chunk


def call(controller: type[Controller[Any]], request: HttpRequest) -> HttpResponse:
    response = controller.as_view()(request)
    if asyncio.iscoroutine(response):
        return asyncio.run(response)  # type: ignore[no-any-return]
    return response  # type: ignore[no-any-return]


def chunked_wsgi(stream: io.BytesIO, *, terminated: bool) -> HttpRequest:
    """A WSGI request as a server passes on a chunked body: no ``CONTENT_LENGTH``."""
    request = factory.post(
        '/',
        content_type='application/json',
        HTTP_TRANSFER_ENCODING='chunked',
        **{'wsgi.input': stream, 'wsgi.input_terminated': terminated},
    )
    del request.META['CONTENT_LENGTH']
    return request


def chunked_asgi(body: bytes) -> HttpRequest:
    """An ASGI request whose body came without ``Content-Length``."""
    scope = {
        'type': 'http',
        'method': 'POST',
        'path': '/',
        'query_string': b'',
        'headers': [(b'content-type', b'application/json'), (b'transfer-encoding', b'chunked')],
    }
    return ASGIRequest(scope, io.BytesIO(body))


def detail(response: HttpResponse) -> dict[str, Any]:
    [only] = json.loads(response.content)['detail']
    return only  # type: ignore[no-any-return]


@both
def test_terminated_wsgi_input_is_read(controller: type[Controller[Any]]) -> None:
    """A server that marks ``wsgi.input_terminated`` gets the body parsed: 201."""
    response = call(controller, chunked_wsgi(CountingStream(EMAIL), terminated=True))
    assert response.status_code == 201
    assert json.loads(response.content) == 'a@example.com'


@both
def test_unterminated_chunked_wsgi_input_is_length_required(
    controller: type[Controller[Any]],
) -> None:
    """A chunked body the server cannot hand over is a 411 in the error model."""
    stream = CountingStream(EMAIL)
    response = call(controller, chunked_wsgi(stream, terminated=False))
    assert response.status_code == 411
    assert detail(response)['type'] == 'length_required'
    assert detail(response)['loc'] == ['headers', 'content-length']
    assert stream.consumed == 0


@both
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100_000)
def test_terminated_wsgi_input_over_the_limit_is_413_while_reading(
    controller: type[Controller[Any]],
) -> None:
    """An over-large chunked body is refused after reading just past the limit."""
    stream = CountingStream(b' ' * 10_000_000)
    response = call(controller, chunked_wsgi(stream, terminated=True))
    assert response.status_code == 413
    assert detail(response)['type'] == 'body_too_large'
    assert stream.consumed == 100_001


@both
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=None)
def test_terminated_wsgi_input_without_a_limit_is_read_whole(
    controller: type[Controller[Any]],
) -> None:
    """With ``DATA_UPLOAD_MAX_MEMORY_SIZE = None`` a chunked body is read to its end."""
    body = b'{"email": "' + b'a' * 200_000 + b'"}'
    response = call(controller, chunked_wsgi(CountingStream(body), terminated=True))
    assert response.status_code == 201


@both
def test_chunked_asgi_body_is_read(controller: type[Controller[Any]]) -> None:
    """Under ASGI a body without ``Content-Length`` is parsed: 201."""
    response = call(controller, chunked_asgi(EMAIL))
    assert response.status_code == 201


@both
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100)
def test_chunked_asgi_body_over_the_limit_is_413(controller: type[Controller[Any]]) -> None:
    """Under ASGI the limit holds for bodies without ``Content-Length`` too."""
    response = call(controller, chunked_asgi(b'{"email": "' + b'a' * 200 + b'"}'))
    assert response.status_code == 413
    assert detail(response)['type'] == 'body_too_large'


@both
def test_body_read_without_length_stays_readable(controller: type[Controller[Any]]) -> None:
    """After dmr read a chunked body, ``request.body`` answers the same bytes."""
    request = chunked_wsgi(CountingStream(EMAIL), terminated=True)
    call(controller, request)
    assert request.body == EMAIL


@both
def test_request_without_body_or_length_is_a_parse_error(
    controller: type[Controller[Any]],
) -> None:
    """No ``Content-Length`` and no ``Transfer-Encoding``: an empty body, a 400."""
    request = factory.generic('POST', '/', b'', CONTENT_TYPE='application/json')
    assert 'CONTENT_LENGTH' not in request.META
    response = call(controller, request)
    assert response.status_code == 400
    assert detail(response)['loc'][0] == 'body'


@both
@pytest.mark.parametrize('length', ['abc', '-5', '1e3', ' 26', '2 6', '\u0662\u0666', '0x1a'])
def test_a_content_length_that_is_not_digits_is_a_400_at_the_header(
    controller: type[Controller[Any]], length: str
) -> None:
    """RFC 9110 allows digits only; anything else is refused where Django would fail."""
    request = factory.post('/', EMAIL, content_type='application/json', CONTENT_LENGTH=length)

    response = call(controller, request)

    assert response.status_code == 400
    assert json.loads(response.content) == {
        'detail': [
            {
                'msg': 'Content-Length must be a whole number of bytes, such as `512`',
                'loc': ['headers', 'content-length'],
                'type': 'value_error',
            },
        ],
    }


@both
def test_a_content_length_too_long_to_be_real_is_a_413(controller: type[Controller[Any]]) -> None:
    """Thousands of digits are past any limit (and past what ``int`` reads): 413, not a 500."""
    request = factory.post('/', EMAIL, content_type='application/json', CONTENT_LENGTH='9' * 5000)

    response = call(controller, request)

    assert response.status_code == 413
    assert json.loads(response.content)['detail'][0]['type'] == 'body_too_large'
