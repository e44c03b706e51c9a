"""Who may write: users logged in with a session or holding a JWT; each row by its writer.

Reads are public. Every write names :data:`WRITERS` as its auth: a JWT
access token in ``Authorization: Bearer`` (from ``/api/auth/token/``), or the
session cookie of ``/api/auth/login/`` with the CSRF token in ``X-CSRFToken``.
An article may be written, changed or deleted only as its author
(:class:`IsAuthor`), a user profile only by its own account
(:class:`IsOwnProfile`); the controllers ask with ``check_object_permissions``.

The tokens are signed with ``NEWSROOM_JWT_PRIVATE_KEY`` (an EC private key in
PEM, ES256) when the settings give one: what a deployment sets. Without it,
the demo signs with HS256 and a key derived from ``SECRET_KEY``, so that a
clean clone runs with no setup; anyone who knows the ``SECRET_KEY`` can then
mint tokens, which is why a deployment sets both.
"""

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from dmr.permissions import Permission
from dmr.security import DjangoSession
from dmr.security.jwt import JWTAuth, JWTConfig, JWTKey

_DERIVATION_LABEL = b'newsroom.auth.jwt-hs256'


def signing_key() -> JWTKey:
    """The configured ES256 key, else an HS256 key derived from ``SECRET_KEY``."""
    pem = settings.NEWSROOM_JWT_PRIVATE_KEY
    if pem:
        return JWTKey(settings.NEWSROOM_JWT_KID, 'ES256', private_key=pem)
    secret = hmac.new(settings.SECRET_KEY.encode(), _DERIVATION_LABEL, hashlib.sha256).digest()
    return JWTKey('newsroom-demo', 'HS256', secret=secret)


TOKENS = JWTConfig(keys=[signing_key()], issuer='newsroom', audience='newsroom-api')
"""The access and refresh tokens of ``/api/auth/token/``."""

WRITERS = (JWTAuth(TOKENS), DjangoSession())
"""The auth of every write: a bearer token, else the session cookie (with CSRF)."""


def _is_account(request: HttpRequest, account_id: int | None) -> bool:
    user = request.user
    return bool(user.is_authenticated) and account_id is not None and account_id == user.pk


class IsAuthor(Permission):
    """The article's author is the profile of the request's user."""

    def has_object_permission(self, request: HttpRequest, _controller: Any, obj: Any, /) -> bool:
        """``obj`` is an article, its author loaded."""
        return _is_account(request, obj.author.account_id)


class IsOwnProfile(Permission):
    """The user profile is that of the request's user."""

    def has_object_permission(self, request: HttpRequest, _controller: Any, obj: Any, /) -> bool:
        """``obj`` is a profile (``users.User``)."""
        return _is_account(request, obj.account_id)
