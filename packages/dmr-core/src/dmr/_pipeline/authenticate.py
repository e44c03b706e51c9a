"""Stage: find who sends the request (401, and 403 for a CSRF failure).

The endpoint's auths are tried in order; the first that accepts its
credentials sets ``request.user`` and ``request.auth``. Whatever
``AuthenticationMiddleware`` put there from the session cookie is replaced,
also on public endpoints, so that an endpoint that does not authenticate by
cookie never acts as the cookie's user: that is what makes exempting
controllers from ``CsrfViewMiddleware`` safe. A request that a
:mod:`dmr.testing` client marks acts as the client's user instead of sending
credentials (:mod:`dmr.security._acting`); permissions still run.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext

from dmr._marks import gettext_noop
from dmr._pipeline.exchange import Exchange
from dmr._pipeline.stage import Stage
from dmr.errors import (
    ErrorType,
    FrameworkError,
    NotAuthenticatedError,
    PermissionDeniedError,
    error_detail,
)
from dmr.responses import ResponseSpec
from dmr.security._acting import acting_as
from dmr.security._auth import Auth, Authenticated, Refused, anonymous_user

NOT_PROVIDED = gettext_noop('Authentication credentials were not provided')
UNAUTHORIZED = 'Raised when the request carries no credentials that an auth accepts'
CSRF_REFUSED = 'Raised when a cookie-authenticated request fails the CSRF check'


def set_user(request: HttpRequest, user: Any, auth: Any = None) -> None:
    """Set ``request.user``, ``request.auser()`` and ``request.auth``."""

    async def auser() -> Any:
        return user

    request.user = user
    request.auser = auser
    request.auth = auth  # type: ignore[attr-defined]  # dmr's addition, as DRF's


def not_authenticated(message: str, challenge: str) -> NotAuthenticatedError:
    """A 401 with the endpoint's ``WWW-Authenticate`` challenges."""
    return NotAuthenticatedError(
        [error_detail(gettext(message), [], ErrorType.NOT_AUTHENTICATED)],
        headers={'WWW-Authenticate': challenge} if challenge else None,
    )


def unauthorized_responses(error_model: Any, challenge: str) -> ResponseSpec:
    """The 401 an endpoint with auth may answer, with its challenge header."""
    headers = {'WWW-Authenticate': 'The authentication schemes to retry with'} if challenge else {}
    return ResponseSpec(error_model, status_code=401, description=UNAUTHORIZED, headers=headers)


class Anonymize(Stage):
    """A public endpoint: the request is anonymous, whatever its cookies say."""

    def enter(self, exchange: Exchange, /) -> None:
        """``request.user`` is ``AnonymousUser``."""
        set_user(exchange.request, anonymous_user())


class Authenticate(Stage):
    """Tries the endpoint's auths in order."""

    def __init__(self, auths: tuple[Auth, ...], *, optional: bool, error_model: Any) -> None:
        self.auths = auths
        self.optional = optional
        self.challenge = ', '.join(
            challenge for auth in auths if (challenge := auth.challenge()) is not None
        )
        responses = [unauthorized_responses(error_model, self.challenge)]
        if any(auth.reads_cookies for auth in auths):
            responses.append(ResponseSpec(error_model, status_code=403, description=CSRF_REFUSED))
        self.responses = tuple(responses)

    def enter(self, exchange: Exchange, /) -> None:
        """Set the user of the first auth that accepts the request."""
        request = exchange.request
        if self.acted(request):
            return
        refusals: list[Refused] = []
        for auth in self.auths:
            outcome = auth.authenticate(request)
            if isinstance(outcome, Authenticated):
                set_user(request, outcome.user, outcome.auth)
                return
            if outcome is not None:
                refusals.append(outcome)
        self.conclude(request, refusals)

    def enter_async(self, exchange: Exchange, /) -> Any:
        """The same, with each auth's async path."""
        return self.enter_with_async_paths(exchange)

    async def enter_with_async_paths(self, exchange: Exchange) -> None:
        """The coroutine of :meth:`enter_async`."""
        request = exchange.request
        if self.acted(request):
            return
        refusals: list[Refused] = []
        for auth in self.auths:
            outcome = await auth.authenticate_async(request)
            if isinstance(outcome, Authenticated):
                set_user(request, outcome.user, outcome.auth)
                return
            if outcome is not None:
                refusals.append(outcome)
        self.conclude(request, refusals)

    def acted(self, request: HttpRequest) -> bool:
        """Set the user a ``dmr.testing`` client acts as, where an auth could set one."""
        acting = acting_as(request) if self.auths else None
        if acting is None:
            return False
        set_user(request, acting.user)
        return True

    def conclude(self, request: HttpRequest, refusals: list[Refused]) -> None:
        """No auth accepted: anonymous if allowed and nothing was refused, else an error."""
        if self.optional and not refusals:
            set_user(request, anonymous_user())
            return
        raise self.failure(refusals)

    def failure(self, refusals: list[Refused]) -> FrameworkError:
        """403 after a CSRF failure, else 401 with the challenges."""
        for refusal in refusals:
            if refusal.csrf:
                reason = gettext(refusal.message)
                message = gettext('CSRF check failed: %(reason)s') % {'reason': reason}
                return PermissionDeniedError(
                    [error_detail(message, [], ErrorType.CSRF_FAILED)],
                )
        message = refusals[0].message if refusals else NOT_PROVIDED
        return not_authenticated(message, self.challenge)
