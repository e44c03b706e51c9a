"""Session login and logout, and the CSRF token for single-page apps.

Mount them in a project's urls, next to controllers that use
:class:`~dmr.security.DjangoSession`::

    path('auth/csrf/', CsrfTokenController.as_view()),
    path('auth/login/', LoginController.as_view()),
    path('auth/logout/', LogoutController.as_view()),

A page first asks for the CSRF token (which also sets the CSRF cookie), then
posts the credentials with the token in the ``X-CSRFToken`` header, as
Django's own login form does with its hidden field. The ``Async...``
variants serve the same under ASGI with Django's async API.
"""

from typing import Any

from django.contrib.auth import aauthenticate, alogin, alogout, authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CSRF_SESSION_KEY, CsrfViewMiddleware, get_token
from django.utils.translation import gettext
from typing_extensions import TypedDict

from dmr import ERROR_BODY, APIError, Body, Controller, ResponseSpec, modify, validate
from dmr._marks import gettext_noop
from dmr.errors import ErrorType
from dmr.security.csrf import csrf_failure
from dmr.security.session import DjangoSession
from dmr.throttling import CREDENTIAL_THROTTLES

MAX_USERNAME = 150
"""Longer user names are refused without asking the authentication backends."""

MAX_PASSWORD = 4096
"""Longer passwords are refused before any hashing (a CPU cost for the server)."""

INVALID = gettext_noop('Invalid user name or password')
"""The one answer to every failed login, so that it tells nothing about accounts."""


class Credentials(TypedDict):
    """A user name and a password."""

    username: str
    password: str


class LoggedIn(TypedDict):
    """The user a session now belongs to."""

    username: str


class CsrfToken(TypedDict):
    """The token to send back in the ``X-CSRFToken`` header."""

    csrf_token: str


_REFUSED = [
    ResponseSpec(ERROR_BODY, status_code=401, description='The credentials are not accepted'),
    ResponseSpec(ERROR_BODY, status_code=403, description='The CSRF check failed'),
]


def _refuse_forged(request: HttpRequest) -> None:
    reason = csrf_failure(request)
    if reason is not None:
        raise APIError(
            gettext('CSRF check failed: %(reason)s') % {'reason': reason},
            status_code=403,
            error_type=ErrorType.CSRF_FAILED,
        )


def _check_size(credentials: Credentials) -> None:
    if len(credentials['username']) > MAX_USERNAME or len(credentials['password']) > MAX_PASSWORD:
        raise _invalid()


def _invalid() -> APIError:
    return APIError(gettext(INVALID), status_code=401, error_type=ErrorType.NOT_AUTHENTICATED)


class LoginController(Controller):
    """``POST``: log in to the session with a user name and a password.

    The CSRF check runs first (a forged login is an attack too), then
    Django's ``authenticate`` (``user_login_failed`` fires on failure) and
    ``login``, which rotates the session key and the CSRF token. Every
    failure answers the same 401. Throttled by address and by user name
    (``CREDENTIAL_THROTTLES``), refusing with 503 when the store is down.
    """

    auth = None
    permissions = ()
    throttles = CREDENTIAL_THROTTLES

    @modify(status_code=200, extra_responses=_REFUSED)
    def post(self, credentials: Body[Credentials]) -> LoggedIn:
        """Log in."""
        request = self.request
        _refuse_forged(request)
        _check_size(credentials)
        user = authenticate(
            request,
            username=credentials['username'],
            password=credentials['password'],
        )
        if user is None:
            raise _invalid()
        login(request, user)
        return {'username': user.get_username()}


class AsyncLoginController(Controller):
    """:class:`LoginController` with Django's async API."""

    auth = None
    permissions = ()
    throttles = CREDENTIAL_THROTTLES

    @modify(status_code=200, extra_responses=_REFUSED)
    async def post(self, credentials: Body[Credentials]) -> LoggedIn:
        """Log in."""
        request = self.request
        await request.session.aget(CSRF_SESSION_KEY)  # loaded now: the CSRF check may read it
        _refuse_forged(request)
        _check_size(credentials)
        user = await aauthenticate(
            request,
            username=credentials['username'],
            password=credentials['password'],
        )
        if user is None:
            raise _invalid()
        await alogin(request, user)
        return {'username': user.get_username()}


class LogoutController(Controller):
    """``POST``: end the session (a session user, with the CSRF token)."""

    auth = (DjangoSession(),)
    permissions = ()

    @modify(status_code=204)
    def post(self) -> None:
        """Log out."""
        logout(self.request)


class AsyncLogoutController(Controller):
    """:class:`LogoutController` with Django's async API."""

    auth = (DjangoSession(),)
    permissions = ()

    @modify(status_code=204)
    async def post(self) -> None:
        """Log out."""
        await alogout(self.request)


def _with_cookie(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Set the CSRF cookie, as ``CsrfViewMiddleware`` would (idempotent with it)."""
    CsrfViewMiddleware(_no_view).process_response(request, response)
    return response


def _no_view(_request: HttpRequest) -> Any:
    raise AssertionError('never called')  # pragma: no cover


class CsrfTokenController(Controller):
    """``GET``: the CSRF token, and the CSRF cookie it matches."""

    auth = None
    permissions = ()

    @validate(ResponseSpec(CsrfToken, status_code=200))
    def get(self) -> HttpResponse:
        """The token for the ``X-CSRFToken`` header."""
        request = self.request
        token: CsrfToken = {'csrf_token': get_token(request)}
        return _with_cookie(request, self.to_response(token, status_code=200))


class AsyncCsrfTokenController(Controller):
    """:class:`CsrfTokenController` for async projects."""

    auth = None
    permissions = ()

    @validate(ResponseSpec(CsrfToken, status_code=200))
    async def get(self) -> HttpResponse:
        """The token for the ``X-CSRFToken`` header."""
        request = self.request
        if hasattr(request, 'session'):
            await request.session.aget(CSRF_SESSION_KEY)  # with CSRF_USE_SESSIONS, it lives there
        token: CsrfToken = {'csrf_token': get_token(request)}
        return _with_cookie(request, self.to_response(token, status_code=200))
