"""Form parsers: ``application/x-www-form-urlencoded`` and ``multipart/form-data``.

Both work for POST, PUT and PATCH alike: the multipart parser runs Django's
``MultiPartParser`` itself, with the request's upload handlers, so large
files spill to temporary files as Django's settings say. What it parsed is
stored as ``request.POST`` and ``request.FILES``, so Django closes (and
deletes) the temporary files when the request closes, whatever the method.
"""

from typing import Any, cast
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import QueryDict
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext

from dmr._multipart_scan import Scanner, checked_boundary, malformed
from dmr._request_body import RequestBody
from dmr._spill import per_file_handlers
from dmr.errors import ErrorType, RequestValidationError, error_detail
from dmr.files import FileLimit, FormData, LimitsHandler
from dmr.serializer import TypeAdapter


def _too_many(kind: str) -> RequestValidationError:
    if kind == 'fields':
        message = gettext('Too many fields: more than %(setting)s allows') % {
            'setting': 'DATA_UPLOAD_MAX_NUMBER_FIELDS',
        }
        error_type = ErrorType.TOO_MANY_FIELDS
    else:
        message = gettext('Too many files: more than %(setting)s allows') % {
            'setting': 'DATA_UPLOAD_MAX_NUMBER_FILES',
        }
        error_type = ErrorType.TOO_MANY_FILES
    return RequestValidationError([error_detail(message, ['body'], error_type)])


def _single_values(form: FormData) -> dict[str, str]:
    return dict(form.fields)


class FormParser:
    """``application/x-www-form-urlencoded``: text fields, no files.

    The body is read whole (``DATA_UPLOAD_MAX_MEMORY_SIZE``, 413 past it);
    more than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` fields, or a body that is
    not UTF-8 once unquoted, is a 400.
    """

    media_type = 'application/x-www-form-urlencoded'

    def parse(self, body: RequestBody, adapter: TypeAdapter, /) -> Any:
        """Validate the fields with ``adapter``, the last value of a repeated key winning."""
        return adapter.from_python(_single_values(self.parse_form(body)))

    def parse_form(self, body: RequestBody, /) -> FormData:
        """The body's fields, in order."""
        try:
            fields = parse_qsl(
                body.read().decode('ascii'),
                keep_blank_values=True,
                encoding='utf-8',
                errors='strict',
                max_num_fields=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
            )
        except UnicodeDecodeError:
            raise malformed(
                gettext('A form body must be ASCII, and UTF-8 once percent-decoded'),
            ) from None
        except ValueError:
            raise _too_many('fields') from None
        return FormData(fields)


