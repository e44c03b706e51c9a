"""Forms and uploads through HTTP: FormParser, MultipartParser, Body and Files."""

import dataclasses
import json
import os
from typing import Annotated, Any, ClassVar

import pytest
from django.http import HttpResponse
from django.test import Client, override_settings
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import path
from hypothesis import given, settings
from hypothesis import strategies as st

from dmr import Body, Controller, Files
from dmr.errors import EndpointDefinitionError
from dmr.files import FileLimit, UploadedFile
from dmr.parsers import FormParser, JsonParser, MultipartParser

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
