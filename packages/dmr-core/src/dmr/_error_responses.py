"""The framework's default answers to exceptions (DESIGN §4).

Error handlers run first; whatever they leave unanswered ends here.
"""

import logging
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.signals import got_request_exception
from django.http import Http404, HttpResponse, HttpResponseBase

from dmr.errors import (
    APIError,
    ErrorDetail,
    ErrorType,
    FrameworkError,
    error_detail,
)

if TYPE_CHECKING:
    from dmr._endpoint import Endpoint
    from dmr.controller import Controller

logger = logging.getLogger('django.request')

_MAPPED: tuple[tuple[type[Exception], int, str, str], ...] = (
    (
        RequestDataTooBig,
        413,
        'Request body exceeds DATA_UPLOAD_MAX_MEMORY_SIZE',
        ErrorType.BODY_TOO_LARGE,
    ),
    (SuspiciousOperation, 400, 'Bad request', ErrorType.PARSE_ERROR),
    (Http404, 404, 'Not found', ErrorType.NOT_FOUND),
    (PermissionDenied, 403, 'Permission denied', ErrorType.PERMISSION_DENIED),
)


def render_error(
    endpoint: 'Endpoint',
    controller: 'Controller[Any]',
    status_code: int,
    details: list[ErrorDetail],
) -> HttpResponse:
    """Render details in the endpoint's error format with the negotiated renderer."""
    renderer = controller.renderer
    error_format = endpoint.error_format
    return HttpResponse(
        renderer.render(error_format.build(status_code, details), endpoint.error_adapter),
        status=status_code,
        content_type=error_format.media_type(renderer.media_type),
    )


def framework_error_response(
    endpoint: 'Endpoint',
    controller: 'Controller[Any]',
    error: FrameworkError,
) -> HttpResponse:
    """Answer one of the framework's own errors (400, 406, 415, 422)."""
    return render_error(endpoint, controller, error.status_code, error.details)


def default_error_response(
    endpoint: 'Endpoint',
    controller: 'Controller[Any]',
    exc: Exception,
) -> HttpResponseBase:
    """Answer ``exc``; unknown exceptions become a 500 with no internals."""
    if isinstance(exc, APIError):
        if exc.details is None:
            return endpoint.to_response(controller, exc.content, exc.status_code, exc.headers)
        error_format = endpoint.error_format
        content = error_format.build(exc.status_code, exc.details)
        response = endpoint.to_response(controller, content, exc.status_code, exc.headers)
        response['Content-Type'] = error_format.media_type(response['Content-Type'])
        return response
    if isinstance(exc, FrameworkError):
        return framework_error_response(endpoint, controller, exc)
    for exc_type, status_code, message, error_type in _MAPPED:
        if isinstance(exc, exc_type):
            return render_error(
                endpoint,
                controller,
                status_code,
                [error_detail(message, [], error_type)],
            )
    if settings.DEBUG:
        raise exc
    request = controller.request
    logger.error(
        'Internal Server Error: %s',
        request.path,
        exc_info=exc,
        extra={'status_code': 500, 'request': request},
    )
    got_request_exception.send(sender=None, request=request)
    return render_error(
        endpoint,
        controller,
        500,
        [error_detail('Internal server error', [], ErrorType.INTERNAL_ERROR)],
    )
