"""``DjangoSession``: the user of Django's session cookie, with Django's CSRF check."""

from django.conf import settings
from django.contrib.auth import aget_user, get_user
from django.http import HttpRequest

from dmr.security._auth import Auth, Authenticated, Outcome, Refused
from dmr.security.csrf import csrf_failure
from dmr.serializer import JsonSchema


class DjangoSession(Auth):
    """The user logged in to the request's session (``SessionMiddleware``).

    A session cookie is sent by the browser on its own, so unsafe methods
    (``POST``, ``PUT``, ``PATCH``, ``DELETE``) must also pass Django's CSRF
    check: the token goes in the header named by ``CSRF_HEADER_NAME``
    (``X-CSRFToken``), or in the ``csrfmiddlewaretoken`` field of a form.
    The async path loads the session and the user with Django's async API.
    """

    scheme_name = 'sessionCookie'
    reads_cookies = True

    def authenticate(self, request: HttpRequest, /) -> Outcome:
        """The session's user, when the CSRF check passes."""
        if not hasattr(request, 'session'):
            return None
        return _checked(request, get_user(request))

    async def authenticate_async(self, request: HttpRequest, /) -> Outcome:
        """The same, with ``aget_user``."""
        if not hasattr(request, 'session'):
            return None
        return _checked(request, await aget_user(request))

    def security_scheme(self) -> JsonSchema:
        """``{type: apiKey, in: cookie, name: sessionid}``."""
        return {'type': 'apiKey', 'in': 'cookie', 'name': settings.SESSION_COOKIE_NAME}


def _checked(request: HttpRequest, user: object) -> Outcome:
    if not getattr(user, 'is_authenticated', False):
        return None
    reason = csrf_failure(request)
    if reason is not None:
        return Refused(reason, csrf=True)
    return Authenticated(user)
