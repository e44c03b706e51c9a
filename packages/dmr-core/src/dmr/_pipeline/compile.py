"""Compiling a controller: its settings, backend and signatures -> endpoints."""

from collections.abc import Coroutine, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext

from dmr._pipeline.endpoint import (
    Endpoint,
    EndpointConfig,
    inherited_auth,
    inherited_permissions,
    inherited_throttles,
)
from dmr._signature import EndpointSignature
from dmr.backends import resolve_serializer
from dmr.error_formats import ERROR_FORMATS
from dmr.errors import (
    EndpointDefinitionError,
    ErrorHandler,
    ErrorType,
    MethodNotAllowedError,
    error_detail,
)
from dmr.parsers import JsonParser, Parser
from dmr.renderers import JsonRenderer, Renderer
from dmr.responses import AuthOption, PermissionsOption, ResponseSpec, ThrottlesOption
from dmr.settings import get_settings


@dataclass(frozen=True, slots=True)
class ControllerOptions:
    """What a controller class declares for all of its endpoints."""

    qualname: str
    signatures: Mapping[str, EndpointSignature]
    serializer: type | None
    parsers: Sequence[Parser] | None
    renderers: Sequence[Renderer] | None
    validate_responses: bool | None
    responses: Sequence[ResponseSpec]
    error_handler: ErrorHandler | None
    error_format: str | None
    auth: AuthOption
    permissions: PermissionsOption
    throttles: ThrottlesOption


@dataclass(frozen=True, slots=True)
class CompiledController:
    """A controller's endpoints by HTTP method, ready to serve.

    ``endpoints`` are the ones the controller declares (what the OpenAPI
    document shows); ``routes`` adds ``HEAD`` where ``GET`` serves it.
    """

    endpoints: dict[str, Endpoint]
    routes: dict[str, Endpoint]
    is_async: bool
    allow: str

    def method_not_allowed(
        self,
        controller: Any,
        request: HttpRequest,
    ) -> HttpResponseBase | Coroutine[Any, Any, HttpResponseBase]:
        """405 with the ``Allow`` header, in the error model."""
        endpoint = next(iter(self.endpoints.values()))
        error = MethodNotAllowedError(
            [
                error_detail(
                    gettext('Method %(method)s is not allowed; allowed: %(allowed)s')
                    % {'method': request.method, 'allowed': self.allow},
                    ['method'],
                    ErrorType.METHOD_NOT_ALLOWED,
                ),
            ],
            headers={'Allow': self.allow},
        )
        return self.answer(endpoint.refuse(controller, request, error))

    def options(self) -> HttpResponseBase | Coroutine[Any, Any, HttpResponseBase]:
        """200 with the ``Allow`` header and no body."""
        response = HttpResponse()
        del response['Content-Type']  # no body, so no media type
        response['Allow'] = self.allow
        response['Content-Length'] = '0'
        return self.answer(response)

    def answer(
        self,
        response: HttpResponseBase,
    ) -> HttpResponseBase | Coroutine[Any, Any, HttpResponseBase]:
        """``response``, awaitable when the controller is async."""
        if not self.is_async:
            return response

        async def answer() -> HttpResponseBase:
            return response

        return answer()


def compile_controller(options: ControllerOptions) -> CompiledController:
    """Resolve settings and the backend, and compile every endpoint."""
    settings = get_settings()
    serializer = resolve_serializer(options.serializer or settings.serializer)
    error_format = ERROR_FORMATS.get(options.error_format or settings.error_format)
    if error_format is None:
        raise EndpointDefinitionError(
            f'{options.qualname}.error_format is {options.error_format!r}; '
            f'use one of: {", ".join(ERROR_FORMATS)}',
        )
    handlers = (options.error_handler, settings.error_handler)
    config = EndpointConfig(
        serializer=serializer,
        parsers=tuple(options.parsers or settings.parsers or (JsonParser(),)),
        renderers=tuple(options.renderers or settings.renderers or (JsonRenderer(),)),
        validate_responses=(
            settings.validate_responses
            if options.validate_responses is None
            else options.validate_responses
        ),
        responses=(*options.responses, *settings.responses),
        error_handlers=tuple(handler for handler in handlers if handler is not None),
        error_format=error_format,
        auth=inherited_auth(options.auth, settings.auth),
        permissions=inherited_permissions(options.permissions, settings.permissions),
        throttles=inherited_throttles(options.throttles, settings.throttling.throttles),
    )
    endpoints = {
        method.upper(): Endpoint(signature, config)
        for method, signature in options.signatures.items()
    }
    routes = dict(endpoints)
    if 'GET' in endpoints and 'HEAD' not in endpoints:
        routes['HEAD'] = endpoints['GET'].for_head()
    return CompiledController(
        endpoints=endpoints,
        routes=routes,
        is_async=any(endpoint.signature.is_async for endpoint in endpoints.values()),
        allow=', '.join(sorted({*routes, 'OPTIONS'})),
    )
