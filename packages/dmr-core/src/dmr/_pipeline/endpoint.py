"""One compiled endpoint: its stages, in order, and the call between them.

``negotiate -> parse components -> call -> render and validate``, with every
failure going to the error stage, and the stages that act on the way out
acting on whatever response comes of it. Everything is built here once, when
the controller is compiled; the request path only runs it.
"""

import contextlib
import copy
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase

from dmr._adapters import adapter_for
from dmr._negotiation import ParserTable, RendererTable
from dmr._pipeline.access import access_stages
from dmr._pipeline.check_permissions import CheckPermissions
from dmr._pipeline.exchange import Exchange
from dmr._pipeline.handle_errors import HandleErrors
from dmr._pipeline.negotiate import negotiate_stage
from dmr._pipeline.parse import parse_stage
from dmr._pipeline.respond import Respond, validation_responses
from dmr._pipeline.response_table import build_response_table
from dmr._pipeline.stage import Stage, entries, exits
from dmr._pipeline.stream import NegotiateStream, StreamRespond
from dmr._pipeline.throttle import throttle_stages, with_rate_limit_headers
from dmr._pipeline.unsent import close_unsent_file
from dmr._signature import EndpointSignature
from dmr.error_formats import ErrorFormat
from dmr.errors import ErrorHandler, NotAcceptableError
from dmr.parsers import Parser
from dmr.permissions import Permission
from dmr.renderers import Renderer
from dmr.responses import (
    INHERIT,
    AuthOption,
    PermissionsOption,
    ResponseSpec,
    ThrottlesOption,
    responses_of,
)
from dmr.security._auth import Auth
from dmr.serializer import Serializer
from dmr.streaming._declaration import stream_declaration
from dmr.streaming._events import EventWriter
from dmr.throttling.throttle import Throttle


@dataclass(frozen=True, slots=True)
class EndpointConfig:
    """What a controller and the settings contribute to each endpoint."""

    serializer: Serializer
    parsers: tuple[Parser, ...]
    renderers: tuple[Renderer, ...]
    validate_responses: bool
    responses: tuple[ResponseSpec, ...]
    error_handlers: tuple[ErrorHandler, ...]
    error_format: ErrorFormat
    auth: tuple[Auth, ...] | None
    permissions: tuple[Permission, ...]
    throttles: tuple[Throttle, ...]


def inherited_auth(
    option: AuthOption, inherited: tuple[Auth, ...] | None
) -> tuple[Auth, ...] | None:
    """``option`` as a tuple, or ``inherited`` when it is not set."""
    if option is INHERIT:
        return inherited
    return None if option is None else tuple(option)


def inherited_permissions(
    option: PermissionsOption, inherited: tuple[Permission, ...]
) -> tuple[Permission, ...]:
    """``option`` as a tuple, or ``inherited`` when it is not set."""
    return inherited if option is INHERIT else tuple(option)


def inherited_throttles(
    option: ThrottlesOption, inherited: tuple[Throttle, ...]
) -> tuple[Throttle, ...]:
    """``option`` as a tuple, or ``inherited`` when it is not set."""
    return inherited if option is INHERIT else tuple(option)


