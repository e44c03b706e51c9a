"""``JWTAuth``: an access token in ``Authorization: Bearer`` or in a cookie."""

from django.http import HttpRequest

from dmr._marks import gettext_noop
from dmr.security._auth import Auth, Authenticated, Outcome, Refused
from dmr.security.csrf import csrf_failure
from dmr.security.jwt._pyjwt import TokenError
from dmr.security.jwt.config import MAX_TOKEN_LENGTH, JWTConfig
from dmr.serializer import JsonSchema

_MALFORMED = gettext_noop('Malformed Bearer credentials')


class JWTAuth(Auth):
    """Accepts the access tokens ``config`` issues; ``request.auth`` holds their claims.

    By default the token comes in ``Authorization: Bearer <token>``. With
    ``cookie='access_token'`` it comes from that cookie instead: browsers
    send cookies on their own, so that variant also runs Django's CSRF check
    on unsafe methods (as :class:`~dmr.security.DjangoSession` does).

    >>> class ArticleController(Controller):
    ...     auth = [JWTAuth(TOKENS), JWTAuth(TOKENS, cookie='access_token')]
    """

    def __init__(
        self,
        config: JWTConfig,
        *,
        cookie: str | None = None,
        realm: str = 'api',
        scheme_name: str | None = None,
    ) -> None:
        self.config = config
        self.cookie = cookie
        self.realm = realm
        self.reads_cookies = cookie is not None
        self.scheme_name = scheme_name or ('jwtCookie' if cookie else 'jwtBearer')

    def authenticate(self, request: HttpRequest, /) -> Outcome:
        """Check the token, then its revocation and its user."""
        claims = self._claims(request)
        if not isinstance(claims, dict):
            return claims
        try:
            user = self.config.user(claims)
        except TokenError as error:
            return Refused(error.message)
        return self._accepted(request, user, claims)

    async def authenticate_async(self, request: HttpRequest, /) -> Outcome:
        """The same, with the async ORM and store."""
        claims = self._claims(request)
        if not isinstance(claims, dict):
            return claims
        try:
            user = await self.config.auser(claims)
        except TokenError as error:
            return Refused(error.message)
        return self._accepted(request, user, claims)

    def security_scheme(self) -> JsonSchema:
        """HTTP bearer with a JWT, or an API key in the cookie."""
        if self.cookie is not None:
            return {'type': 'apiKey', 'in': 'cookie', 'name': self.cookie}
        return {'type': 'http', 'scheme': 'bearer', 'bearerFormat': 'JWT'}

    def challenge(self) -> str | None:
        """``Bearer realm="api"`` for the header variant (RFC 6750)."""
        return None if self.cookie is not None else f'Bearer realm="{self.realm}"'

    def _claims(self, request: HttpRequest) -> dict[str, object] | Refused | None:
        token = self._token(request)
        if not isinstance(token, str):
            return token
        try:
            return self.config.decode(token)
        except TokenError as error:
            return Refused(error.message)

    def _token(self, request: HttpRequest) -> str | Refused | None:
        if self.cookie is not None:
            cookie: str | None = request.COOKIES.get(self.cookie)
            return cookie
        value: str | None = request.META.get('HTTP_AUTHORIZATION')
        if value is None:
            return None
        scheme, _, token = value.partition(' ')
        if scheme.lower() != 'bearer':
            return None
        if len(value) > MAX_TOKEN_LENGTH + len('Bearer '):
            return Refused(gettext_noop('Token is too long'))
        token = token.strip(' ')
        if not token or ' ' in token:
            return Refused(_MALFORMED)
        return token

    def _accepted(self, request: HttpRequest, user: object, claims: dict[str, object]) -> Outcome:
        if self.reads_cookies:
            reason = csrf_failure(request)
            if reason is not None:
                return Refused(reason, csrf=True)
        return Authenticated(user, auth=claims)
