"""``Auth``: the contract of an authentication method, and what it answers."""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from dmr.serializer import JsonSchema


@dataclass(frozen=True, slots=True)
class Authenticated:
    """Credentials an auth accepted: the user, and what ``request.auth`` holds."""

    user: Any
    auth: Any = None


@dataclass(frozen=True, slots=True)
class Refused:
    """Credentials an auth found and refused; ``csrf`` when the CSRF check failed."""

    message: str
    csrf: bool = False


Outcome = Authenticated | Refused | None
"""What ``authenticate`` answers; ``None``: the request carries none of its credentials."""


class Auth:
    """Base class of authentication methods.

    An auth looks for its own credentials in the request. It answers
    ``None`` when there are none (the next auth of the endpoint is tried),
    :class:`Authenticated` when it accepts them, and :class:`Refused` when
    they are there but wrong (the next auth is tried too; if none accepts,
    the answer is 401, or 403 after a CSRF failure).

    ``authenticate`` serves sync endpoints and ``authenticate_async`` async
    ones; an auth that has only one of them cannot serve the other kind, and
    an endpoint that would need it fails when its controller is compiled.

    >>> class Header(Auth):
    ...     scheme_name = 'internalHeader'
    ...     def authenticate(self, request):
    ...         if 'HTTP_X_INTERNAL' not in request.META:
    ...             return None
    ...         return Refused('Unknown caller')
    ...     def security_scheme(self):
    ...         return {'type': 'apiKey', 'in': 'header', 'name': 'X-Internal'}
    """

    scheme_name: str = ''
    """Its key in the document's ``components.securitySchemes``."""

    reads_cookies: bool = False
    """Whether its credentials come from a cookie: it then enforces CSRF."""

    def authenticate(self, _request: HttpRequest, /) -> Outcome:
        """The sync path."""
        raise NotImplementedError

    async def authenticate_async(self, _request: HttpRequest, /) -> Outcome:
        """The async path."""
        raise NotImplementedError

    def security_scheme(self) -> JsonSchema:
        """Its OpenAPI Security Scheme Object."""
        raise NotImplementedError

    def challenge(self) -> str | None:
        """Its ``WWW-Authenticate`` challenge, if its scheme has one."""
        return None

    def serves(self, *, is_async: bool) -> bool:
        """Whether it has the path endpoints of that kind call."""
        name = 'authenticate_async' if is_async else 'authenticate'
        return getattr(type(self), name) is not getattr(Auth, name)


class Anonymous(Auth):
    """Lets a request that sends no credentials through, as ``AnonymousUser``.

    Put it last: ``auth = [JWTAuth(), Anonymous()]`` accepts a valid token,
    answers 401 to a wrong one, and serves a request that sends none
    anonymously. The document lists it as the empty security requirement.
    """

    def authenticate(self, _request: HttpRequest, /) -> Outcome:
        """Always the anonymous user."""
        return Authenticated(anonymous_user())

    async def authenticate_async(self, _request: HttpRequest, /) -> Outcome:
        """Always the anonymous user."""
        return Authenticated(anonymous_user())


def anonymous_user() -> Any:
    """Django's ``AnonymousUser`` (imported late: it needs the app registry)."""
    from django.contrib.auth.models import AnonymousUser  # noqa: PLC0415

    return AnonymousUser()
