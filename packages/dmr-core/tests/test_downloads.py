"""File downloads through HTTP: declared, validated and documented, sync and async."""

import asyncio
import json
from typing import Any
from urllib.parse import urlencode

import pytest
from django.http import HttpResponse
from django.test import AsyncClient, Client

from dmr import ResponseSpec
from dmr.downloads import FileBody
from tests.download_urls import NOTES, router
from tests.openapi_support import document

pytestmark = pytest.mark.urls('tests.download_urls')
KINDS = pytest.mark.parametrize('kind', ['sync', 'async'])


def fetch(kind: str, url: str, method: str = 'get') -> HttpResponse:
    """``url`` from Django's sync test client, or from its async one."""
    if kind == 'sync':
        return getattr(Client(), method)(url)  # type: ignore[no-any-return]
    return asyncio.run(getattr(AsyncClient(), method)(url))  # type: ignore[no-any-return]


def content(response: Any) -> bytes:
    """The body of a response, streamed or not."""
    if response.streaming:
        return b''.join(response.streaming_content)
    return bytes(response.content)


def refusal(response: HttpResponse) -> dict[str, Any]:
    """The one error detail of a 422."""
    assert response.status_code == 422
    [detail] = json.loads(response.content)['detail']
    return detail  # type: ignore[no-any-return]


@KINDS
def test_declared_file_passes_validation(kind: str):
    """A ``FileDownload`` of the declared media type is sent whole, with its headers."""
    response = fetch(kind, f'/api/{kind}/notes/notes/')
    assert response.status_code == 200
    assert content(response) == NOTES
    assert response['Content-Type'] == 'text/markdown'
    assert response['Content-Disposition'] == 'attachment; filename="notes.md"'
    assert response['Content-Length'] == str(len(NOTES))


@KINDS
def test_wrong_media_type_is_422(kind: str):
    """A file of a media type its declaration does not list is refused in the error model."""
    detail = refusal(fetch(kind, f'/api/{kind}/notes/html/'))
    assert (detail['loc'], detail['type']) == (['response'], 'response_invalid')


@KINDS
def test_wrong_disposition_is_422(kind: str):
    """A file declared as an attachment but sent inline is refused."""
    detail = refusal(fetch(kind, f'/api/{kind}/notes/inline/'))
    assert (detail['loc'], detail['type']) == (['response'], 'response_invalid')


@KINDS
def test_missing_disposition_is_422(kind: str):
    """A file declared as an attachment but sent without ``Content-Disposition`` is refused."""
    detail = refusal(fetch(kind, f'/api/{kind}/notes/unnamed/'))
    assert (detail['loc'], detail['type']) == (['response'], 'response_invalid')


@KINDS
def test_streamed_file_passes_validation(kind: str):
    """A ``StreamingHttpResponse`` of the declared media type passes validation."""
    response = fetch(kind, f'/api/{kind}/rows/')
    assert response.status_code == 200
    assert content(response) == b'id,title\n0,row 0\n1,row 1\n2,row 2\n'


@KINDS
def test_file_as_bytes_passes_validation(kind: str):
    """An ``HttpResponse`` holding the file's bytes passes; media type parameters are ignored."""
    response = fetch(kind, f'/api/{kind}/notes/bytes/')
    assert response.status_code == 200
    assert content(response) == NOTES


@KINDS
def test_file_endpoint_answers_errors_in_the_error_model(kind: str):
    """A declared error of a download endpoint is JSON, not a file."""
    response = fetch(kind, f'/api/{kind}/notes/gone/')
    assert response.status_code == 404
    assert response['Content-Type'] == 'application/json'
    assert json.loads(response.content)['detail'][0]['msg'] == 'No such notes'


@KINDS
def test_head_sends_headers_only(kind: str):
    """``HEAD`` on a download answers its headers, the file's length included, and no body."""
    response = fetch(kind, f'/api/{kind}/notes/notes/', method='head')
    assert response.status_code == 200
    assert content(response) == b''
    assert response['Content-Length'] == str(len(NOTES))
    assert response['Content-Disposition'] == 'attachment; filename="notes.md"'


@pytest.mark.parametrize(
    ('name', 'expected'),
    [
        (
            'say "hi".md',
            'attachment; filename="say _hi_.md"; filename*=UTF-8\'\'say%20%22hi%22.md',
        ),
        ('evil\r\nSet-Cookie: a=b.md', 'attachment; filename="evilSet-Cookie: a=b.md"'),
        ('../../etc/passwd', 'attachment; filename="passwd"'),
        ('C:\\Users\\ada\\notes.md', 'attachment; filename="notes.md"'),
        ('naïve.md', 'attachment; filename="na_ve.md"; filename*=UTF-8\'\'na%C3%AFve.md'),
        ('..', 'attachment; filename="download"'),
    ],
    ids=['quotes', 'crlf', 'posix-path', 'windows-path', 'non-ascii', 'dots'],
)
@KINDS
def test_file_name_is_encoded_safely(kind: str, name: str, expected: str):
    """A client-chosen file name reaches ``Content-Disposition`` safely (RFC 6266)."""
    query = urlencode({'name': name})
    response = fetch(kind, f'/api/{kind}/notes/named/?{query}')
    assert response.status_code == 200
    assert response['Content-Disposition'] == expected


def test_file_without_disposition_may_be_sent_without_one():
    """A file declared with ``disposition=None`` needs no ``Content-Disposition``."""
    response = Client().get('/api/picture/')
    assert response.status_code == 200
    assert 'Content-Disposition' not in response


@pytest.mark.parametrize(
    ('version', 'schema'),
    [
        ('3.0.3', {'type': 'string', 'format': 'binary'}),
        ('3.1.0', {'type': 'string', 'contentMediaType': 'text/markdown'}),
        ('3.2.0', {'type': 'string', 'contentMediaType': 'text/markdown'}),
    ],
)
def test_openapi_documents_the_file(version: str, schema: dict[str, str]):
    """The document lists the file's media type as raw bytes, in each version's words."""
    schema_document = document(router.urls, openapi_version=version)
    response = schema_document['paths']['/api/sync/notes/{name}/']['get']['responses']['200']
    assert response['content'] == {'text/markdown': {'schema': schema}}


def test_openapi_documents_the_disposition():
    """The document lists ``Content-Disposition`` on a file declared with one."""
    response = document(router.urls)['paths']['/api/sync/rows/']['get']['responses']['200']
    header = response['headers']['Content-Disposition']
    assert header['schema'] == {'type': 'string'}
    assert header['description'].startswith('`attachment`')


def test_openapi_lists_each_media_type_of_a_file():
    """A file of several media types lists each, and no header when it declares none."""
    response = document(router.urls)['paths']['/api/picture/']['get']['responses']['200']
    assert list(response['content']) == ['image/png', 'image/jpeg']
    assert 'headers' not in response


@pytest.mark.parametrize('media_type', ['text/*', 'Text/CSV', 'text/csv; charset=utf-8', 'csv'])
def test_file_body_refuses_what_is_no_media_type(media_type: str):
    """A media type with a wildcard, capitals, parameters or no subtype fails at import time."""
    with pytest.raises(ValueError, match='media type'):
        ResponseSpec(FileBody(media_type), status_code=200)


def test_file_body_needs_a_media_type():
    """``FileBody()`` with no media type fails at import time."""
    with pytest.raises(ValueError, match='at least one media type'):
        FileBody()


def test_file_body_refuses_an_unknown_disposition():
    """A disposition other than attachment, inline or None fails at import time."""
    with pytest.raises(ValueError, match='disposition'):
        FileBody('text/csv', disposition='download')  # type: ignore[arg-type]
