"""Forms and uploads through HTTP: FormParser, MultipartParser, Body and Files."""

import dataclasses
import io
import json
import os
from typing import Annotated, Any, ClassVar

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import path
from hypothesis import given, settings
from hypothesis import strategies as st

from dmr import Body, Controller, Files
from dmr.errors import EndpointDefinitionError
from dmr.files import FileLimit, UploadedFile
from dmr.parsers import BodyConsumedError, FormParser, JsonParser, MultipartParser, RequestBody
from tests.stub_backend import StubSerializer

pytestmark = pytest.mark.urls('tests.test_forms')

PNG_ONLY = FileLimit(max_size=10, content_types=('image/png',))


@dataclasses.dataclass
class Article:
    title: str
    views: int
    tags: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Attachments:
    avatar: Annotated[UploadedFile, PNG_ONLY]
    extras: list[UploadedFile] = dataclasses.field(default_factory=list)


def _answer(article: Article | None, files: Attachments) -> dict[str, Any]:
    return {
        'article': None if article is None else dataclasses.asdict(article),
        'avatar': [files.avatar.name, files.avatar.read().decode()],
        'extras': [upload.name for upload in files.extras],
    }


PARSERS = (JsonParser(), FormParser(), MultipartParser(max_request_size=4096))


class Uploads(Controller):
    parsers = PARSERS

    def post(self, article: Body[Article], files: Files[Attachments]) -> Any:
        return _answer(article, files)

    def put(self, article: Body[Article], files: Files[Attachments]) -> Any:
        return _answer(article, files)

    def patch(self, files: Files[Attachments]) -> Any:
        return _answer(None, files)


class AsyncUploads(Controller):
    parsers = PARSERS

    async def put(self, article: Body[Article], files: Files[Attachments]) -> Any:
        return _answer(article, files)


class Forms(Controller):
    parsers = PARSERS

    def put(self, article: Body[Article]) -> Any:
        return dataclasses.asdict(article)


class TempPaths(Controller):
    parsers = (MultipartParser(),)
    seen: ClassVar[list[str]] = []

    def put(self, files: Files[Attachments]) -> Any:
        self.seen.append(files.avatar.temporary_file_path())  # type: ignore[attr-defined]  # TemporaryUploadedFile
        return 'ok'


urlpatterns = [
    path('uploads/', Uploads.as_view()),
    path('async-uploads/', AsyncUploads.as_view()),
    path('forms/', Forms.as_view()),
    path('temp/', TempPaths.as_view()),
]


def _png(name: str = 'a.png', content: bytes = b'png!') -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type='image/png')


def _send(method: str, url: str, data: dict[str, Any]) -> HttpResponse:
    body = encode_multipart(BOUNDARY, data)
    return Client().generic(method.upper(), url, body, MULTIPART_CONTENT)  # type: ignore[return-value]


def _raw(method: str, url: str, body: bytes, content_type: str) -> HttpResponse:
    return Client().generic(method.upper(), url, body, content_type)  # type: ignore[return-value]


def _details(response: HttpResponse) -> list[tuple[list[Any], str]]:
    return [(detail['loc'], detail['type']) for detail in json.loads(response.content)['detail']]


@pytest.mark.parametrize(
    ('method', 'url'), [('post', '/uploads/'), ('put', '/uploads/'), ('put', '/async-uploads/')]
)
def test_multipart_fields_and_files_are_validated(method: str, url: str) -> None:
    """Text fields are coerced as for query strings, files reach the Files model."""
    response = _send(
        method, url, {'title': 'Hi', 'views': '3', 'tags': ['a', 'b'], 'avatar': _png()}
    )
    assert response.status_code in {200, 201}, response.content
    assert response.json() == {
        'article': {'title': 'Hi', 'views': 3, 'tags': ['a', 'b']},
        'avatar': ['a.png', 'png!'],
        'extras': [],
    }


def test_patch_reads_multipart_files() -> None:
    """PATCH, which Django never parses, gets its files, several for a list field."""
    response = _send(
        'patch', '/uploads/', {'avatar': _png(), 'extras': [_png('b.png'), _png('c.png')]}
    )
    assert response.status_code == 200, response.content
    assert response.json()['extras'] == ['b.png', 'c.png']


def test_urlencoded_form_fills_the_body() -> None:
    """A urlencoded PUT is read as a form: repeated keys make a list field."""
    response = _raw(
        'put', '/forms/', b'title=Hi&views=2&tags=x&tags=y', 'application/x-www-form-urlencoded'
    )
    assert response.status_code == 200, response.content
    assert response.json() == {'title': 'Hi', 'views': 2, 'tags': ['x', 'y']}


def test_invalid_form_field_points_at_the_field() -> None:
    """A field that is not its type is a 400 at ``body.<field>``."""
    response = _raw('put', '/forms/', b'title=Hi&views=many', 'application/x-www-form-urlencoded')
    assert response.status_code == 400
    assert [loc for loc, _ in _details(response)] == [['body', 'views']]


def test_invalid_utf8_in_a_form_is_a_parse_error() -> None:
    """Percent-encoded bytes that are not UTF-8 are a 400 ``parse_error``."""
    response = _raw('put', '/forms/', b'title=%ff&views=1', 'application/x-www-form-urlencoded')
    assert response.status_code == 400
    assert _details(response) == [(['body'], 'parse_error')]


def test_missing_file_points_at_its_field() -> None:
    """A required file that was not sent is a 400 at ``files.avatar``."""
    response = _send('put', '/uploads/', {'title': 'Hi', 'views': '1'})
    assert response.status_code == 400
    assert _details(response) == [(['files', 'avatar'], 'missing')]


