"""``TokenAuth``: an opaque API token of ``dmr.security.tokens`` in ``Authorization``.

The app ``'dmr.security.tokens'`` must be installed; this module imports its
model only when a request is authenticated, so ``TokenAuth()`` can be
written in a settings module.
"""

from datetime import timedelta
from typing import TYPE_CHECKING

from django.http import HttpRequest

from dmr._marks import gettext_noop
from dmr.security._auth import Auth, Authenticated, Outcome, Refused
from dmr.security.tokens import format as token_format
from dmr.serializer import JsonSchema

if TYPE_CHECKING:
    from dmr.security.tokens.models import Token

MAX_HEADER_LENGTH = 1024
"""Longer ``Authorization`` values are refused before they are read."""

_MALFORMED = gettext_noop('Malformed token')
_INVALID = gettext_noop('Invalid token')


class TokenAuth(Auth):
    """A token made by ``dmr.security.tokens``, sent as ``Authorization: Bearer <token>``.

    ``request.user`` is the token's user and ``request.auth`` the
    :class:`~dmr.security.tokens.models.Token`. A token of the wrong format
    (prefix, length, alphabet, checksum) is refused without a database query;
    an unknown, revoked or expired token, or one of an inactive user, is
    refused after one query. ``last_used`` is written at most once every
    ``touch_every`` per token (``None``: never). ``scheme`` is the word
    before the token (``Bearer``, or ``Token`` for clients written for
    other frameworks), compared case-insensitively.

    >>> class ArticleController(Controller):
    ...     auth = [TokenAuth()]
    """

    scheme_name = 'tokenAuth'

    def __init__(
        self,
        *,
        scheme: str = 'Bearer',
        realm: str = 'api',
        touch_every: timedelta | None = timedelta(minutes=5),
    ) -> None:
        if not scheme or not scheme.isascii() or not scheme.isalnum():
            raise ValueError(f'scheme must be one word of ASCII letters or digits, not {scheme!r}')
        self.scheme = scheme
        self.realm = realm
        self.touch_every = touch_every

    def authenticate(self, request: HttpRequest, /) -> Outcome:
        """Find the token with one query."""
        secret = self._secret(request)
        if not isinstance(secret, str):
            return secret
        return _outcome(_model().objects.find(secret, touch_every=self.touch_every))

    async def authenticate_async(self, request: HttpRequest, /) -> Outcome:
        """The same, with Django's async ORM."""
        secret = self._secret(request)
        if not isinstance(secret, str):
            return secret
        return _outcome(await _model().objects.afind(secret, touch_every=self.touch_every))

    def security_scheme(self) -> JsonSchema:
        """``{type: http, scheme: bearer}`` (the scheme's name, in lower case)."""
        return {'type': 'http', 'scheme': self.scheme.lower()}

    def challenge(self) -> str:
        """``Bearer realm="api"``."""
        return f'{self.scheme} realm="{self.realm}"'

    def _secret(self, request: HttpRequest) -> str | Refused | None:
        header: str | None = request.META.get('HTTP_AUTHORIZATION')
        if header is None:
            return None
        scheme, _, secret = header.partition(' ')
        if scheme.lower() != self.scheme.lower():
            return None
        if len(header) > MAX_HEADER_LENGTH:
            return Refused(_MALFORMED)
        secret = secret.strip(' ')
        if token_format.parse(secret) is None:
            return Refused(_MALFORMED)
        return secret


def _outcome(token: 'Token | None') -> Outcome:
    if token is None:
        return Refused(_INVALID)
    return Authenticated(token.user, token)


def _model() -> type['Token']:
    from dmr.security.tokens.models import Token  # noqa: PLC0415 - needs the app registry

    return Token
