"""The error model clients see, and the exceptions that produce it.

Every failure the framework answers for is described by a list of
:class:`ErrorDetail`. Backends convert their library's validation errors into
the same details (see :meth:`dmr.serializer.Serializer.error_details`), so a
client sees the same ``loc`` and ``type`` whichever backend a project uses.
"""

import enum
from collections.abc import Awaitable, Callable, Mapping, Sequence
from http import HTTPStatus
from typing import Any, NotRequired

from django.http import HttpResponseBase
from django.utils.functional import Promise

# typing_extensions' TypedDict, which every backend (pydantic on Python 3.11
# included) can read.
from typing_extensions import TypedDict

Loc = list[str | int]


class ErrorDetail(TypedDict):
    """Base schema for error details description."""

    msg: str
    loc: NotRequired[Loc]
    type: NotRequired[str]


class ErrorModel(TypedDict):
    """Default error response schema.

    Can be customized.
    See :ref:`customizing-error-messages` for more details.
    """

    detail: list[ErrorDetail]


class ProblemDetails(TypedDict):
    """Problem details of an error response (RFC 9457).

    ``errors`` holds the same details as the default error model.
    """

    type: str
    title: str
    status: int
    detail: str
    errors: list[ErrorDetail]


class ErrorType(enum.StrEnum):
    """The ``type`` vocabulary every backend shares.

    The first group describes invalid request data, the second group the
    failures the framework answers for itself.
    """

    PARSE_ERROR = 'parse_error'
    MISSING = 'missing'
    EXTRA_FORBIDDEN = 'extra_forbidden'
    TYPE_ERROR = 'type_error'
    VALUE_ERROR = 'value_error'
    INVALID_CHOICE = 'invalid_choice'
    INVALID_FORMAT = 'invalid_format'
    OUT_OF_RANGE = 'out_of_range'
    TOO_SHORT = 'too_short'
    TOO_LONG = 'too_long'
    PATTERN_MISMATCH = 'pattern_mismatch'
    FILE_TOO_LARGE = 'file_too_large'
    FILE_TYPE_NOT_ALLOWED = 'file_type_not_allowed'
    TOO_MANY_FIELDS = 'too_many_fields'
    TOO_MANY_FILES = 'too_many_files'

    API_ERROR = 'api_error'
    NOT_ACCEPTABLE = 'not_acceptable'
    UNSUPPORTED_MEDIA_TYPE = 'unsupported_media_type'
    BODY_TOO_LARGE = 'body_too_large'
    LENGTH_REQUIRED = 'length_required'
    METHOD_NOT_ALLOWED = 'method_not_allowed'
    NOT_FOUND = 'not_found'
    NOT_AUTHENTICATED = 'not_authenticated'
    PERMISSION_DENIED = 'permission_denied'
    CSRF_FAILED = 'csrf_failed'
    THROTTLED = 'throttled'
    SERVICE_UNAVAILABLE = 'service_unavailable'
    RESPONSE_INVALID = 'response_invalid'
    INTERNAL_ERROR = 'internal_error'


ErrorHandler = Callable[
    [Any, Exception],
    HttpResponseBase | Awaitable[HttpResponseBase | None] | None,
]
"""``handler(controller, exc)``: return a response, or ``None`` to pass.

``controller`` is the :class:`dmr.Controller` serving the request. A handler
may also raise :class:`APIError`. Endpoint handlers run first, then the
controller's, then the one in settings, then the defaults.
"""


def error_detail(
    msg: str | Promise,
    loc: Sequence[str | int] = (),
    type: str = ErrorType.VALUE_ERROR,
) -> ErrorDetail:
    """Build one :class:`ErrorDetail`, the way backends should.

    ``msg`` may be a lazy translation (``gettext_lazy``): it is rendered
    here, in the active language.
    """
    return {'msg': str(msg), 'loc': list(loc), 'type': str(type)}


