"""Controllers that hand out and revoke tokens, ready to route in a project's URLs.

>>> from dmr.security.tokens.controllers import ObtainTokenController, RevokeTokenController
>>> urlpatterns = [
...     path('api/tokens/', ObtainTokenController.as_view()),
...     path('api/tokens/current/', RevokeTokenController.as_view()),
... ]

``ObtainTokenController`` takes a user name and password and answers a new
token, once; ``RevokeTokenController`` deletes the token the request
authenticated with, or the user's tokens of a given name. Both are sync;
``AsyncObtainTokenController`` and ``AsyncRevokeTokenController`` are the
same for async projects. Subclass them to change ``expires_in``, the
``auth`` of revocation, or the OpenAPI ``operation``.
"""

from datetime import timedelta
from typing import ClassVar, NotRequired

from django.contrib.auth import aauthenticate, authenticate
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from typing_extensions import TypedDict

from dmr import Body, Controller, Query, ResponseSpec, modify
from dmr._marks import gettext_noop
from dmr.errors import (
    ErrorModel,
    ErrorType,
    NotAuthenticatedError,
    RequestValidationError,
    error_detail,
)
from dmr.security.token_auth import TokenAuth
from dmr.security.tokens.models import NAME_MAX_LENGTH, Token
from dmr.throttling import CREDENTIAL_THROTTLES

INVALID_CREDENTIALS = gettext_noop('Invalid user name or password')
"""The one answer to every failed attempt: nothing tells which part was wrong."""

MAX_CREDENTIAL_LENGTH = 4096
"""Longer user names or passwords are refused before Django's backends see them."""

_NO_STORE = {'Cache-Control': 'no-store'}
_UNAUTHORIZED = ResponseSpec(
    ErrorModel,
    status_code=401,
    description='Raised when the user name or password is wrong, or the user may not log in',
)
_NOT_FOUND = ResponseSpec(
    ErrorModel,
    status_code=404,
    description='Raised when no token of that name belongs to the user',
)


class TokenRequest(TypedDict):
    """A user's credentials, and what to call the new token."""

    username: str
    password: str
    name: NotRequired[str]


class TokenCreated(TypedDict):
    """A new token: ``token`` is its secret, shown this once."""

    token: str
    name: str
    expires: str | None
    """When it expires (ISO 8601), or ``None``."""


class RevokeQuery(TypedDict):
    """``?name=``: revoke the user's tokens of that name instead of the current one."""

    name: NotRequired[str]


class ObtainTokenController(Controller):
    """``POST {"username", "password", "name"?}``: a new token of that user.

    Django's ``authenticate`` checks the credentials (``user_login_failed``
    fires on failure); every failure answers the same 401. The response
    carries ``Cache-Control: no-store``. Throttled by address and by user
    name (``CREDENTIAL_THROTTLES``), refusing with 503 when the store is down.
    """

    auth = None
    permissions = ()
    throttles = CREDENTIAL_THROTTLES
    expires_in: ClassVar[timedelta | None] = None
    """How long the tokens it issues live; ``None``: until revoked."""

    @modify(headers=_NO_STORE, extra_responses=[_UNAUTHORIZED])
    def post(self, credentials: Body[TokenRequest]) -> TokenCreated:
        """Check the credentials and issue a token."""
        name = _name(credentials)
        user = None
        if _plausible(credentials):
            user = authenticate(
                self.request,
                username=credentials['username'],
                password=credentials['password'],
            )
        if user is None:
            raise _refused()
        token, secret = Token.objects.issue(user, name=name, expires_in=self.expires_in)
        return _created(token, secret)


class AsyncObtainTokenController(Controller):
    """:class:`ObtainTokenController` for async projects (``aauthenticate``)."""

    auth = None
    permissions = ()
    throttles = CREDENTIAL_THROTTLES
    expires_in: ClassVar[timedelta | None] = None
    """How long the tokens it issues live; ``None``: until revoked."""

    @modify(headers=_NO_STORE, extra_responses=[_UNAUTHORIZED])
    async def post(self, credentials: Body[TokenRequest]) -> TokenCreated:
        """Check the credentials and issue a token."""
        name = _name(credentials)
        user = None
        if _plausible(credentials):
            user = await aauthenticate(
                self.request,
                username=credentials['username'],
                password=credentials['password'],
            )
        if user is None:
            raise _refused()
        token, secret = await Token.objects.aissue(user, name=name, expires_in=self.expires_in)
        return _created(token, secret)


class RevokeTokenController(Controller):
    """``DELETE``: revoke the request's token; ``DELETE ?name=ci``: the user's tokens named ``ci``.

    Answers 204, or 404 when there is nothing to revoke.
    """

    auth = (TokenAuth(),)
    permissions = ()

    @modify(extra_responses=[_NOT_FOUND])
    def delete(self, query: Query[RevokeQuery]) -> None:
        """Delete the token(s)."""
        if 'name' in query:
            deleted, _ = Token.objects.filter(user=self.request.user, name=query['name']).delete()
        else:
            deleted, _ = _current(self.request).delete()
        if not deleted:
            raise Http404


class AsyncRevokeTokenController(Controller):
    """:class:`RevokeTokenController` for async projects."""

    auth = (TokenAuth(),)
    permissions = ()

    @modify(extra_responses=[_NOT_FOUND])
    async def delete(self, query: Query[RevokeQuery]) -> None:
        """Delete the token(s)."""
        if 'name' in query:
            tokens = Token.objects.filter(user=self.request.user, name=query['name'])
            deleted, _ = await tokens.adelete()
        else:
            deleted, _ = await _current(self.request).adelete()
        if not deleted:
            raise Http404


def _name(credentials: TokenRequest) -> str:
    name = credentials.get('name', '')
    if len(name) > NAME_MAX_LENGTH or not name.isprintable():
        raise RequestValidationError(
            [
                error_detail(
                    gettext('A printable name of at most %(limit)s characters')
                    % {'limit': NAME_MAX_LENGTH},
                    ['body', 'name'],
                    ErrorType.VALUE_ERROR,
                ),
            ],
        )
    return name


def _plausible(credentials: TokenRequest) -> bool:
    """Whether Django's backends can be asked (a NUL breaks some databases' queries)."""
    return all(
        len(value) <= MAX_CREDENTIAL_LENGTH and '\x00' not in value
        for value in (credentials['username'], credentials['password'])
    )


def _refused() -> NotAuthenticatedError:
    return NotAuthenticatedError(
        [error_detail(gettext(INVALID_CREDENTIALS), [], ErrorType.NOT_AUTHENTICATED)]
    )


def _created(token: Token, secret: str) -> TokenCreated:
    expires = None if token.expires is None else token.expires.isoformat()
    return {'token': secret, 'name': token.name, 'expires': expires}


def _current(request: HttpRequest) -> QuerySet[Token]:
    """The request's token as a queryset, or an empty one when another auth served it."""
    token = getattr(request, 'auth', None)
    if not isinstance(token, Token):
        return Token.objects.none()
    return Token.objects.filter(pk=token.pk)
