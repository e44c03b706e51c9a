"""Compiling a controller: settings + backend + signatures -> endpoints."""

import contextlib
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse

from dmr._endpoint import Endpoint, EndpointConfig
from dmr._error_responses import render_error
from dmr.backends import resolve_serializer
from dmr.error_formats import ERROR_FORMATS
from dmr.errors import EndpointDefinitionError, ErrorType, NotAcceptableError, error_detail
from dmr.parsers import JsonParser
from dmr.renderers import JsonRenderer
from dmr.settings import get_settings

if TYPE_CHECKING:
    from dmr.controller import Controller


@dataclass(frozen=True, slots=True)
class CompiledController:
    """A controller's endpoints by HTTP method, ready to serve."""

    endpoints: dict[str, Endpoint]
    is_async: bool
    allow: str

    def method_not_allowed(
        self,
        controller: 'Controller[Any]',
        request: HttpRequest,
    ) -> HttpResponse | Coroutine[Any, Any, HttpResponse]:
        """405 with the ``Allow`` header, in the error model."""
        endpoint = next(iter(self.endpoints.values()))
        controller.renderer = endpoint.renderers.default
        accept = request.META.get('HTTP_ACCEPT')
        if accept is not None:
            with contextlib.suppress(NotAcceptableError):
                controller.renderer = endpoint.renderers.select(accept)
        response = render_error(
            endpoint,
            controller,
            405,
            [
                error_detail(
                    f'Method {request.method} is not allowed; allowed: {self.allow}',
                    ['method'],
                    ErrorType.METHOD_NOT_ALLOWED,
                ),
            ],
        )
        response['Allow'] = self.allow
        return self._answer(response)

    def options(self) -> HttpResponse | Coroutine[Any, Any, HttpResponse]:
        """200 with the ``Allow`` header and no body."""
        response = HttpResponse()
        del response['Content-Type']  # no body, so no media type
        response['Allow'] = self.allow
        response['Content-Length'] = '0'
        return self._answer(response)

    def _answer(
        self,
        response: HttpResponse,
    ) -> HttpResponse | Coroutine[Any, Any, HttpResponse]:
        if not self.is_async:
            return response

        async def answer() -> HttpResponse:
            return response

        return answer()


def compile_controller(cls: type['Controller[Any]']) -> CompiledController:
    """Resolve settings and the backend, and compile every endpoint."""
    settings = get_settings()
    serializer = resolve_serializer(cls._serializer or settings.serializer)
    parsers = cls.parsers or settings.parsers or (JsonParser(),)
    renderers = cls.renderers or settings.renderers or (JsonRenderer(),)
    handlers = (cls.error_handler, settings.error_handler)
    error_format = ERROR_FORMATS.get(cls.error_format or settings.error_format)
    if error_format is None:
        raise EndpointDefinitionError(
            f'{cls.__qualname__}.error_format is {cls.error_format!r}; '
            f'use one of: {", ".join(ERROR_FORMATS)}',
        )
    config = EndpointConfig(
        serializer=serializer,
        parsers=tuple(parsers),
        renderers=tuple(renderers),
        validate_responses=(
            settings.validate_responses
            if cls.validate_responses is None
            else cls.validate_responses
        ),
        responses=(*cls.responses, *settings.responses),
        error_handlers=tuple(handler for handler in handlers if handler is not None),
        error_format=error_format,
    )
    endpoints = {
        method.upper(): Endpoint(signature, config)
        for method, signature in cls._signatures.items()
    }
    if 'GET' in endpoints and 'HEAD' not in endpoints:
        endpoints['HEAD'] = endpoints['GET']
    allow = ', '.join(sorted({*endpoints, 'OPTIONS'}))
    is_async = any(endpoint.signature.is_async for endpoint in endpoints.values())
    return CompiledController(endpoints=endpoints, is_async=is_async, allow=allow)
