"""The token endpoints: obtain, refresh, verify and revoke, sync or async.

:func:`token_urls` gives the four routes to put in a project's URLconf;
:func:`token_controllers` gives the controller classes themselves, to mount
elsewhere or to subclass. Sync controllers call Django's ``authenticate``
and the sync ORM; async ones ``aauthenticate`` and the async ORM. They use
dmr's public API only, with ``TypedDict`` bodies every backend validates.
"""

from typing import Any, NamedTuple

from django.contrib.auth import aauthenticate, authenticate
from django.http import HttpResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext
from typing_extensions import TypedDict

from dmr import APIError, Body, Controller, ResponseSpec, validate
from dmr._marks import gettext_noop
from dmr.errors import ErrorModel, ErrorType
from dmr.security.jwt._pyjwt import TokenError
from dmr.security.jwt.config import JWTConfig, TokenPair
from dmr.security.login import Credentials
from dmr.throttling import CREDENTIAL_THROTTLES

INVALID_CREDENTIALS = gettext_noop('Invalid user name or password')
"""The one answer to every failed obtain: no user enumeration."""

MAX_USERNAME = 254
MAX_PASSWORD = 4096


class RefreshToken(TypedDict):
    """What the refresh and revoke endpoints read."""

    refresh: str


class AccessToken(TypedDict):
    """What the verify endpoint reads."""

    token: str


class VerifiedToken(TypedDict):
    """What the verify endpoint answers for a valid access token."""

    sub: str
    exp: int


class TokenControllers(NamedTuple):
    """The four controller classes of one configuration."""

    obtain: type[Controller[Any]]
    refresh: type[Controller[Any]]
    verify: type[Controller[Any]]
    revoke: type[Controller[Any]]


_UNAUTHORIZED = ResponseSpec(
    ErrorModel,
    status_code=401,
    description='Raised when the credentials or the token are refused',
    headers={'WWW-Authenticate': 'The authentication scheme to retry with'},
)
_PAIR = ResponseSpec(TokenPair, status_code=200, description='A new access and refresh token')
_REVOKED = ResponseSpec(None, status_code=204, description='The login is revoked')
_VERIFIED = ResponseSpec(VerifiedToken, status_code=200, description='The token is valid')


def refused(message: str) -> APIError:
    """The 401 every token endpoint answers with."""
    return APIError(
        gettext(message),
        status_code=401,
        error_type=ErrorType.NOT_AUTHENTICATED,
        headers={'WWW-Authenticate': 'Bearer realm="api"'},
    )


def _checked(credentials: Credentials) -> Credentials:
    if len(credentials['username']) > MAX_USERNAME or len(credentials['password']) > MAX_PASSWORD:
        raise refused(INVALID_CREDENTIALS)
    return credentials


class _Cookie:
    """Sets the access token in a cookie as well (``cookie=...``), and deletes it on revoke."""

    def __init__(self, name: str | None, config: JWTConfig) -> None:
        self.name = name
        self.max_age = int(config.access_ttl.total_seconds())

    def set(self, response: HttpResponse, pair: TokenPair) -> HttpResponse:
        if self.name is not None:
            response.set_cookie(
                self.name,
                pair['access'],
                max_age=self.max_age,
                secure=True,
                httponly=True,
                samesite='Lax',
            )
        return response

    def delete(self, response: HttpResponse) -> HttpResponse:
        if self.name is not None:
            response.delete_cookie(self.name, samesite='Lax')
        return response


def token_controllers(
    config: JWTConfig,
    *,
    is_async: bool = False,
    cookie: str | None = None,
) -> TokenControllers:
    """The obtain, refresh, verify and revoke controllers for ``config``.

    ``cookie`` also sets the access token in that cookie (``HttpOnly``,
    ``Secure``, ``SameSite=Lax``) on obtain and refresh, and deletes it on
    revoke, for ``JWTAuth(config, cookie=...)``.
    """
    if not config.can_sign:
        raise ValueError('token controllers need a JWTKey with a private key or a secret')
    jar = _Cookie(cookie, config)
    return (_async if is_async else _sync)(config, jar)


def token_urls(
    config: JWTConfig,
    *,
    is_async: bool = False,
    cookie: str | None = None,
    prefix: str = 'token/',
) -> list[URLPattern]:
    """``<prefix>``, ``refresh/``, ``verify/`` and ``revoke/``, named ``token-obtain``...

    >>> urlpatterns = [path('api/', include(token_urls(TOKENS)))]
    """
    controllers = token_controllers(config, is_async=is_async, cookie=cookie)
    return [
        path(f'{prefix}{suffix}', controller.as_view(), name=f'token-{name}')
        for name, suffix, controller in (
            ('obtain', '', controllers.obtain),
            ('refresh', 'refresh/', controllers.refresh),
            ('verify', 'verify/', controllers.verify),
            ('revoke', 'revoke/', controllers.revoke),
        )
    ]


