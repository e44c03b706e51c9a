"""The messages of forms, uploads and pagination, in the client's language.

Each family's error is answered once per language: ``Accept-Language: de``
and ``ja`` pick dmr's catalogues through ``LocaleMiddleware``, no header
leaves the project's language (English), for sync and async controllers.
"""

import json
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.test import RequestFactory, override_settings
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.utils import translation

from tests.test_forms import AsyncUploads, Uploads, _png
from tests.test_pagination import AsyncNumbers, Names, Numbers, Values

_factory = RequestFactory()
LANGUAGES = ['en', 'de', 'ja']
_SERIALIZER = {'serializer': 'tests.stub_backend.StubSerializer'}


def _answer(view: Any, request: Any, language: str) -> HttpResponse:
    if language != 'en':
        request.META['HTTP_ACCEPT_LANGUAGE'] = language
    handler = view.as_view()
    with override_settings(DMR_SETTINGS=_SERIALIZER), translation.override('en'):
        if view.view_is_async:
            return async_to_sync(LocaleMiddleware(handler))(request)  # type: ignore[no-any-return]
        return LocaleMiddleware(handler)(request)  # type: ignore[no-any-return]


def _messages(response: HttpResponse) -> list[tuple[str, list[Any], str]]:
    assert 'Accept-Language' in response['Vary']
    return [
        (detail['msg'], detail['loc'], detail['type'])
        for detail in json.loads(response.content)['detail']
    ]


def _upload(view: Any, method: str, body: bytes, language: str) -> HttpResponse:
    request = _factory.generic(method, '/', body, content_type=MULTIPART_CONTENT)
    return _answer(view, request, language)


UPLOADS = pytest.mark.parametrize(
    ('view', 'method'), [(Uploads, 'POST'), (AsyncUploads, 'PUT')], ids=['sync', 'async']
)
TRUNCATED = {
    'en': 'Multipart body is truncated: the closing boundary is missing',
    'de': 'Der Multipart-Body ist abgeschnitten: die abschließende Boundary fehlt',
    'ja': 'multipart ボディが途中で切れています: 終端の boundary がありません',
}


@UPLOADS
@pytest.mark.parametrize('language', LANGUAGES)
def test_malformed_multipart_body_is_told_in_the_clients_language(
    view: Any, method: str, language: str
) -> None:
    """A multipart body cut before its closing boundary reads in the client's language."""
    body = encode_multipart(BOUNDARY, {'title': 'Hi', 'views': '1'})
    response = _upload(view, method, body[: body.rindex(b'--' + BOUNDARY.encode())], language)
    assert response.status_code == 400
    assert _messages(response) == [(TRUNCATED[language], ['body'], 'parse_error')]


REFUSED_TYPE = {
    'en': "File type 'text/plain' is not allowed; use one of: image/png",
    'de': "Der Dateityp 'text/plain' ist nicht erlaubt; verwenden Sie einen von: image/png",
    'ja': (
        "ファイル形式 'text/plain' は許可されていません。次のいずれかを使用してください: image/png"
    ),
}


@UPLOADS
@pytest.mark.parametrize('language', LANGUAGES)
def test_upload_limit_is_told_in_the_clients_language(
    view: Any, method: str, language: str
) -> None:
    """A file of a content type its limit refuses reads in the client's language."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = SimpleUploadedFile('a.txt', b'hi', content_type='text/plain')
    body = encode_multipart(BOUNDARY, {'title': 'Hi', 'views': '1', 'avatar': text})
    response = _upload(view, method, body, language)
    assert response.status_code == 400
    assert _messages(response) == [
        (REFUSED_TYPE[language], ['files', 'avatar'], 'file_type_not_allowed'),
    ]


def test_a_refused_upload_is_not_the_accepted_one() -> None:
    """The same endpoint takes a PNG: the refusal above is the limit's, not the request's."""
    body = encode_multipart(BOUNDARY, {'title': 'Hi', 'views': '1', 'avatar': _png()})
    assert _upload(Uploads, 'POST', body, 'de').status_code == 201


PAGE_ZERO = {
    'en': 'page must be at least 1',
    'de': 'page muss mindestens 1 sein',
    'ja': 'page は 1 以上である必要があります',
}
FOREIGN_CURSOR = {
    'en': 'The cursor was not issued by this listing',
    'de': 'Der Cursor wurde nicht von dieser Liste ausgegeben',
    'ja': 'このカーソルはこの一覧で発行されたものではありません',
}


@pytest.mark.parametrize('view', [Numbers, AsyncNumbers], ids=['sync', 'async'])
@pytest.mark.parametrize('language', LANGUAGES)
def test_bad_page_parameter_is_told_in_the_clients_language(view: Any, language: str) -> None:
    """Page 0 is refused in the client's language."""
    response = _answer(view, _factory.get('/?page=0'), language)
    assert response.status_code == 400
    assert _messages(response) == [(PAGE_ZERO[language], ['query', 'page'], 'out_of_range')]


@pytest.mark.django_db
@pytest.mark.parametrize('view', [Names, Values], ids=['sync', 'async'])
@pytest.mark.parametrize('language', LANGUAGES)
def test_tampered_cursor_is_told_in_the_clients_language(view: Any, language: str) -> None:
    """A cursor whose signature does not match is refused in the client's language."""
    response = _answer(view, _factory.get('/?cursor=W1sibiIsMV0:tampered'), language)
    assert response.status_code == 400
    assert _messages(response) == [
        (FOREIGN_CURSOR[language], ['query', 'cursor'], 'invalid_cursor'),
    ]
