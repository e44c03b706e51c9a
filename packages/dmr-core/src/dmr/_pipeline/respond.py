"""Stage: render what the endpoint returned, and validate the response (422).

Response validation, when on, covers every response an endpoint answers
with, whoever builds it:

- a returned model is rendered by the negotiated renderer, and the rendered
  bytes are checked against the declared model;
- ``self.to_response(value, status_code=...)`` gives a
  :class:`PendingResponse`, rendered and checked here like a returned model;
- an ``HttpResponse`` built by hand must have a declared status, a media type
  one of the endpoint's renderers writes, and content that the declared model
  accepts, or no content when its status is declared without a body;
- a streamed response cannot be checked, so it is refused (an endpoint that
  streams turns response validation off), unless its status is declared
  with a :class:`~dmr.downloads.FileBody`: then any response class passes,
  and its media type and disposition are checked (:mod:`.check_file`).
"""

from collections.abc import Mapping
from typing import Any

from django.http import HttpResponse, HttpResponseBase

from dmr._negotiation import RendererTable
from dmr._pipeline.check_file import check_file
from dmr._pipeline.exchange import Exchange
from dmr._pipeline.response_table import ResponseEntry
from dmr._pipeline.stage import Stage
from dmr.downloads import FileBody
from dmr.error_formats import ErrorFormat
from dmr.errors import ErrorType, ResponseValidationError, error_detail, prefix_details
from dmr.renderers import Renderer
from dmr.responses import ResponseSpec
from dmr.serializer import Serializer, TypeAdapter

INVALID_RESPONSE = 'Raised when returned response does not match the response schema'


class PendingResponse(HttpResponse):
    """A response whose body the respond stage renders: ``self.to_response(...)``.

    Its headers and cookies may be set like any response's; the body is
    rendered with the negotiated renderer (and validated, when validation is
    on) once the endpoint or error handler returns it.
    """

    def __init__(self, value: Any, status_code: int, headers: Mapping[str, str]) -> None:
        super().__init__()
        self.status_code = status_code
        self.value = value
        for name, header in headers.items():
            self[name] = header


def validation_responses(*, validate: bool, error_model: Any) -> tuple[ResponseSpec, ...]:
    """What the respond stage may answer with: 422 when it validates."""
    if not validate:
        return ()
    return (ResponseSpec(error_model, status_code=422, description=INVALID_RESPONSE),)


