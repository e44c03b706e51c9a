"""A URLconf of file downloads, served by a sync and an async controller.

``/api/sync/...`` and ``/api/async/...`` answer the same files; each route
is one way of answering (or of breaking) a declared file response.
"""

import io
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse

from dmr import APIError, Controller, ResponseSpec, validate
from dmr.downloads import FileBody, FileDownload
from dmr.responses import ERROR_BODY
from dmr.routing import Router, path

NOTES = b'# Notes\n\n' + b'dmr streams files.\n' * 20_000
"""The file most routes serve: a few hundred kilobytes of Markdown."""

MARKDOWN = ResponseSpec(FileBody('text/markdown'), status_code=200, description='The notes')
MISSING = ResponseSpec(ERROR_BODY, status_code=404, description='No such notes')


def notes_file() -> io.BytesIO:
    """The notes as an open file, named like a file on disk."""
    file = io.BytesIO(NOTES)
    file.name = '/srv/media/notes.md'
    return file


OPENED: list[Any] = []
"""Every file the ``disk`` route opened, so that tests can see it closed."""


def media_file() -> Any:
    """``notes.md`` of ``MEDIA_ROOT``, opened for a response to send and close."""
    file = Path(settings.MEDIA_ROOT, 'notes.md').open('rb')  # noqa: SIM115 - the response closes it
    OPENED.append(file)
    return file


def rows() -> Iterator[bytes]:
    yield b'id,title\n'
    yield from (f'{number},row {number}\n'.encode() for number in range(3))


async def async_rows() -> AsyncIterator[bytes]:
    for row in rows():
        yield row


def csv_stream(request: HttpRequest) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        rows(),
        content_type='text/csv',
        headers={'Content-Disposition': 'attachment; filename="rows.csv"'},
    )


ANSWERS: dict[str, Callable[[HttpRequest], HttpResponse | StreamingHttpResponse]] = {
    'notes': lambda request: FileDownload(notes_file()),
    'named': lambda request: FileDownload(
        notes_file(), filename=request.GET['name'], content_type='text/markdown'
    ),
    'inline': lambda request: FileDownload(notes_file(), as_attachment=False),
    'html': lambda request: FileDownload(notes_file(), content_type='text/html'),
    'unnamed': lambda request: FileDownload(
        io.BytesIO(NOTES), content_type='text/markdown', as_attachment=False
    ),
    'bytes': lambda request: HttpResponse(
        NOTES,
        content_type='text/markdown; charset=utf-8',
        headers={'Content-Disposition': 'attachment; filename="notes.md"'},
    ),
    'disk': lambda request: FileDownload(media_file()),
    'disk-html': lambda request: FileDownload(media_file(), content_type='text/html'),
    'async-content': lambda request: FileDownload(
        async_rows(), content_type='text/markdown', headers={'Content-Disposition': 'attachment'}
    ),
}


def answer(request: HttpRequest, name: str) -> HttpResponseBase:
    if name == 'gone':
        raise APIError('No such notes', status_code=404)
    return ANSWERS[name](request)


class Notes(Controller):
    @validate(MARKDOWN, MISSING)
    def get(self) -> HttpResponseBase:
        return answer(self.request, self.kwargs['name'])


class AsyncNotes(Controller):
    @validate(MARKDOWN, MISSING)
    async def get(self) -> HttpResponseBase:
        return answer(self.request, self.kwargs['name'])


class Rows(Controller):
    @validate(ResponseSpec(FileBody('text/csv'), status_code=200))
    def get(self) -> HttpResponseBase:
        return csv_stream(self.request)


class AsyncRows(Controller):
    @validate(ResponseSpec(FileBody('text/csv'), status_code=200))
    async def get(self) -> HttpResponseBase:
        return csv_stream(self.request)


class Picture(Controller):
    @validate(
        ResponseSpec(FileBody('image/png', 'image/jpeg', disposition=None), status_code=200),
    )
    def get(self) -> HttpResponse:
        return HttpResponse(b'\x89PNG\r\n', content_type='image/png')


router = Router(
    'api/',
    [
        path('sync/notes/<str:name>/', Notes.as_view()),
        path('async/notes/<str:name>/', AsyncNotes.as_view()),
        path('sync/rows/', Rows.as_view()),
        path('async/rows/', AsyncRows.as_view()),
        path('picture/', Picture.as_view()),
    ],
)
urlpatterns = [router.to_urlpatterns(namespace='api')]
