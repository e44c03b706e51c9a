"""Checks a multipart body's structure as it streams into Django's parser.

Django's ``MultiPartParser`` is lenient where an API must not be: it skips a
part without a name, replaces invalid UTF-8 in names, strips a path from a
file name, and accepts a body cut before its closing boundary. The scanner
sits between the body stream and that parser, sees every byte once, keeps no
more than a part's headers, and refuses those bodies with a 400.
"""

import re
from collections.abc import Callable

from django.utils.translation import gettext

from dmr.errors import ErrorType, RequestValidationError, error_detail

#: The longest header section of one part that is read.
MAX_PART_HEADERS = 8 * 1024
# RFC 2046: 1 to 70 characters from this set, not ending with a space.
_BOUNDARY = re.compile(r"[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]")
_PARAMETER = re.compile(rb';\s*([A-Za-z*]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)')


def malformed(message: str, loc: tuple[str, ...] = ('body',)) -> RequestValidationError:
    """A 400 for a body that is not well-formed multipart."""
    return RequestValidationError([error_detail(message, list(loc), ErrorType.PARSE_ERROR)])


def checked_boundary(boundary: str | None) -> bytes:
    """The boundary as bytes; a 400 at ``Content-Type`` when missing or invalid."""
    if boundary is None:
        message = gettext('multipart Content-Type needs a boundary')
        raise malformed(message, ('headers', 'content-type'))
    if not _BOUNDARY.fullmatch(boundary):
        raise malformed(gettext('Invalid multipart boundary'), ('headers', 'content-type'))
    return boundary.encode('ascii')


class Scanner:
    """A ``read(size)`` that checks the multipart structure of what it returns."""

    __slots__ = ('_buffer', '_read', '_state', 'delimiter', 'finished', 'parts')

    def __init__(self, read: Callable[[int], bytes], boundary: bytes) -> None:
        self._read = read
        self.delimiter = b'--' + boundary
        self._buffer = b''
        self._state = 'preamble'
        self.finished = False
        self.parts = 0

    def read(self, size: int = -1) -> bytes:
        """Read from the body and check it."""
        chunk = self._read(size)
        if chunk and self._state != 'epilogue':
            self._feed(chunk)
        return chunk

    def check_end(self) -> None:
        """Refuse a body that stopped before its closing boundary."""
        if self.finished:
            return
        raise malformed(gettext('Multipart body is truncated: the closing boundary is missing'))

    def _feed(self, chunk: bytes) -> None:
        buffer = self._buffer + chunk
        position = 0
        while self._state != 'epilogue':
            if self._state in {'preamble', 'data'}:
                marker = self.delimiter if self._state == 'preamble' else b'\r\n' + self.delimiter
                found = buffer.find(marker, position)
                if found < 0:
                    position = max(position, len(buffer) - len(marker) + 1)
                    break
                position = found + len(marker)
                self._state = 'delimiter'
            elif self._state == 'delimiter':
                if len(buffer) - position < 2:
                    break
                if buffer[position : position + 2] == b'--':
                    self.finished = True
                    self._state = 'epilogue'
                    break
                self._state = 'headers'
            else:
                end = buffer.find(b'\r\n\r\n', position)
                if end < 0:
                    if len(buffer) - position > MAX_PART_HEADERS:
                        raise malformed(gettext('The headers of a multipart part are too long'))
                    break
                self._check_headers(buffer[position:end])
                position = end + 4
                self._state = 'data'
        self._buffer = buffer[position:]

    def _check_headers(self, raw: bytes) -> None:
        self.parts += 1
        try:
            raw.decode('utf-8')
        except UnicodeDecodeError:
            message = gettext('The headers of a multipart part are not valid UTF-8')
            raise malformed(message) from None
        disposition = next(
            (
                line
                for line in raw.split(b'\r\n')
                if line.lower().startswith(b'content-disposition:')
            ),
            None,
        )
        if disposition is None:
            raise malformed(gettext('A multipart part has no Content-Disposition header'))
        params = {
            name.lower(): value.strip(b'"') for name, value in _PARAMETER.findall(disposition)
        }
        if not params.get(b'name'):
            raise malformed(gettext('A multipart part has no name'))
        filename = params.get(b'filename', params.get(b'filename*'))
        if filename is not None and (
            b'/' in filename or b'\\' in filename or b'%2f' in filename.lower()
        ):
            raise malformed(gettext('A file name must not contain a path'))
