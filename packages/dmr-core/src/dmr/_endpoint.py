"""One compiled endpoint: the request pipeline.

negotiate -> parse components -> call -> validate -> render. Everything the
pipeline needs (adapters, negotiation tables, the response table, the error
handlers) is built here once, when the controller is compiled.
"""

import inspect
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase

from dmr._adapters import adapter_for, compile_adapter
from dmr._error_responses import default_error_response, framework_error_response
from dmr._extractors import Extractor, build_extractor
from dmr._negotiation import ParserTable, RendererTable
from dmr._response_table import ResponseEntry, build_response_table
from dmr._signature import EndpointSignature
from dmr.error_formats import ErrorFormat
from dmr.errors import (
    EndpointDefinitionError,
    ErrorDetail,
    ErrorType,
    FrameworkError,
    RequestValidationError,
    ResponseValidationError,
    error_detail,
)
from dmr.parsers import Parser
from dmr.renderers import Renderer
from dmr.responses import ResponseSpec
from dmr.serializer import Serializer

if TYPE_CHECKING:
    from dmr.controller import Controller, ErrorHandler


@dataclass(frozen=True, slots=True)
class EndpointConfig:
    """What a controller and the settings contribute to each endpoint."""

    serializer: Serializer
    parsers: tuple[Parser, ...]
    renderers: tuple[Renderer, ...]
    validate_responses: bool
    responses: tuple[ResponseSpec, ...]
    error_handlers: tuple['ErrorHandler', ...]
    error_format: ErrorFormat


def prefix_details(loc: str | int, details: list[ErrorDetail]) -> list[ErrorDetail]:
    """Place backend error details under ``loc`` (a component, say)."""
    return [
        {
            'msg': detail['msg'],
            'loc': [loc, *detail.get('loc', ())],
            'type': detail.get('type', ErrorType.VALUE_ERROR),
        }
        for detail in details
    ]