def prefix_details(loc: str | int, details: list[ErrorDetail]) -> list[ErrorDetail]:
    """Place details under ``loc`` (a component, say); ``type`` defaults to ``value_error``."""
    return [
        {
            'msg': detail['msg'],
            'loc': [loc, *detail.get('loc', ())],
            'type': detail.get('type', ErrorType.VALUE_ERROR),
        }
        for detail in details
    ]


class APIError(Exception):
    """Answer the current request with ``status_code`` and a body.

    ``raise APIError('Not found', status_code=404)`` answers with the default
    error model, whose one detail may carry a ``loc`` and an ``error_type``
    (``api_error`` by default); ``raise APIError(model, status_code=409)``
    answers with ``model`` rendered like any response. Declare the status on
    the endpoint (``extra_responses`` or ``@validate``) so it is documented
    and validated.

    >>> raise APIError('No such user', status_code=404, loc=['path', 'user_id'])
    """

    def __init__(
        self,
        model_or_message: Any,
        *,
        status_code: int,
        headers: dict[str, str] | None = None,
        loc: Sequence[str | int] = (),
        error_type: str = ErrorType.API_ERROR,
    ) -> None:
        super().__init__(model_or_message, status_code)
        self.details: list[ErrorDetail] | None = None
        if isinstance(model_or_message, str):
            self.details = [error_detail(model_or_message, loc, error_type)]
            model_or_message = error_model(self.details)
        self.content = model_or_message
        self.status_code = status_code
        self.headers = headers or {}


class EndpointDefinitionError(TypeError):
    """An endpoint is declared in a way dmr cannot serve.

    Raised when the controller class is created; the message names the
    controller and the method.
    """


class FrameworkError(Exception):
    """A failure the framework answers for itself with an error model."""

    status_code: int = 400

    def __init__(
        self,
        details: list[ErrorDetail],
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(details)
        self.details = details
        self.headers: Mapping[str, str] = headers or {}
        """Headers of the error response (``Allow`` for a 405, say)."""


class RequestValidationError(FrameworkError):
    """Request components could not be parsed or validated (400)."""

    status_code = 400


class NotAcceptableError(FrameworkError):
    """No renderer satisfies the request's ``Accept`` header (406)."""

    status_code = 406


class UnsupportedMediaTypeError(FrameworkError):
    """No parser accepts the request's ``Content-Type`` (415)."""

    status_code = 415


class MethodNotAllowedError(FrameworkError):
    """The controller has no endpoint for the request's method (405)."""

    status_code = 405


class NotAuthenticatedError(FrameworkError):
    """No credentials, or none that an auth of the endpoint accepts (401)."""

    status_code = 401


class PermissionDeniedError(FrameworkError):
    """A known user, or a failed CSRF check, is refused (403)."""

    status_code = 403


class LengthRequiredError(FrameworkError):
    """A body framed by the transport that the server cannot hand over (411)."""

    status_code = 411


class ThrottledError(FrameworkError):
    """Too many requests from this client; ``Retry-After`` says when to retry (429)."""

    status_code = 429


class ServiceUnavailableError(FrameworkError):
    """A service the endpoint needs is down, and it refuses rather than go on (503)."""

    status_code = 503


class ResponseValidationError(FrameworkError):
    """The endpoint's response does not match what it declared (422)."""

    status_code = 422


def error_model(details: list[ErrorDetail]) -> ErrorModel:
    """Wrap details into the default error body."""
    return {'detail': details}


def problem_details(status_code: int, details: list[ErrorDetail]) -> ProblemDetails:
    """Wrap details into an RFC 9457 body; ``detail`` is the first message."""
    try:
        title = HTTPStatus(status_code).phrase
    except ValueError:
        title = f'Status {status_code}'
    return {
        'type': 'about:blank',
        'title': title,
        'status': status_code,
        'detail': details[0]['msg'] if details else title,
        'errors': details,
    }