class Endpoint:
    """A controller method compiled into its request pipeline."""

    def __init__(self, signature: EndpointSignature, config: EndpointConfig) -> None:
        self.signature = signature
        self.func = signature.func
        self.serializer = serializer = config.serializer
        self.error_format = error_format = config.error_format
        options = signature.options
        validate = (
            config.validate_responses
            if options.validate_responses is None
            else options.validate_responses
        )
        self.renderers = RendererTable(config.renderers)
        self.parsers = ParserTable(config.parsers)
        self.auth = inherited_auth(options.auth, config.auth)
        """The auths tried in order; ``None`` for a public endpoint."""
        access = access_stages(
            signature,
            self.auth,
            inherited_permissions(options.permissions, config.permissions),
            error_format.model,
        )
        self.permissions = next(
            (stage for stage in access if isinstance(stage, CheckPermissions)),
            None,
        )
        parse = parse_stage(signature, serializer, self.parsers, error_format.model)
        before, after = throttle_stages(
            f'{signature.func.__module__}.{signature.qualname}',
            inherited_throttles(options.throttles, config.throttles),
            error_format.model,
        )
        optional = (before, *access[:1], after, *access[1:], parse)
        success_spec = signature.success
        stream = None if success_spec is None else stream_declaration(success_spec.return_type)
        self.stages: tuple[Stage, ...] = (
            negotiate_stage(self.renderers, error_format.model)
            if stream is None
            else NegotiateStream(stream, error_format.model),
            *(stage for stage in optional if stage is not None),
        )
        self.responses = build_response_table(
            signature,
            serializer,
            (
                signature.declared,
                config.responses,
                [
                    *(spec for stage in self.stages for spec in stage.responses),
                    *responses_of(signature.success and signature.success.return_type),
                    *validation_responses(
                        validate=validate and stream is None,
                        error_model=error_format.model,
                    ),
                ],
            ),
            error_format.model,
        )
        if before is not None or after is not None:
            self.responses = with_rate_limit_headers(self.responses)
        self.success_headers: Mapping[str, str] = options.headers
        success = (
            None if signature.success is None else self.responses[signature.success.status_code]
        )
        self.respond = Respond(
            table=self.responses,
            success=success,
            success_headers=options.headers,
            renderers=self.renderers,
            serializer=serializer,
            any_adapter=adapter_for(serializer, Any, 'response'),
            error_format=error_format,
            validate=validate,
        )
        self.reply: Callable[[Exchange, Any], HttpResponseBase] = self.respond.respond
        if stream is not None and success is not None and success.adapter is not None:
            self.reply = StreamRespond(
                declaration=stream,
                writer=EventWriter(
                    qualname=signature.qualname,
                    serializer=serializer,
                    adapter=success.adapter,
                    validate=validate,
                ),
                status_code=success.spec.status_code,
                headers=options.headers,
            ).respond
            if inspect.isasyncgenfunction(self.func):
                self.func = _awaitable(self.func)
        handlers = (options.error_handler, *config.error_handlers)
        self.errors = HandleErrors(
            qualname=signature.qualname,
            handlers=tuple(handler for handler in handlers if handler is not None),
            is_async=signature.is_async,
            error_format=error_format,
            error_adapter=adapter_for(serializer, error_format.model, 'response'),
            respond=self.respond,
        )
        self.entries = entries(self.stages, is_async=signature.is_async)
        self.exits = exits(self.stages)

    def handle(
        self, controller: Any, request: HttpRequest, path_kwargs: dict[str, Any]
    ) -> HttpResponseBase:
        """Serve one request with a sync endpoint."""
        exchange = Exchange(request, controller, path_kwargs, self.renderers.default)
        try:
            for enter in self.entries:
                enter(exchange)
            response = self.reply(exchange, self.func(controller, **exchange.arguments))
        except Exception as exc:
            response = self.errors.handle(exchange, exc)
        for leave in self.exits:
            leave(exchange, response)
        return response

    async def handle_async(
        self, controller: Any, request: HttpRequest, path_kwargs: dict[str, Any]
    ) -> HttpResponseBase:
        """Serve one request with an async endpoint."""
        exchange = Exchange(request, controller, path_kwargs, self.renderers.default)
        try:
            for enter in self.entries:
                pending = enter(exchange)
                if pending is not None:
                    await pending
            result = await self.func(controller, **exchange.arguments)
            response = self.reply(exchange, result)
        except Exception as exc:
            response = await self.errors.handle_async(exchange, exc)
        for leave in self.exits:
            leave(exchange, response)
        return response

    def refuse(self, controller: Any, request: HttpRequest, exc: Exception) -> HttpResponseBase:
        """Answer ``exc`` in this endpoint's error format, without its handlers.

        The renderer is negotiated as usual, falling back to the default one
        when ``Accept`` cannot be satisfied.
        """
        exchange = Exchange(request, controller, {}, self.renderers.default)
        accept = request.META.get('HTTP_ACCEPT')
        if accept is not None:
            with contextlib.suppress(NotAcceptableError):
                exchange.renderer = self.renderers.select(accept)
        response = self.errors.answer(exchange, exc)
        for leave in self.exits:
            leave(exchange, response)
        return response

    def for_head(self) -> 'Endpoint':
        """This ``GET`` endpoint serving ``HEAD``: the same answer, without its body."""
        head = copy.copy(self)
        head.exits = (*self.exits, omit_body)
        return head


def _awaitable(func: Callable[..., Any]) -> Callable[..., Any]:
    """An async generator function as a coroutine function that returns its generator."""

    async def call(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return call


def omit_body(_exchange: Exchange, response: HttpResponseBase) -> None:
    """Drop the body of a ``HEAD`` response, keeping the length ``GET`` would send."""
    if isinstance(response, HttpResponse):
        response['Content-Length'] = str(len(response.content))
        response.content = b''
    else:
        close_unsent_file(response)
        response.streaming_content = ()  # type: ignore[attr-defined]  # every other response streams
