"""Reading forms: the fields of ``Body[T]`` and the uploads of ``Files[T]``.

A form parser (one with ``parse_form``) returns text fields and files; the
fields are read like a query string (by the text table of the body's model,
repeated keys as lists for array fields) and the files are grouped by field,
checked against their limits and validated by the ``Files`` model's adapter.
When an endpoint takes both, one extractor reads the body once for the two.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext, gettext_lazy

from dmr._negotiation import ParserTable
from dmr._request_body import RequestBody
from dmr._text_fields import TextFields
from dmr.components import Component
from dmr.errors import (
    ErrorDetail,
    ErrorType,
    RequestValidationError,
    UnsupportedMediaTypeError,
    error_detail,
    prefix_details,
)
from dmr.files import FileLimit, FormData, LimitsHandler, Upload
from dmr.serializer import Serializer, TypeAdapter

_UNEXPECTED = gettext_lazy('Unexpected file')


def select(
    parsers: ParserTable, request: HttpRequest, *, allow_nul: bool
) -> tuple[Any, RequestBody]:
    """The parser for the request's ``Content-Type`` and the body it receives (415 if none)."""
    content_type = request.META.get('CONTENT_TYPE')
    if not content_type:
        raise missing_content_type(parsers)
    parser, charset, media_type = parsers.select(content_type)
    return parser, RequestBody(request, media_type, charset, allow_nul)


def missing_content_type(parsers: ParserTable) -> UnsupportedMediaTypeError:
    """The 415 of a request without ``Content-Type``."""
    return UnsupportedMediaTypeError(
        [
            error_detail(
                gettext('Missing Content-Type header; use one of: %(offered)s')
                % {'offered': ', '.join(parsers.parsers)},
                ['headers', 'content-type'],
                ErrorType.UNSUPPORTED_MEDIA_TYPE,
            ),
        ]
    )


def form_parsers(parsers: ParserTable) -> frozenset[int]:
    """The ids of the parsers that read forms (those with ``parse_form``)."""
    return frozenset(
        id(parser) for parser in parsers.parsers.values() if hasattr(parser, 'parse_form')
    )


class FormFields:
    """Validates a form's text fields with a body adapter."""

    __slots__ = ('adapter', 'arrays', 'serializer', 'text')

    def __init__(
        self, serializer: Serializer, annotation: Any, adapter: TypeAdapter, *, allow_nul: bool
    ) -> None:
        self.serializer = serializer
        self.adapter = adapter
        self.arrays = adapter.array_fields
        self.text = TextFields(serializer, annotation, 'body', allow_nul=allow_nul)

    def validate(self, fields: Sequence[tuple[str, str]]) -> Any:
        """The validated body; errors are raised with their ``loc`` under ``body``."""
        data: dict[str, Any] = {}
        for key, value in fields:
            if key in self.arrays:
                data.setdefault(key, []).append(value)
            else:
                data[key] = value
        try:
            return self.text.validate(self.adapter, data)
        except self.serializer.validation_errors as exc:
            raise RequestValidationError(
                prefix_details('body', self.serializer.error_details(exc)),
            ) from None


class FormFiles:
    """Validates a form's uploads with a ``Files`` adapter, after their limits."""

    __slots__ = ('adapter', 'arrays', 'declared', 'limits', 'serializer')

    def __init__(
        self,
        serializer: Serializer,
        adapter: TypeAdapter,
        declared: tuple[str, ...] | None,
        limits: Mapping[str, FileLimit],
    ) -> None:
        self.serializer = serializer
        self.adapter = adapter
        self.arrays = adapter.array_fields
        self.declared = None if declared is None else frozenset(declared)
        self.limits = limits

    def handlers(self) -> tuple[LimitsHandler, ...]:
        """The upload handler enforcing the per-field limits while the body streams."""
        return (LimitsHandler(self.limits, None),) if self.limits else ()

    def validate(self, files: Sequence[tuple[str, Upload]], default: FileLimit | None) -> Any:
        """The validated files; errors are raised with their ``loc`` under ``files``."""
        grouped: dict[str, list[Upload]] = {}
        for name, upload in files:
            grouped.setdefault(name, []).append(upload)
        errors: list[ErrorDetail] = []
        data: dict[str, Any] = {}
        for name, uploads in grouped.items():
            if self.declared is not None and name not in self.declared:
                errors.append(
                    error_detail(_UNEXPECTED, ['files', name], ErrorType.EXTRA_FORBIDDEN)
                )
                continue
            limit = self.limits.get(name, default)
            refused = [
                detail
                for upload in uploads
                if limit is not None
                and (
                    detail := limit.refusal(
                        name, size=upload.size or 0, content_type=upload.content_type or ''
                    )
                )
            ]
            if refused:
                errors.append(refused[0])
            elif name in self.arrays:
                data[name] = uploads
            elif len(uploads) > 1:
                errors.append(
                    error_detail(
                        gettext('Expected one file, got %(count)s') % {'count': len(uploads)},
                        ['files', name],
                        ErrorType.TYPE_ERROR,
                    ),
                )
            else:
                data[name] = uploads[0]
        try:
            value = self.adapter.from_python(data)
        except self.serializer.validation_errors as exc:
            failed = {detail['loc'][1] for detail in errors}
            errors.extend(
                detail
                for detail in prefix_details('files', self.serializer.error_details(exc))
                if detail['loc'][1:2] == [] or detail['loc'][1] not in failed
            )
            value = None
        if errors:
            raise RequestValidationError(errors)
        return value


def refuse_files(form: FormData) -> None:
    """A body-only endpoint takes no uploads: each is an unexpected file."""
    if form.files:
        raise RequestValidationError(
            [
                error_detail(_UNEXPECTED, ['files', name], ErrorType.EXTRA_FORBIDDEN)
                for name, _ in form.files
            ],
        )


class FormExtractor:
    """``Body[T]`` (optional) and ``Files[T]`` of one endpoint, from one parse."""

    component = Component.FILES

    def __init__(
        self,
        parsers: ParserTable,
        body: tuple[str, FormFields] | None,
        files: tuple[str, FormFiles],
        *,
        allow_nul: bool,
    ) -> None:
        self.parsers = parsers
        self.forms = form_parsers(parsers)
        self.body = body
        self.files_name, self.files = files
        self.allow_nul = allow_nul

    def __call__(self, request: HttpRequest, _path_kwargs: dict[str, Any], /) -> dict[str, Any]:
        """The arguments of both parameters, by name; every error of both together."""
        parser, body = select(self.parsers, request, allow_nul=self.allow_nul)
        body.upload_handlers = self.files.handlers()
        is_form = id(parser) in self.forms
        form: FormData = parser.parse_form(body) if is_form else FormData(())
        values: dict[str, Any] = {}
        errors: list[ErrorDetail] = []
        if self.body is not None:
            name, fields = self.body
            try:
                values[name] = (
                    fields.validate(form.fields) if is_form else parser.parse(body, fields.adapter)
                )
            except RequestValidationError as exc:
                errors.extend(exc.details)
            except fields.serializer.validation_errors as exc:
                errors.extend(prefix_details('body', fields.serializer.error_details(exc)))
        try:
            values[self.files_name] = self.files.validate(
                form.files,
                getattr(parser, 'default_limit', None),
            )
        except RequestValidationError as exc:
            errors.extend(exc.details)
        if errors:
            raise RequestValidationError(errors)
        return values
