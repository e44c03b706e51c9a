"""The request body as a parser receives it: :class:`dmr.parsers.RequestBody`.

Built by the body's extractor once a parser is chosen, so a request whose
endpoint takes no body never builds one. A parser reads the body whole with
:meth:`RequestBody.read` (bounded by ``DATA_UPLOAD_MAX_MEMORY_SIZE``), or
streams it once with :meth:`RequestBody.stream` (bounded by the request
limit of :mod:`dmr.files`), never both.
"""

from collections.abc import Callable, Sequence

from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest
from django.http.request import HttpHeaders
from django.utils.translation import gettext

from dmr._body import read_body, stream_reader
from dmr._media_types import MediaType, parse_media_type
from dmr.errors import (
    ErrorType,
    RequestValidationError,
    UnsupportedMediaTypeError,
    error_detail,
)

_ONCE = 'The request body is read once: by read() or by stream()'


class BodyConsumedError(RuntimeError):
    """:meth:`RequestBody.stream` or :meth:`RequestBody.read` was called twice."""


class RequestBody:
    """One request's body, its media type and what reading it needs.

    ``media_type`` is the parsed ``Content-Type`` (``media_type.param('boundary')``
    reads a parameter), ``charset`` the codec a text body is re-encoded from
    (``None`` for UTF-8), ``allow_nul`` the project's ``allow_nul`` setting,
    and ``upload_handlers`` the handlers that enforce the endpoint's upload
    limits, to run before the request's own (``request.upload_handlers``).
    """

    __slots__ = ('_handlers', '_used', 'allow_nul', 'charset', 'media_type', 'request')

    def __init__(
        self,
        request: HttpRequest,
        media_type: MediaType,
        charset: str | None,
        allow_nul: bool,  # noqa: FBT001 - positional: built on every request, kept cheap
    ) -> None:
        self.request = request
        self.media_type = media_type
        self.charset = charset
        self.allow_nul = allow_nul
        self._used = False
        self._handlers: Sequence[FileUploadHandler] = ()

    @classmethod
    def of(cls, request: HttpRequest, *, allow_nul: bool = False) -> 'RequestBody':
        """The body of ``request`` as dmr hands it to a parser: for a parser's own tests.

        The ``Content-Type`` is parsed here (``application/octet-stream``
        when it is missing or malformed), and its charset is not read.
        """
        media_type = parse_media_type(request.META.get('CONTENT_TYPE') or '') or MediaType(
            'application', 'octet-stream'
        )
        return cls(request, media_type, None, allow_nul)

    @property
    def upload_handlers(self) -> Sequence[FileUploadHandler]:
        """Handlers to run before the request's own (the endpoint's upload limits)."""
        return self._handlers

    @upload_handlers.setter
    def upload_handlers(self, handlers: Sequence[FileUploadHandler]) -> None:
        self._handlers = handlers

    @property
    def headers(self) -> HttpHeaders:
        """The request's headers, case-insensitive."""
        return self.request.headers

    @property
    def content_length(self) -> int | None:
        """The declared ``Content-Length``; ``None`` when absent or not a number."""
        raw = self.request.META.get('CONTENT_LENGTH')
        if not raw:
            return None
        try:
            length = int(raw)
        except ValueError:
            return None
        return length if length >= 0 else None

    def read(self) -> bytes:
        """The whole body, at most ``DATA_UPLOAD_MAX_MEMORY_SIZE`` of it (413 past it).

        A body sent in another charset than UTF-8 is returned re-encoded as
        UTF-8; a body that is not valid in its charset is a 400.
        """
        if self._used:
            raise BodyConsumedError(_ONCE)
        self._used = True
        body = read_body(self.request)
        if self.charset is None:
            return body
        try:
            return body.decode(self.charset).encode()
        except LookupError:
            raise UnsupportedMediaTypeError(
                [
                    error_detail(
                        gettext('Unknown charset %(charset)s') % {'charset': repr(self.charset)},
                        ['headers', 'content-type'],
                        ErrorType.UNSUPPORTED_MEDIA_TYPE,
                    ),
                ]
            ) from None
        except UnicodeError as exc:  # some codecs raise the base class
            raise RequestValidationError(
                [
                    error_detail(
                        gettext('Body is not valid %(charset)s: %(error)s')
                        % {'charset': self.charset, 'error': exc},
                        ['body'],
                        ErrorType.PARSE_ERROR,
                    ),
                ]
            ) from None

    def stream(self, *, limit: int | None = None) -> Callable[[int], bytes]:
        """The body's ``read(size)``, to call until it returns ``b''``; once per request.

        With ``limit``, reading past ``limit`` bytes raises Django's
        ``RequestDataTooBig`` (a 413), whatever ``Content-Length`` says.
        """
        if self._used:
            raise BodyConsumedError(_ONCE)
        self._used = True
        read = stream_reader(self.request)
        if limit is None:
            return read
        return _Bounded(read, limit)


class _Bounded:
    """A ``read(size)`` that refuses to go past ``limit`` bytes."""

    __slots__ = ('limit', 'read', 'seen')

    def __init__(self, read: Callable[[int], bytes], limit: int) -> None:
        self.read = read
        self.limit = limit
        self.seen = 0

    def __call__(self, size: int = -1) -> bytes:
        wanted = self.limit + 1 - self.seen
        chunk: bytes = self.read(wanted if size < 0 else min(size, wanted))
        self.seen += len(chunk)
        if self.seen > self.limit:
            raise RequestDataTooBig(f'Request body exceeded the limit of {self.limit} bytes.')
        return chunk
