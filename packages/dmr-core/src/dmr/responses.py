"""Declaring the responses of an endpoint: ``ResponseSpec``, ``@modify``, ``@validate``.

An endpoint that returns a model declares its success response by its return
annotation; ``@modify`` adjusts it. An endpoint that builds its own
``HttpResponse`` (with ``self.to_response(...)``) declares every response it
may return with ``@validate``. Either way, the declared responses are what
response validation checks and what the OpenAPI document shows.
"""

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from dmr.errors import ErrorHandler
from dmr.operation import OperationInfo
from dmr.permissions import Permission
from dmr.security._auth import Auth
from dmr.throttling.throttle import Throttle

_Func = TypeVar('_Func', bound=Callable[..., Any])

OPTIONS_ATTRIBUTE = '__dmr_endpoint_options__'


class Inherit(enum.Enum):
    """The type of :data:`INHERIT`."""

    INHERIT = 'inherit'


INHERIT = Inherit.INHERIT
"""Not set here: the controller's value applies, or the settings'."""

AuthOption = Sequence[Auth] | None | Inherit
"""An ``auth`` option: auths tried in order, ``None`` for a public endpoint."""

PermissionsOption = Sequence[Permission] | Inherit
"""A ``permissions`` option: all of them must pass."""

ThrottlesOption = Sequence[Throttle] | Inherit
"""A ``throttles`` option: every one counts the request; ``[]`` for none."""


class ErrorBody(enum.Enum):
    """The type of :data:`ERROR_BODY`."""

    ERROR_BODY = 'error_body'


ERROR_BODY = ErrorBody.ERROR_BODY
"""A ``ResponseSpec`` body that is the endpoint's error format's.

``ResponseSpec(ERROR_BODY, status_code=409)`` documents and validates the
``ErrorModel`` body, or ``ProblemDetails`` when the endpoint's error format
is ``'problem_details'``, as ``raise APIError('...', status_code=409)``
answers it.
"""

# Statuses whose responses never carry a body (RFC 9110 §15).
BODILESS_STATUSES = frozenset({204, 205, 304})


@dataclass(frozen=True, slots=True)
class ResponseSpec:
    """One response an endpoint may return.

    ``return_type`` is the annotation of its body (``None`` for no body);
    ``headers`` maps the names of documented response headers to their
    descriptions.
    """

    return_type: Any
    status_code: int
    description: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Refuse statuses HTTP does not define and bodies HTTP forbids."""
        if not 100 <= self.status_code <= 599:
            raise ValueError(f'{self.status_code} is not an HTTP status code')
        if self.status_code in BODILESS_STATUSES and self.return_type is not None:
            raise ValueError(
                f'A {self.status_code} response has no body; '
                f'its return_type must be None, not {self.return_type!r}',
            )


RESPONSES_OF_A_MODEL = '__dmr_responses__'
"""A model class may name, in this attribute, the responses that come with it.

An endpoint whose success response is such a model documents them and may
answer them without declaring them itself (its own declarations, its
controller's and the settings' win). ``Page[T]`` of :mod:`dmr.pagination`
names the 404 of a page past the last one this way.
"""


def responses_of(model: Any) -> tuple[ResponseSpec, ...]:
    """The responses ``model`` names in :data:`RESPONSES_OF_A_MODEL` (none for most)."""
    responses = getattr(model, RESPONSES_OF_A_MODEL, ()) if isinstance(model, type) else ()
    return tuple(responses)


@dataclass(frozen=True, slots=True)
class EndpointOptions:
    """What ``@modify`` or ``@validate`` recorded on an endpoint function."""

    decorator: str
    status_code: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    responses: Sequence[ResponseSpec] = ()
    validate_responses: bool | None = None
    error_handler: ErrorHandler | None = None
    operation: OperationInfo | None = None
    auth: AuthOption = INHERIT
    permissions: PermissionsOption = INHERIT
    throttles: ThrottlesOption = INHERIT


def _attach(options: EndpointOptions) -> Callable[[_Func], _Func]:
    def decorator(func: _Func) -> _Func:
        existing = getattr(func, OPTIONS_ATTRIBUTE, None)
        if existing is not None:
            raise TypeError(
                f'{func.__qualname__} is already decorated with '
                f'@{existing.decorator}; use one @modify or one @validate',
            )
        setattr(func, OPTIONS_ATTRIBUTE, options)
        return func

    return decorator


def modify(
    *,
    status_code: int | None = None,
    headers: Mapping[str, str] | None = None,
    extra_responses: Sequence[ResponseSpec] = (),
    validate_responses: bool | None = None,
    error_handler: ErrorHandler | None = None,
    operation: OperationInfo | None = None,
    auth: AuthOption = INHERIT,
    permissions: PermissionsOption = INHERIT,
    throttles: ThrottlesOption = INHERIT,
) -> Callable[[_Func], _Func]:
    """Adjust an endpoint that returns a model.

    ``status_code`` replaces the default success status, ``headers`` are
    sent with every success response, ``extra_responses`` declares the other
    responses it may produce (``raise APIError(...)``), and
    ``validate_responses``, ``error_handler``, ``operation`` (its OpenAPI
    description), ``auth`` (``None``: public), ``permissions`` and
    ``throttles`` override the controller's.

    >>> class Users(Controller):
    ...     @modify(status_code=202, headers={'Retry-After': '5'})
    ...     def post(self, user: Body[UserModel]) -> UserModel: ...
    """
    return _attach(
        EndpointOptions(
            decorator='modify',
            status_code=status_code,
            headers=dict(headers or {}),
            responses=tuple(extra_responses),
            validate_responses=validate_responses,
            error_handler=error_handler,
            operation=operation,
            auth=auth,
            permissions=permissions,
            throttles=throttles,
        ),
    )


def validate(
    *responses: ResponseSpec,
    validate_responses: bool | None = None,
    error_handler: ErrorHandler | None = None,
    operation: OperationInfo | None = None,
    auth: AuthOption = INHERIT,
    permissions: PermissionsOption = INHERIT,
    throttles: ThrottlesOption = INHERIT,
) -> Callable[[_Func], _Func]:
    """Declare the responses of an endpoint that returns ``HttpResponse``.

    ``validate_responses``, ``error_handler``, ``operation``, ``auth``,
    ``permissions`` and ``throttles`` are as for :func:`modify`.

    >>> class Users(Controller):
    ...     @validate(ResponseSpec(UserModel, status_code=200))
    ...     def get(self) -> HttpResponse:
    ...         return self.to_response(UserModel(...), status_code=200)
    """
    if not responses:
        raise TypeError('@validate needs at least one ResponseSpec')
    return _attach(
        EndpointOptions(
            decorator='validate',
            responses=responses,
            validate_responses=validate_responses,
            error_handler=error_handler,
            operation=operation,
            auth=auth,
            permissions=permissions,
            throttles=throttles,
        ),
    )