class Respond(Stage):
    """Renders and validates the responses of one endpoint."""

    def __init__(
        self,
        *,
        table: dict[int, ResponseEntry],
        success: ResponseEntry | None,
        success_headers: Mapping[str, str],
        renderers: RendererTable,
        serializer: Serializer,
        any_adapter: TypeAdapter,
        error_format: ErrorFormat,
        validate: bool,
    ) -> None:
        self.table = table
        self.success = success
        self.success_headers = dict(success_headers)
        self.serializer = serializer
        self.validation_errors = serializer.validation_errors
        self.any_adapter = any_adapter
        self.error_format = error_format
        self.validate = validate
        self.success_is_error = (
            success is not None and success.spec.return_type is error_format.model
        )
        self.responses = validation_responses(validate=validate, error_model=error_format.model)
        self.by_media_type: dict[str, Renderer] = {}
        for renderer in renderers.renderers:
            self.by_media_type.setdefault(renderer.media_type, renderer)
            self.by_media_type.setdefault(error_format.media_type(renderer.media_type), renderer)

    def respond(self, exchange: Exchange, result: Any) -> HttpResponseBase:
        """Turn what the endpoint returned into its response."""
        success = self.success
        if success is not None:
            renderer = exchange.renderer
            if success.adapter is None or self.success_is_error:
                response = HttpResponse(status=success.spec.status_code)
                response.content = self.encode(renderer, result, success)
                return self.finish(renderer, response, success, self.success_headers)
            response = HttpResponse(
                self.encode(renderer, result, success),
                status=success.spec.status_code,
                content_type=renderer.media_type,
            )
            for name, header in self.success_headers.items():
                response[name] = header
            return response
        if isinstance(result, PendingResponse):
            return self.render_pending(exchange, result)
        if not isinstance(result, HttpResponseBase):
            raise TypeError(
                f'an endpoint annotated `-> HttpResponse` returned {type(result).__name__}; '
                'use self.to_response(...)',
            )
        if self.validate:
            self.check(result)
        return result

    def render(
        self,
        exchange: Exchange,
        value: Any,
        status_code: int,
        headers: Mapping[str, str],
    ) -> HttpResponse:
        """Render ``value`` as the response declared for ``status_code``."""
        return self.render_pending(exchange, PendingResponse(value, status_code, headers))

    def render_pending(self, exchange: Exchange, response: PendingResponse) -> HttpResponse:
        """Render the body of a :class:`PendingResponse` into it."""
        entry = self.entry(response.status_code)
        response.content = self.encode(exchange.renderer, response.value, entry)
        return self.finish(exchange.renderer, response, entry, {})

    def entry(self, status_code: int) -> ResponseEntry:
        """The declared response for ``status_code``; any body when not validating."""
        entry = self.table.get(status_code)
        if entry is not None:
            return entry
        if self.validate:
            raise self.undeclared(status_code)
        return ResponseEntry(ResponseSpec(Any, status_code=status_code), self.any_adapter)

    def encode(self, renderer: Renderer, value: Any, entry: ResponseEntry) -> bytes:
        """The body of ``value``, checked against ``entry`` when validating."""
        adapter = entry.adapter
        if adapter is None:
            if self.validate and value is not None:
                raise invalid_response(
                    f'A {entry.spec.status_code} response has no body; '
                    f'the endpoint returned {type(value).__name__}',
                )
            return b''
        try:
            content = renderer.render(value, adapter)
            if self.validate:
                renderer.validate(content, adapter)
        except self.validation_errors as exc:
            if not self.validate:
                raise
            raise self.invalid(exc) from exc
        return content

    def finish(
        self,
        renderer: Renderer,
        response: HttpResponse,
        entry: ResponseEntry,
        headers: Mapping[str, str],
    ) -> HttpResponse:
        """Give a rendered response its media type and headers."""
        if entry.adapter is None:
            del response['Content-Type']  # no body, so no media type
        elif entry.spec.return_type is self.error_format.model:
            response['Content-Type'] = self.error_format.media_type(renderer.media_type)
        else:
            response['Content-Type'] = renderer.media_type
        for name, header in headers.items():
            response[name] = header
        return response

    def check(self, response: HttpResponseBase) -> None:
        """Validate a response the endpoint built by hand."""
        entry = self.table.get(response.status_code)
        if entry is None:
            raise self.undeclared(response.status_code)
        if isinstance(entry.spec.return_type, FileBody):
            check_file(response, entry.spec.return_type)
            return
        if not isinstance(response, HttpResponse):
            raise invalid_response(
                f'A streamed {response.status_code} response cannot be validated; '
                'turn response validation off for this endpoint to stream',
            )
        if entry.adapter is None:
            if response.content:
                raise invalid_response(f'A {response.status_code} response has no body')
            return
        media_type = response.get('Content-Type', '').partition(';')[0].strip().lower()
        renderer = self.by_media_type.get(media_type)
        if renderer is None:
            offered = ', '.join(self.by_media_type)
            raise invalid_response(
                f'A {response.status_code} response of media type {media_type!r} cannot be '
                f'checked; this endpoint renders {offered}',
            )
        try:
            renderer.validate(response.content, entry.adapter)
        except self.validation_errors as exc:
            raise self.invalid(exc) from exc

    def invalid(self, exc: Exception) -> ResponseValidationError:
        """The error for a body that breaks its declaration, in the backend's words.

        These details are for the developer (``DEBUG`` shows them, and
        they are logged), so they keep the library's own message.
        """
        return ResponseValidationError(
            prefix_details('response', self.serializer.error_details(exc)),
        )

    def undeclared(self, status_code: int) -> ResponseValidationError:
        """The error for a response status the endpoint does not declare."""
        declared = ', '.join(str(status) for status in sorted(self.table))
        return invalid_response(
            f'Status {status_code} is not declared by this endpoint (declared: {declared}); '
            'add a ResponseSpec for it',
        )


def invalid_response(message: str) -> ResponseValidationError:
    """A response validation error with one detail at ``response``."""
    return ResponseValidationError(
        [error_detail(message, ['response'], ErrorType.RESPONSE_INVALID)],
    )
