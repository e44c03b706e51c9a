"""File downloads: declare a file response, answer it, stream it under ASGI.

An endpoint that answers a file declares it with ``ResponseSpec(FileBody(...),
status_code=...)``: the media types it may have and its ``Content-Disposition``.
Response validation then accepts a :class:`FileDownload` (or Django's
``FileResponse``, a ``StreamingHttpResponse`` or an ``HttpResponse``) of one
of those media types, and the OpenAPI document shows the file and the header.

>>> class ReportController(Controller):
...     @validate(ResponseSpec(FileBody('text/csv'), status_code=200))
...     def get(self) -> HttpResponse:
...         return FileDownload(open(REPORT, 'rb'), filename='report.csv')
"""

import asyncio
import re
import unicodedata
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any, Literal, cast
from urllib.parse import quote

from asgiref.sync import sync_to_async
from django.http import FileResponse

Disposition = Literal['attachment', 'inline']
"""How a client should present a file: save it, or show it in place."""

_ESSENCE = re.compile(r"[!#$%&'+\-.^_`|~0-9a-z]+/[!#$%&'+\-.^_`|~0-9a-z]+")
# What no file name keeps: C0 and C1 controls, DEL, and the separators of
# the paths of every common system.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f]')
_SEPARATORS = re.compile(r'[/\\]')
_NOT_QUOTABLE = re.compile(r'[^\x20-\x7e]|["\\%]')
FALLBACK_NAME = 'download'
"""The name sent when a file name has nothing left once made safe."""


@dataclass(frozen=True, slots=True, init=False)
class FileBody:
    """The body of a file response: one of ``media_types``, sent as ``disposition``.

    Use it as the ``return_type`` of a :class:`dmr.ResponseSpec`::

        ResponseSpec(FileBody('image/png', 'image/jpeg'), status_code=200)

    ``disposition`` is the ``Content-Disposition`` type every such response
    carries (``'attachment'``, the default, or ``'inline'``), or ``None``
    when the response sends no ``Content-Disposition``.
    """

    media_types: tuple[str, ...]
    disposition: Disposition | None

    def __init__(self, *media_types: str, disposition: Disposition | None = 'attachment') -> None:
        """Refuse what cannot be a media type, so that a typo fails at import time."""
        if not media_types:
            raise ValueError('FileBody needs at least one media type, such as "text/csv"')
        for media_type in media_types:
            if not _ESSENCE.fullmatch(media_type):
                raise ValueError(
                    f'{media_type!r} is not a lowercase "type/subtype" media type '
                    '(no parameters, no wildcards)',
                )
        if disposition not in {'attachment', 'inline', None}:
            raise ValueError(f'disposition is "attachment", "inline" or None, not {disposition!r}')
        object.__setattr__(self, 'media_types', tuple(dict.fromkeys(media_types)))
        object.__setattr__(self, 'disposition', disposition)


def safe_filename(filename: str) -> str:
    r"""``filename`` reduced to a name a client can save as it is.

    Directories are dropped (after ``/`` or ``\``), control characters
    (CR and LF included) removed, the text put in Unicode NFC, and a name
    that is then empty, ``.`` or ``..`` becomes :data:`FALLBACK_NAME`.
    """
    name = _SEPARATORS.split(filename)[-1]
    name = unicodedata.normalize('NFC', _UNSAFE.sub('', name)).strip()
    return FALLBACK_NAME if name in {'', '.', '..'} else name


def content_disposition(filename: str, *, disposition: Disposition = 'attachment') -> str:
    """A ``Content-Disposition`` value for ``filename`` (RFC 6266), safe to send.

    The name is made safe with :func:`safe_filename`. A name of printable
    ASCII goes in ``filename="..."``; any other also goes, percent-encoded
    as UTF-8, in ``filename*``, after an ASCII ``filename`` in which each
    character that cannot be sent (a quote, a backslash, a non-ASCII
    letter) is ``_``, for clients that do not read ``filename*``. So
    ``naïve "x".md`` is sent as
    ``attachment; filename="na_ve _x_.md"; filename*=UTF-8''na%C3%AFve%20%22x%22.md``.
    """
    name = safe_filename(filename)
    fallback = _NOT_QUOTABLE.sub('_', name)
    if fallback == name:
        return f'{disposition}; filename="{name}"'
    return f'{disposition}; filename="{fallback}"; filename*=UTF-8\'\'{quote(name, safe="")}'


class FileDownload(FileResponse):
    """Django's ``FileResponse``, with a safe file name, streamed under ASGI too.

    It takes ``FileResponse``'s arguments (``as_attachment`` defaults to
    ``True`` here): ``FileDownload(open(path, 'rb'), filename='report.csv')``.
    Under WSGI it is a ``FileResponse`` (the server may use
    ``wsgi.file_wrapper``). Under ASGI, where Django reads a ``FileResponse``
    whole into memory before sending it, it reads one block at a time in a
    worker thread and sends each before the next is read, so serving a file
    takes the memory of one block, whatever the file's size.
    """

    block_size = 64 * 1024

    def __init__(self, *args: Any, as_attachment: bool = True, **kwargs: Any) -> None:
        """See ``django.http.FileResponse``."""
        super().__init__(*args, as_attachment=as_attachment, **kwargs)

    def set_headers(self, filelike: Any) -> None:
        """Set ``FileResponse``'s headers, with the file name made safe first."""
        name = getattr(filelike, 'name', '')
        filename = self.filename or (name if isinstance(name, str) else '')
        self.filename = safe_filename(filename) if filename else ''
        super().set_headers(filelike)
        if self.filename:
            self.headers['Content-Disposition'] = content_disposition(
                self.filename,
                disposition='attachment' if self.as_attachment else 'inline',
            )

    def __aiter__(self) -> AsyncIterator[bytes]:
        """The body, one block at a time, each read in a worker thread."""
        if self.is_async:
            return super().__aiter__()
        if self.file_to_stream is not None:
            return self._read_blocks(self.file_to_stream)
        return _thread_iteration(iter(cast('Iterator[bytes]', self.streaming_content)))

    async def _read_blocks(self, file: Any) -> AsyncIterator[bytes]:
        size = self.block_size
        while block := await asyncio.to_thread(file.read, size):
            yield self.make_bytes(block)


async def _thread_iteration(iterator: Iterator[bytes]) -> AsyncIterator[bytes]:
    """Each item of a sync iterator, taken in Django's thread for sync code.

    A middleware that wrapped the file's content (in a generator that may
    touch Django's state) is served like this: one thread hop per item,
    never a list of them all.
    """
    step = sync_to_async(_next_item, thread_sensitive=True)
    while (part := await step(iterator)) is not None:
        yield part


def _next_item(iterator: Iterator[bytes]) -> bytes | None:
    return next(iterator, None)