class Endpoint:
    """A controller method compiled into a request pipeline."""

    def __init__(self, signature: EndpointSignature, config: EndpointConfig) -> None:
        self.signature = signature
        self.func = signature.func
        serializer = config.serializer
        self.serializer = serializer
        self.validation_errors = serializer.validation_errors
        options = signature.options
        self.validate = (
            config.validate_responses
            if options.validate_responses is None
            else options.validate_responses
        )
        self.renderers = RendererTable(config.renderers)
        self.parsers = ParserTable(config.parsers)
        self.extractors: tuple[tuple[str, Extractor], ...] = tuple(
            (
                parameter.name,
                build_extractor(
                    parameter.component,
                    parameter.annotation,
                    serializer,
                    compile_adapter(
                        signature.qualname,
                        serializer,
                        parameter.annotation,
                        direction='request',
                        role=f'parameter {parameter.name!r}',
                    ),
                    self.parsers,
                ),
            )
            for parameter in signature.parameters
        )
        self.error_format = config.error_format
        self.responses = build_response_table(
            signature,
            config.responses,
            serializer,
            validate_responses=self.validate,
            error_model=self.error_format.model,
        )
        self.success: ResponseEntry | None = (
            None if signature.success is None else self.responses[signature.success.status_code]
        )
        self.success_headers = dict(options.headers)
        self.error_adapter = adapter_for(serializer, self.error_format.model, 'response')
        self.any_adapter = adapter_for(serializer, Any, 'response')
        handlers = (options.error_handler, *config.error_handlers)
        self.error_handlers = tuple(handler for handler in handlers if handler is not None)
        if not signature.is_async:
            for handler in self.error_handlers:
                if inspect.iscoroutinefunction(handler):
                    raise EndpointDefinitionError(
                        f'{signature.qualname}: error handler {handler!r} is async, '
                        'but the controller is sync',
                    )

    # The pipeline.

    def handle(
        self, controller: 'Controller[Any]', request: HttpRequest, path_kwargs: dict[str, Any]
    ) -> HttpResponseBase:
        """Serve one request with a sync endpoint."""
        try:
            kwargs = self.prepare(controller, request, path_kwargs)
            return self.respond(controller, self.func(controller, **kwargs))
        except Exception as exc:
            return self.handle_error(controller, exc)

    async def handle_async(
        self,
        controller: 'Controller[Any]',
        request: HttpRequest,
        path_kwargs: dict[str, Any],
    ) -> HttpResponseBase:
        """Serve one request with an async endpoint."""
        try:
            kwargs = self.prepare(controller, request, path_kwargs)
            return self.respond(controller, await self.func(controller, **kwargs))
        except Exception as exc:
            return await self.handle_error_async(controller, exc)

    def prepare(
        self, controller: 'Controller[Any]', request: HttpRequest, path_kwargs: dict[str, Any]
    ) -> dict[str, Any]:
        """Negotiate the renderer and parse every component."""
        controller.renderer = self.renderers.default
        accept = request.META.get('HTTP_ACCEPT')
        if accept is not None:
            controller.renderer = self.renderers.select(accept)
        kwargs: dict[str, Any] = {}
        errors: list[ErrorDetail] = []
        for name, extractor in self.extractors:
            try:
                kwargs[name] = extractor(request, path_kwargs)
            except self.validation_errors as exc:
                errors.extend(
                    prefix_details(extractor.component.loc, self.serializer.error_details(exc))
                )
            except RequestValidationError as exc:
                errors.extend(exc.details)
        if errors:
            raise RequestValidationError(errors)
        return kwargs

    def respond(self, controller: 'Controller[Any]', result: Any) -> HttpResponseBase:
        """Turn what the endpoint returned into a response."""
        if self.success is not None:
            return self.render(controller, result, self.success, self.success_headers)
        if not isinstance(result, HttpResponseBase):
            raise TypeError(
                f'{self.signature.qualname} is annotated `-> HttpResponse` but '
                f'returned {type(result).__name__}; use self.to_response(...)',
            )
        if self.validate and not getattr(result, '_dmr_validated', False):
            self.check_response(result)
        return result

    # Rendering and response validation.

    def render(
        self,
        controller: 'Controller[Any]',
        value: Any,
        entry: ResponseEntry,
        headers: Mapping[str, str],
    ) -> HttpResponse:
        """Render ``value`` as ``entry`` declares, validating if enabled."""
        status = entry.spec.status_code
        if entry.adapter is None:
            if self.validate and value is not None:
                raise self.invalid_response(
                    f'A {status} response has no body; '
                    f'the endpoint returned {type(value).__name__}',
                )
            response = HttpResponse(status=status)
            del response['Content-Type']  # no body, so no media type
        else:
            renderer = controller.renderer
            try:
                content = renderer.render(value, entry.adapter)
                if self.validate:
                    renderer.validate(content, entry.adapter)
            except self.validation_errors as exc:
                if not self.validate:
                    raise
                raise ResponseValidationError(
                    prefix_details('response', self.serializer.error_details(exc)),
                ) from exc
            response = HttpResponse(content, status=status, content_type=renderer.media_type)
        for name, header in headers.items():
            response[name] = header
        return response

    def to_response(
        self,
        controller: 'Controller[Any]',
        value: Any,
        status_code: int,
        headers: Mapping[str, str],
    ) -> HttpResponse:
        """Render ``value`` with the response declared for ``status_code``."""
        entry = self.responses.get(status_code)
        if entry is None:
            if self.validate:
                raise self.undeclared(status_code)
            entry = ResponseEntry(ResponseSpec(Any, status_code=status_code), self.any_adapter)
        response = self.render(controller, value, entry, headers)
        response._dmr_validated = True  # type: ignore[attr-defined]  # marks checked responses
        return response

    def check_response(self, response: HttpResponseBase) -> None:
        """Validate an ``HttpResponse`` the endpoint built by hand."""
        entry = self.responses.get(response.status_code)
        if entry is None:
            raise self.undeclared(response.status_code)
        if entry.adapter is None or not isinstance(response, HttpResponse):
            return
        media_type = response.get('Content-Type', '').partition(';')[0].strip().lower()
        for renderer in self.renderers.renderers:
            if renderer.media_type == media_type:
                try:
                    renderer.validate(response.content, entry.adapter)
                except self.validation_errors as exc:
                    raise ResponseValidationError(
                        prefix_details('response', self.serializer.error_details(exc)),
                    ) from exc
                return

    def undeclared(self, status_code: int) -> ResponseValidationError:
        """The error for a response status the endpoint did not declare."""
        declared = ', '.join(str(status) for status in sorted(self.responses))
        return self.invalid_response(
            f'{self.signature.qualname} returned status {status_code}, which it '
            f'does not declare (declared: {declared}); add a ResponseSpec for it',
        )

    @staticmethod
    def invalid_response(message: str) -> ResponseValidationError:
        """A response validation error with one detail."""
        return ResponseValidationError(
            [error_detail(message, ['response'], ErrorType.RESPONSE_INVALID)]
        )

    # Errors.

    def handle_error(self, controller: 'Controller[Any]', exc: Exception) -> HttpResponseBase:
        """Try the error handlers in order, then the framework's defaults."""
        try:
            for handler in self.error_handlers:
                response = handler(controller, exc)
                if response is not None:
                    return response  # type: ignore[return-value]  # sync handlers only here
        except Exception as raised:
            exc = raised
        return self.error_response(controller, exc)

    async def handle_error_async(
        self, controller: 'Controller[Any]', exc: Exception
    ) -> HttpResponseBase:
        """Like :meth:`handle_error`, awaiting async handlers."""
        try:
            for handler in self.error_handlers:
                response = handler(controller, exc)
                if inspect.isawaitable(response):
                    response = await response
                if response is not None:
                    return response
        except Exception as raised:
            exc = raised
        return self.error_response(controller, exc)

    def error_response(self, controller: 'Controller[Any]', exc: Exception) -> HttpResponseBase:
        """The framework's answer to ``exc``; validates ``APIError`` bodies."""
        try:
            return default_error_response(self, controller, exc)
        except FrameworkError as error:
            return framework_error_response(self, controller, error)
