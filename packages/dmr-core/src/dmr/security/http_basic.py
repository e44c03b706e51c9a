"""``HttpBasic``: a user name and password in ``Authorization`` (RFC 7617).

Every request runs Django's password hasher (hundreds of milliseconds at
Django's default iterations), and browsers resend the credentials on their
own: use it for internal tools and scripts, not for a public API.
"""

import base64
import binascii

from django.contrib.auth import aauthenticate, authenticate
from django.http import HttpRequest

from dmr._marks import gettext_noop
from dmr.security._auth import Auth, Authenticated, Outcome, Refused
from dmr.serializer import JsonSchema

MAX_CREDENTIALS = 4096
"""Longer ``Authorization`` values are refused before any decoding."""

_MALFORMED = gettext_noop('Malformed Basic credentials')
_INVALID = gettext_noop('Invalid user name or password')


class HttpBasic(Auth):
    """HTTP Basic authentication through Django's ``authenticate``.

    Login signals fire as for any login form (``user_login_failed`` on a
    wrong password), so tools that watch them (lockouts, audits) see API
    attempts too.
    """

    scheme_name = 'basicAuth'

    def __init__(self, *, realm: str = 'api') -> None:
        self.realm = realm

    def authenticate(self, request: HttpRequest, /) -> Outcome:
        """Check the credentials with ``django.contrib.auth.authenticate``."""
        credentials = _credentials(request)
        if not isinstance(credentials, tuple):
            return credentials
        username, password = credentials
        user = authenticate(request, username=username, password=password)
        return Refused(_INVALID) if user is None else Authenticated(user)

    async def authenticate_async(self, request: HttpRequest, /) -> Outcome:
        """Check the credentials with ``aauthenticate``."""
        credentials = _credentials(request)
        if not isinstance(credentials, tuple):
            return credentials
        username, password = credentials
        user = await aauthenticate(request, username=username, password=password)
        return Refused(_INVALID) if user is None else Authenticated(user)

    def security_scheme(self) -> JsonSchema:
        """``{type: http, scheme: basic}``."""
        return {'type': 'http', 'scheme': 'basic'}

    def challenge(self) -> str:
        """``Basic realm="api", charset="UTF-8"``."""
        return f'Basic realm="{self.realm}", charset="UTF-8"'


def _credentials(request: HttpRequest) -> tuple[str, str] | Refused | None:
    header = request.META.get('HTTP_AUTHORIZATION')
    if header is None:
        return None
    scheme, _, encoded = header.partition(' ')
    if scheme.lower() != 'basic':
        return None
    if len(header) > MAX_CREDENTIALS:
        return Refused(_MALFORMED)
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return Refused(_MALFORMED)
    username, colon, password = decoded.partition(':')
    if not colon or not username or '\x00' in decoded:
        return Refused(_MALFORMED)
    return username, password