def _sync(config: JWTConfig, jar: _Cookie) -> TokenControllers:
    class TokenObtain(Controller):
        """Trade a user name and password for a token pair."""

        throttles = CREDENTIAL_THROTTLES

        @validate(_PAIR, _UNAUTHORIZED, auth=None, permissions=[])
        def post(self, credentials: Body[Credentials]) -> HttpResponse:
            found = _checked(credentials)
            username, password = found['username'], found['password']
            user = authenticate(self.request, username=username, password=password)
            if user is None:
                raise refused(INVALID_CREDENTIALS)
            pair = config.issue(user)
            return jar.set(self.to_response(pair, status_code=200), pair)

    class TokenRefresh(Controller):
        """Trade a refresh token, used up, for a new pair."""

        @validate(_PAIR, _UNAUTHORIZED, auth=None, permissions=[])
        def post(self, body: Body[RefreshToken]) -> HttpResponse:
            try:
                pair = config.refresh(body['refresh'])
            except TokenError as error:
                raise refused(error.message) from None
            return jar.set(self.to_response(pair, status_code=200), pair)

    class TokenVerify(Controller):
        """Whether an access token is valid now."""

        @validate(_VERIFIED, _UNAUTHORIZED, auth=None, permissions=[])
        def post(self, body: Body[AccessToken]) -> HttpResponse:
            try:
                claims = config.decode(body['token'])
                config.user(claims)
            except TokenError as error:
                raise refused(error.message) from None
            verified = VerifiedToken(sub=claims['sub'], exp=int(claims['exp']))
            return self.to_response(verified, status_code=200)

    class TokenRevoke(Controller):
        """Revoke every token of a refresh token's login (logout)."""

        @validate(_REVOKED, _UNAUTHORIZED, auth=None, permissions=[])
        def post(self, body: Body[RefreshToken]) -> HttpResponse:
            try:
                config.revoke(body['refresh'])
            except TokenError as error:
                raise refused(error.message) from None
            return jar.delete(self.to_response(None, status_code=204))

    return TokenControllers(TokenObtain, TokenRefresh, TokenVerify, TokenRevoke)


def _async(config: JWTConfig, jar: _Cookie) -> TokenControllers:
    class AsyncTokenObtain(Controller):
        """Trade a user name and password for a token pair."""

        throttles = CREDENTIAL_THROTTLES

        @validate(_PAIR, _UNAUTHORIZED, auth=None, permissions=[])
        async def post(self, credentials: Body[Credentials]) -> HttpResponse:
            found = _checked(credentials)
            user = await aauthenticate(
                self.request,
                username=found['username'],
                password=found['password'],
            )
            if user is None:
                raise refused(INVALID_CREDENTIALS)
            pair = config.issue(user)
            return jar.set(self.to_response(pair, status_code=200), pair)

    class AsyncTokenRefresh(Controller):
        """Trade a refresh token, used up, for a new pair."""

        @validate(_PAIR, _UNAUTHORIZED, auth=None, permissions=[])
        async def post(self, body: Body[RefreshToken]) -> HttpResponse:
            try:
                pair = await config.arefresh(body['refresh'])
            except TokenError as error:
                raise refused(error.message) from None
            return jar.set(self.to_response(pair, status_code=200), pair)

    class AsyncTokenVerify(Controller):
        """Whether an access token is valid now."""

        @validate(_VERIFIED, _UNAUTHORIZED, auth=None, permissions=[])
        async def post(self, body: Body[AccessToken]) -> HttpResponse:
            try:
                claims = config.decode(body['token'])
                await config.auser(claims)
            except TokenError as error:
                raise refused(error.message) from None
            verified = VerifiedToken(sub=claims['sub'], exp=int(claims['exp']))
            return self.to_response(verified, status_code=200)

    class AsyncTokenRevoke(Controller):
        """Revoke every token of a refresh token's login (logout)."""

        @validate(_REVOKED, _UNAUTHORIZED, auth=None, permissions=[])
        async def post(self, body: Body[RefreshToken]) -> HttpResponse:
            try:
                await config.arevoke(body['refresh'])
            except TokenError as error:
                raise refused(error.message) from None
            return jar.delete(self.to_response(None, status_code=204))

    return TokenControllers(
        AsyncTokenObtain,
        AsyncTokenRefresh,
        AsyncTokenVerify,
        AsyncTokenRevoke,
    )
