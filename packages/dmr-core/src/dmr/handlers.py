"""Django's own error pages, answered in the error model.

Django answers some failures before any controller runs: a URL no route
matches (404), a request its middleware refuses (400, 403, the CSRF check),
an exception outside dmr's endpoints (500). These views answer them in the
project's error format (``DMR_SETTINGS['error_format']``) instead of HTML::

    # urls.py (the root URLconf)
    handler400 = 'dmr.handlers.bad_request'
    handler403 = 'dmr.handlers.permission_denied'
    handler404 = 'dmr.handlers.not_found'
    handler500 = 'dmr.handlers.server_error'

    # settings.py
    CSRF_FAILURE_VIEW = 'dmr.handlers.csrf_failure'

Django ignores ``handler404`` while ``DEBUG`` is on, so an API's unmatched
URLs also need a route of their own:
``router.to_urlpatterns(namespace='api', catch_all=True)`` ends the router's
routes with :func:`not_found`.
"""

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt

from dmr.error_formats import ERROR_FORMATS
from dmr.errors import ErrorType, error_detail
from dmr.settings import get_settings

__all__ = ['bad_request', 'csrf_failure', 'not_found', 'permission_denied', 'server_error']


def error_response(status_code: int, msg: str, error_type: str) -> HttpResponse:
    """One error detail in the project's error format, as JSON."""
    error_format = ERROR_FORMATS[get_settings().error_format]
    body = error_format.build(status_code, [error_detail(msg, [], error_type)])
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status_code,
        content_type=error_format.json_media_type,
    )
    if settings.USE_I18N:  # the message is in the request's language
        patch_vary_headers(response, ('Accept-Language',))
    return response


def bad_request(
    request: HttpRequest,  # noqa: ARG001 - Django's handler signature
    exception: Exception | None = None,  # noqa: ARG001 - Django passes it by this name
) -> HttpResponse:
    """``handler400``: a request Django refused (``SuspiciousOperation``, ``BadRequest``)."""
    return error_response(400, gettext('Bad request'), ErrorType.PARSE_ERROR)


def permission_denied(
    request: HttpRequest,  # noqa: ARG001 - Django's handler signature
    exception: Exception | None = None,  # noqa: ARG001 - Django passes it by this name
) -> HttpResponse:
    """``handler403``: ``PermissionDenied`` raised outside dmr's endpoints."""
    return error_response(403, gettext('Permission denied'), ErrorType.PERMISSION_DENIED)


@csrf_exempt
def not_found(
    request: HttpRequest,  # noqa: ARG001 - Django's handler signature
    exception: Exception | None = None,  # noqa: ARG001 - Django passes it by this name
) -> HttpResponse:
    """``handler404``, and the catch-all route under an API prefix: no such URL."""
    return error_response(404, gettext('Not found'), ErrorType.NOT_FOUND)


def server_error(request: HttpRequest) -> HttpResponse:  # noqa: ARG001 - Django's signature
    """``handler500``: an unhandled exception, answered without internals."""
    return error_response(500, gettext('Internal server error'), ErrorType.INTERNAL_ERROR)


def csrf_failure(request: HttpRequest, reason: str = '') -> HttpResponse:  # noqa: ARG001 - Django's
    """``CSRF_FAILURE_VIEW``: the CSRF check refused the request; ``reason`` says why."""
    message = (gettext('CSRF verification failed.') + ' ' + reason).strip()
    return error_response(403, message, ErrorType.PERMISSION_DENIED)
