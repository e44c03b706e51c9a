"""Reading a request body, bounded, whichever server delivers it.

With a ``Content-Length``, Django reads the body and enforces
``DATA_UPLOAD_MAX_MEMORY_SIZE`` itself. Without one (``Transfer-Encoding:
chunked``), Django's WSGI request sees an empty body, and its ASGI request
reads everything the client sent. So a body without a length is read here, in
chunks, and refused with 413 as soon as it outgrows the limit:

- under ASGI the server has already framed the body; it is read through
  ``request.read``;
- under WSGI it is read from ``wsgi.input`` when the server says that stream
  ends with the body (``wsgi.input_terminated``, PEP 3333, which gunicorn
  sets). A server that does not say so cannot hand the body over, and the
  answer is 411 Length Required: the client can send it again with a length.
"""

import io
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from django.utils.translation import gettext

from dmr.errors import ErrorType, LengthRequiredError, RequestValidationError, error_detail

_CHUNK_SIZE = 64 * 1024


_MAX_LENGTH_DIGITS = 18
"""A ``Content-Length`` of more digits is past any limit (and past what ``int`` reads)."""


def declared_length(request: HttpRequest) -> str | None:
    """The request's ``Content-Length`` when it has one, checked (RFC 9110: digits only).

    Anything else is a 400 at the header (Django would fail reading it); a
    number too long to be real is a 413, as any body over the limit.
    """
    raw: str | None = request.META.get('CONTENT_LENGTH')
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()):
        raise RequestValidationError(
            [
                error_detail(
                    gettext('Content-Length must be a whole number of bytes, such as `512`'),
                    ['headers', 'content-length'],
                    ErrorType.VALUE_ERROR,
                ),
            ]
        )
    if len(raw) > _MAX_LENGTH_DIGITS:
        raise RequestDataTooBig('Content-Length is past any limit.')
    return raw


def read_body(request: HttpRequest) -> bytes:
    """The request's body, never more than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` of it."""
    meta = request.META
    if declared_length(request):
        return request.body
    if 'wsgi.input' not in meta:
        return _read_bounded(request, request.read)
    if meta.get('wsgi.input_terminated'):
        return _read_bounded(request, meta['wsgi.input'].read)
    if meta.get('HTTP_TRANSFER_ENCODING'):
        raise _length_required()
    return request.body


def stream_reader(request: HttpRequest) -> Callable[[int], bytes]:
    """The body's ``read(size)``, unbuffered: the same sources as :func:`read_body`."""
    meta = request.META
    if hasattr(request, '_body'):
        return io.BytesIO(request.body).read
    if declared_length(request) or 'wsgi.input' not in meta:
        return request.read
    if meta.get('wsgi.input_terminated'):
        read: Callable[[int], bytes] = meta['wsgi.input'].read
        return read
    if meta.get('HTTP_TRANSFER_ENCODING'):
        raise _length_required()
    return request.read


def _length_required() -> LengthRequiredError:
    return LengthRequiredError(
        [
            error_detail(
                gettext(
                    'This server cannot read a body without Content-Length; '
                    'send the body with a Content-Length header',
                ),
                ['headers', 'content-length'],
                ErrorType.LENGTH_REQUIRED,
            ),
        ]
    )


def _read_bounded(request: HttpRequest, read: Callable[[int], bytes]) -> bytes:
    limit: int | None = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    chunks: list[bytes] = []
    size = 0
    while True:
        wanted = _CHUNK_SIZE if limit is None else min(_CHUNK_SIZE, limit + 1 - size)
        chunk = read(wanted)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if limit is not None and size > limit:
            raise RequestDataTooBig(
                'Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.',
            )
    body = b''.join(chunks)
    # What was read is what `request.body` answers from now on, as after
    # Django's own reading.
    request._body = body
    return body