def test_extra_file_is_refused() -> None:
    """A file for a field the model does not declare is a 400 ``extra_forbidden``."""
    response = _send('patch', '/uploads/', {'avatar': _png(), 'other': _png()})
    assert response.status_code == 400
    assert _details(response) == [(['files', 'other'], 'extra_forbidden')]


def test_file_on_a_body_only_endpoint_is_refused() -> None:
    """An endpoint without Files takes no uploads."""
    response = _send('put', '/forms/', {'title': 'Hi', 'views': '1', 'avatar': _png()})
    assert response.status_code == 400
    assert _details(response) == [(['files', 'avatar'], 'extra_forbidden')]


def test_oversized_file_is_refused_at_its_field() -> None:
    """A file over its FileLimit's size is a 400 ``file_too_large`` at the field."""
    response = _send('patch', '/uploads/', {'avatar': _png(content=b'x' * 11)})
    assert response.status_code == 400
    assert _details(response) == [(['files', 'avatar'], 'file_too_large')]


def test_disallowed_content_type_is_refused() -> None:
    """A declared content type outside the limit's list is refused."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    gif = SimpleUploadedFile('a.gif', b'gif', content_type='image/gif')
    response = _send('patch', '/uploads/', {'avatar': gif})
    assert response.status_code == 400
    assert _details(response) == [(['files', 'avatar'], 'file_type_not_allowed')]


def test_body_over_the_request_limit_is_413() -> None:
    """A body larger than ``max_request_size`` is a 413 before it is read."""
    response = _send(
        'patch', '/uploads/', {'avatar': _png(), 'extras': [_png(content=b'x' * 5000)]}
    )
    assert response.status_code == 413
    assert _details(response) == [([], 'body_too_large')]


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=2)
def test_too_many_fields_is_a_400() -> None:
    """More fields than Django allows is a 400 ``too_many_fields``."""
    response = _send(
        'put', '/uploads/', {'title': 'a', 'views': '1', 'tags': ['a', 'b'], 'avatar': _png()}
    )
    assert response.status_code == 400
    assert _details(response) == [(['body'], 'too_many_fields')]


@override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=1)
def test_too_many_files_is_a_400() -> None:
    """More files than Django allows is a 400 ``too_many_files``."""
    response = _send('patch', '/uploads/', {'avatar': _png(), 'extras': [_png()]})
    assert response.status_code == 400
    assert _details(response) == [(['body'], 'too_many_files')]


def _part(disposition: bytes, content: bytes = b'x') -> bytes:
    return (
        b'--B\r\nContent-Disposition: form-data; ' + disposition + b'\r\n\r\n' + content + b'\r\n'
    )


@pytest.mark.parametrize(
    ('content_type', 'body', 'loc'),
    [
        ('multipart/form-data', _part(b'name="a"') + b'--B--\r\n', ['headers', 'content-type']),
        ('multipart/form-data; boundary="a b "', b'--a b \r\n', ['headers', 'content-type']),
        ('multipart/form-data; boundary=B', _part(b'name="extras"; filename="a.png"'), ['body']),
        ('multipart/form-data; boundary=B', _part(b'filename="a.png"') + b'--B--\r\n', ['body']),
        ('multipart/form-data; boundary=B', _part(b'name="\xff"') + b'--B--\r\n', ['body']),
        (
            'multipart/form-data; boundary=B',
            _part(b'name="avatar"; filename="a\xff.png"') + b'--B--\r\n',
            ['body'],
        ),
        (
            'multipart/form-data; boundary=B',
            _part(b'name="avatar"; filename="../etc/a.png"') + b'--B--\r\n',
            ['body'],
        ),
        (
            'multipart/form-data; boundary=B',
            _part(b'name="avatar"; filename="C:\\\\a.png"') + b'--B--\r\n',
            ['body'],
        ),
    ],
    ids=[
        'no-boundary',
        'bad-boundary',
        'truncated',
        'no-name',
        'utf8-name',
        'utf8-filename',
        'path',
        'windows-path',
    ],
)
def test_malformed_multipart_is_a_parse_error(
    content_type: str, body: bytes, loc: list[str]
) -> None:
    """A malformed multipart body is a 400 ``parse_error``, never a 500."""
    response = _raw('patch', '/uploads/', body, content_type)
    assert response.status_code == 400, response.content
    assert _details(response) == [(loc, 'parse_error')]


@settings(deadline=None, max_examples=60)
@given(st.binary(max_size=300))
def test_any_multipart_body_is_answered_in_the_error_model(body: bytes) -> None:
    """Whatever bytes arrive as multipart, the answer is a 200 or a 4xx error model."""
    response = _raw('patch', '/uploads/', b'--B\r\n' + body, 'multipart/form-data; boundary=B')
    assert response.status_code in {200, 400, 413}
    if response.status_code != 200:
        assert response.json()['detail']


@override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=0)
def test_temporary_files_are_deleted_when_the_request_closes() -> None:
    """A PUT's upload spills to a temporary file, deleted once the response is closed."""
    TempPaths.seen.clear()
    response = _send('put', '/temp/', {'avatar': _png()})
    assert response.status_code == 200
    [temporary] = TempPaths.seen
    assert not os.path.exists(temporary)


def test_files_without_a_multipart_parser_fail_at_class_creation() -> None:
    """``Files`` on an endpoint that cannot read multipart is an error naming it."""
    with pytest.raises(EndpointDefinitionError, match=r'NoMultipart\.put.*MultipartParser'):
        _define_no_multipart()


def _define_no_multipart() -> None:
    class NoMultipart(Controller):
        parsers = (JsonParser(),)

        def put(self, files: Files[Attachments]) -> None:
            raise NotImplementedError

    NoMultipart.compiled()


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