class MultipartParser:
    """``multipart/form-data``: text fields and uploaded files.

    ``max_file_size`` limits every file (per field limits are
    :class:`dmr.files.FileLimit`), ``max_request_size`` the whole body: both
    stop the upload as soon as they are passed, and Django has neither.
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (the text fields), ``..._NUMBER_FIELDS``
    and ``..._NUMBER_FILES`` apply as in Django. A body over
    ``max_request_size`` is a 413; a malformed body (no or bad boundary, a
    part cut short, a part without a name, names that are not UTF-8, a file
    name with a path) is a 400.
    """

    media_type = 'multipart/form-data'

    def __init__(
        self,
        *,
        max_file_size: int | None = None,
        max_request_size: int | None = None,
    ) -> None:
        self.max_file_size = max_file_size
        self.max_request_size = max_request_size
        self.default_limit = None if max_file_size is None else FileLimit(max_size=max_file_size)

    def parse(self, body: RequestBody, adapter: TypeAdapter, /) -> Any:
        """Validate the text fields with ``adapter``; files are left out."""
        return adapter.from_python(_single_values(self.parse_form(body)))

    def parse_form(self, body: RequestBody, /) -> FormData:
        """The fields and files of the body, streamed through the upload handlers."""
        request = body.request
        if request.method == 'POST' and hasattr(request, '_files'):
            # Django parsed this POST already (a CSRF check or a middleware
            # read request.POST): its result is the form, held to the limits now.
            # For other methods Django leaves empty values and the body unread.
            post: QueryDict = request.POST
            files = request.FILES
            self._check_parsed(body, files)
        else:
            post, files = self._parse(body)
            request._post = post  # type: ignore[attr-defined]  # Django's own cache
            request._files = files  # type: ignore[attr-defined]  # closed with the request
        return FormData(
            [(key, value) for key, values in post.lists() for value in values],
            [(key, upload) for key, uploads in files.lists() for upload in uploads],
        )

    def _limits(self) -> list[LimitsHandler]:
        """The handler of ``max_file_size``, when set, to run before the body's own."""
        return [] if self.default_limit is None else [LimitsHandler({}, self.default_limit)]

    def _check_length(self, length: int | None) -> None:
        """A 413 for a declared length over ``max_request_size``."""
        limit = self.max_request_size
        if limit is not None and length is not None and length > limit:
            raise RequestDataTooBig(f'Request body exceeded the limit of {limit} bytes.')

    def _check_parsed(self, body: RequestBody, files: MultiValueDict[str, Any]) -> None:
        """Refuse a form Django parsed before the view as streaming would have.

        Django's own limits (field and file counts, the size of the text
        fields) held while it parsed; ``max_request_size`` and the limits on
        files did not, and are checked here, before a model sees the form.
        Django read ``Content-Length`` bytes (and nothing of a body without
        one), so that is the size held to ``max_request_size``.
        """
        self._check_length(body.content_length)
        checks = [
            *self._limits(),
            *(handler for handler in body.upload_handlers if isinstance(handler, LimitsHandler)),
        ]
        for name, uploads in files.lists():
            for upload in uploads:
                for check in checks:
                    check.check_upload(name, upload)

    def _parse(self, body: RequestBody) -> tuple[QueryDict, MultiValueDict[str, Any]]:
        boundary = checked_boundary(body.media_type.param('boundary'))
        length = body.content_length
        limit = self.max_request_size
        self._check_length(length)
        scanner = Scanner(body.stream(limit=limit), boundary)
        own = list(body.request.upload_handlers)
        handlers = [
            *self._limits(),
            *body.upload_handlers,
            *(own if length is not None else per_file_handlers(own)),
        ]
        meta = {
            'CONTENT_TYPE': f'multipart/form-data; boundary={boundary.decode()}',
            # Without a length (a chunked body), the request limit or the
            # largest size stands in; each file then stays in memory up to
            # FILE_UPLOAD_MAX_MEMORY_SIZE (dmr._spill), as Django's rule says.
            'CONTENT_LENGTH': str(length if length is not None else (limit or 2**62)),
        }
        try:
            stream = cast('Any', scanner)  # a file-like `read`, all Django uses
            parser = MultiPartParser(meta, stream, handlers, settings.DEFAULT_CHARSET)
            post, files = parser.parse()
        except BaseException as exc:
            _close_partial(handlers)
            refusal = _refusal(exc)
            if refusal is exc:
                raise
            raise refusal from None
        try:
            scanner.check_end()
        except RequestValidationError:
            for upload in (item for _, uploads in files.lists() for item in uploads):
                upload.close()
            raise
        return post, files


def _refusal(exc: BaseException) -> BaseException:
    """What answers for an exception of Django's parser (the error model's 400s)."""
    if isinstance(exc, TooManyFieldsSent):
        return _too_many('fields')
    if isinstance(exc, TooManyFilesSent):
        return _too_many('files')
    if isinstance(exc, MultiPartParserError):
        return malformed(gettext('Malformed multipart body: %(error)s') % {'error': exc})
    return exc


def _close_partial(handlers: list[Any]) -> None:
    """Close the files handlers were writing when the upload stopped."""
    for handler in handlers:
        file = getattr(handler, 'file', None)
        if file is not None:
            file.close()
