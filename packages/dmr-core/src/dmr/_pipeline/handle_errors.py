"""The error stage: every failure of every stage ends here, in the error model.

Error handlers run first (the endpoint's, the controller's, the settings'),
then the framework's own answers: ``APIError`` is rendered as declared, the
framework's errors (400, 405, 406, 415, 422...) and Django's exceptions get
their status, and anything else is a 500 with no internals in the body.
Failing to render an answer is itself answered in the error model.
"""

import inspect
import json
import logging
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.signals import got_request_exception
from django.http import Http404, HttpResponse, HttpResponseBase
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from dmr._pipeline.exchange import Exchange
from dmr._pipeline.respond import PendingResponse, Respond
from dmr.error_formats import ErrorFormat
from dmr.errors import (
    APIError,
    EndpointDefinitionError,
    ErrorDetail,
    ErrorHandler,
    ErrorType,
    FrameworkError,
    ResponseValidationError,
    error_detail,
)
from dmr.serializer import TypeAdapter

request_logger = logging.getLogger('django.request')
response_logger = logging.getLogger('dmr.responses')

_DJANGO_EXCEPTIONS: tuple[tuple[type[Exception], int, Promise, str], ...] = (
    (
        RequestDataTooBig,
        413,
        gettext_lazy('Request body exceeds DATA_UPLOAD_MAX_MEMORY_SIZE'),
        ErrorType.BODY_TOO_LARGE,
    ),
    (SuspiciousOperation, 400, gettext_lazy('Bad request'), ErrorType.PARSE_ERROR),
    (Http404, 404, gettext_lazy('Not found'), ErrorType.NOT_FOUND),
    (PermissionDenied, 403, gettext_lazy('Permission denied'), ErrorType.PERMISSION_DENIED),
)

_VARY = ('Accept-Language',)
_RESPONSE_INVALID = gettext_lazy('The response does not match what this endpoint declares')

# The answer when even rendering an error fails: the error model, by hand.
_LAST_RESORT = json.dumps(
    {'detail': [error_detail('Internal server error', [], ErrorType.INTERNAL_ERROR)]},
).encode()


class HandleErrors:
    """Turns an exception raised by any stage into the endpoint's answer."""

    def __init__(
        self,
        *,
        qualname: str,
        handlers: tuple[ErrorHandler, ...],
        is_async: bool,
        error_format: ErrorFormat,
        error_adapter: TypeAdapter,
        respond: Respond,
    ) -> None:
        if not is_async:
            for handler in handlers:
                if inspect.iscoroutinefunction(handler):
                    raise EndpointDefinitionError(
                        f'{qualname}: error handler {handler!r} is async, '
                        'but the controller is sync',
                    )
        self.qualname = qualname
        self.handlers = handlers
        self.error_format = error_format
        self.error_adapter = error_adapter
        self.respond = respond

    def handle(self, exchange: Exchange, exc: Exception) -> HttpResponseBase:
        """Try the error handlers in order, then the framework's answers."""
        try:
            for handler in self.handlers:
                response = handler(exchange.controller, exc)
                if response is not None:
                    return self.settle(exchange, response)  # type: ignore[arg-type]  # sync handlers only here
        except Exception as raised:
            exc = raised
        return self.answer(exchange, exc)

    async def handle_async(self, exchange: Exchange, exc: Exception) -> HttpResponseBase:
        """Like :meth:`handle`, awaiting async handlers."""
        try:
            for handler in self.handlers:
                response = handler(exchange.controller, exc)
                if inspect.isawaitable(response):
                    response = await response
                if response is not None:
                    return self.settle(exchange, response)
        except Exception as raised:
            exc = raised
        return self.answer(exchange, exc)

    def settle(self, exchange: Exchange, response: HttpResponseBase) -> HttpResponseBase:
        """A handler's response, rendered if it came from ``to_response``."""
        if isinstance(response, PendingResponse):
            return self.respond.render_pending(exchange, response)
        return response

    def answer(self, exchange: Exchange, exc: Exception) -> HttpResponseBase:
        """The framework's answer to ``exc``; never raises unless ``DEBUG`` is on."""
        try:
            return self.answer_or_raise(exchange, exc)
        except FrameworkError as error:  # the answer's body broke its declaration
            try:
                return self.details(exchange, error)
            except Exception as failure:
                return self.internal_error(exchange, failure)
        except Exception as failure:
            return self.internal_error(exchange, failure)

    def answer_or_raise(self, exchange: Exchange, exc: Exception) -> HttpResponseBase:
        """Answer ``exc``; unknown exceptions are 500s."""
        if isinstance(exc, APIError):
            content = exc.content
            if exc.details is not None:
                content = self.error_format.build(exc.status_code, exc.details)
            response = self.respond.render(exchange, content, exc.status_code, exc.headers)
            if settings.USE_I18N and self.in_error_model(exc):
                patch_vary_headers(response, _VARY)
            return response
        if isinstance(exc, FrameworkError):
            return self.details(exchange, exc)
        for exc_type, status_code, message, error_type in _DJANGO_EXCEPTIONS:
            if isinstance(exc, exc_type):
                return self.render(
                    exchange,
                    status_code,
                    [error_detail(message, [], error_type)],
                )
        return self.internal_error(exchange, exc)

    def in_error_model(self, exc: APIError) -> bool:
        """Whether ``exc`` answers in the error model: its message's or as declared."""
        if exc.details is not None:
            return True
        entry = self.respond.table.get(exc.status_code)
        return entry is not None and entry.spec.return_type is self.error_format.model

    def details(self, exchange: Exchange, error: FrameworkError) -> HttpResponse:
        """Answer one of the framework's own errors, with its headers."""
        details = error.details
        if isinstance(error, ResponseValidationError):
            response_logger.error(
                '%s answered a response that does not match its declaration: %s',
                self.qualname,
                details,
                extra={'status_code': 422, 'request': exchange.request},
            )
            if not settings.DEBUG:
                details = [
                    error_detail(
                        _RESPONSE_INVALID,
                        detail.get('loc', ()),
                        detail.get('type', ErrorType.RESPONSE_INVALID),
                    )
                    for detail in details
                ]
        return self.render(exchange, error.status_code, details, error.headers)

    def render(
        self,
        exchange: Exchange,
        status_code: int,
        details: list[ErrorDetail],
        headers: Mapping[str, str] | None = None,
    ) -> HttpResponse:
        """Details in the error format, with the negotiated renderer."""
        renderer = exchange.renderer
        response = HttpResponse(
            renderer.render(self.error_format.build(status_code, details), self.error_adapter),
            status=status_code,
            content_type=self.error_format.media_type(renderer.media_type),
        )
        for name, header in (headers or {}).items():
            response[name] = header
        if settings.USE_I18N:  # its messages are in the request's language
            patch_vary_headers(response, _VARY)
        return response

    def internal_error(self, exchange: Exchange, exc: Exception) -> HttpResponse:
        """A 500 in the error model, logged as Django logs one; ``DEBUG`` re-raises."""
        if settings.DEBUG:
            raise exc
        request = exchange.request
        request_logger.error(
            'Internal Server Error: %s',
            request.path,
            exc_info=exc,
            extra={'status_code': 500, 'request': request},
        )
        got_request_exception.send(sender=None, request=request)
        details = [error_detail(gettext('Internal server error'), [], ErrorType.INTERNAL_ERROR)]
        try:
            return self.render(exchange, 500, details)
        except Exception:
            request_logger.exception('Rendering the error model failed: %s', request.path)
            return HttpResponse(_LAST_RESORT, status=500, content_type='application/json')
