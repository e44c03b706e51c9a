"""Forms and uploads, the edges: other bodies on a Files endpoint, limits, streams."""

import io
import json
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from dmr import Controller, Files
from dmr.parsers import BodyConsumedError, FormParser, MultipartParser, RequestBody
from tests.stub_backend import StubSerializer
from tests.test_forms import Attachments, _answer, _details, _png, _raw, _send

pytestmark = pytest.mark.urls('tests.test_forms')


class SmallFiles(Controller):
    parsers = (MultipartParser(max_file_size=5),)

    def post(self, files: Files[Attachments]) -> Any:
        return _answer(None, files)


def _view_of(controller: type[Controller[Any]], request: Any) -> HttpResponse:
    return controller.as_view()(request)  # type: ignore[no-any-return]


def test_json_body_on_a_files_endpoint_still_needs_the_files() -> None:
    """A JSON body fills Body, and the Files it cannot carry are missing."""
    response = _raw('put', '/uploads/', b'{"title": "Hi", "views": 1}', 'application/json')
    assert response.status_code == 400
    assert _details(response) == [(['files', 'avatar'], 'missing')]


def test_invalid_json_body_on_a_files_endpoint_reports_both() -> None:
    """The body's errors and the missing files are reported together."""
    response = _raw('put', '/uploads/', b'{"title": "Hi"}', 'application/json')
    assert response.status_code == 400
    assert [loc for loc, _ in _details(response)] == [['body', 'views'], ['files', 'avatar']]


def test_files_endpoint_without_content_type_is_415() -> None:
    """A request without ``Content-Type`` to a Files endpoint is a 415."""
    response = Client().generic('PATCH', '/uploads/', b'')
    assert response.status_code == 415


def test_several_files_for_a_single_file_field_are_refused() -> None:
    """Two files for a field that takes one is a ``type_error`` at the field."""
    response = _send('patch', '/uploads/', {'avatar': [_png(), _png('b.png')]})
    assert response.status_code == 400
    assert _details(response) == [(['files', 'avatar'], 'type_error')]


def test_parser_file_size_limit_applies_to_every_field() -> None:
    """``MultipartParser(max_file_size=...)`` limits fields without a FileLimit of their own."""
    data = encode_multipart(BOUNDARY, {'avatar': _png(), 'extras': [_png(content=b'x' * 6)]})
    request = RequestFactory().generic('POST', '/', data, content_type=MULTIPART_CONTENT)
    response = _view_of(SmallFiles, request)
    assert response.status_code == 400
    assert _details(response) == [(['files', 'extras'], 'file_too_large')]


def test_a_post_django_already_parsed_is_read_from_request_files() -> None:
    """When middleware read ``request.POST`` first, its files are used, limits included."""
    data = {'avatar': _png(), 'extras': [_png(content=b'x' * 6)]}
    request = RequestFactory().post('/', data)
    assert 'avatar' in request.FILES  # as CsrfViewMiddleware reads request.POST
    response = _view_of(SmallFiles, request)
    assert response.status_code == 400
    assert _details(response) == [(['files', 'extras'], 'file_too_large')]


def test_chunked_multipart_body_is_streamed() -> None:
    """A multipart body without ``Content-Length`` is read from ``wsgi.input``."""
    data = encode_multipart(BOUNDARY, {'avatar': _png()})
    request = RequestFactory().generic(
        'POST',
        '/',
        HTTP_TRANSFER_ENCODING='chunked',
        **{
            'CONTENT_TYPE': MULTIPART_CONTENT,
            'wsgi.input': io.BytesIO(data),
            'wsgi.input_terminated': True,
        },
    )
    response = _view_of(SmallFiles, request)
    request.close()  # as Django's handlers do: without a length, the file went to disk
    assert response.status_code == 201, response.content
    assert json.loads(response.content)['avatar'] == ['a.png', 'png!']


SIMPLE_FORM = {'title': 'Hi', 'views': 1}


@pytest.mark.parametrize(
    ('parser', 'content_type', 'body'),
    [
        (FormParser(), 'application/x-www-form-urlencoded', b'title=a&title=Hi&views=1'),
        (MultipartParser(), MULTIPART_CONTENT, encode_multipart(BOUNDARY, SIMPLE_FORM)),
    ],
)
def test_form_parsers_parse_alone(parser: Any, content_type: str, body: bytes) -> None:
    """Called directly, a form parser validates single values, the last of a repeated key."""
    request = RequestFactory().generic('PUT', '/', body, content_type=content_type)
    adapter = StubSerializer().adapter(dict[str, str], direction='request')
    parsed = parser.parse(RequestBody.of(request), adapter)
    assert parsed == {'title': 'Hi', 'views': '1'}


def test_request_body_is_read_once() -> None:
    """A parser reads the body once: a second read is a programming error."""
    request = RequestFactory().generic('PUT', '/', b'{}', content_type='application/json')
    body = RequestBody.of(request)
    body.read()
    with pytest.raises(BodyConsumedError):
        body.stream()


def test_request_body_of_a_request_without_content_type_is_octet_stream() -> None:
    """``RequestBody.of`` reads a missing ``Content-Type`` as ``application/octet-stream``."""
    request = RequestFactory().generic('PUT', '/', b'')
    assert RequestBody.of(request).media_type.essence == 'application/octet-stream'
