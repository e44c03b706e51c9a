"""What the auth variants share: a user in an in-memory database, and the client's credentials.

The benchmark's request is the same for every framework, so the client's
``Authorization`` header is added by :class:`SendCredentials`, the one
middleware of these variants (the public one runs it too, and ignores the
header): the difference between the rows is the auth alone.
"""

import base64
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import HttpRequest, HttpResponse

from dmr.security import Auth, HttpBasic
from dmr.security.jwt import JWTAuth, JWTConfig, JWTKey

USERNAME, PASSWORD = 'bench', 'benchmark-password'

_CREDENTIALS: dict[str, str] = {}


def _es256() -> JWTKey:
    private = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return JWTKey('bench-es256', 'ES256', private_key=private)


def _jwt(key: JWTKey) -> tuple[Auth, Callable[[Any], str]]:
    # An hour: longer than any run, so no token expires while it is timed.
    config = JWTConfig(keys=[key], audience='bench', access_ttl=timedelta(hours=1))
    return JWTAuth(config), lambda user: f'Bearer {config.issue(user)["access"]}'


def _basic(_user: Any) -> str:
    return 'Basic ' + base64.b64encode(f'{USERNAME}:{PASSWORD}'.encode()).decode()


def auth() -> tuple[Auth, ...] | None:
    """The auth of ``settings.BENCH_AUTH``, after creating its user and credentials.

    ``'none'``: public. ``'basic'``: ``HttpBasic`` with Django's default
    hasher (PBKDF2). ``'jwt-es256'``, ``'jwt-hs256'``: ``JWTAuth`` with a key of
    that algorithm, a revocation check and a user query per request.
    """
    call_command('migrate', verbosity=0)
    user = get_user_model().objects.create_user(USERNAME, password=PASSWORD)
    kind = settings.BENCH_AUTH
    chosen: Auth | None
    if kind == 'basic':
        chosen, credentials = HttpBasic(), _basic
    elif kind == 'jwt-es256':
        chosen, credentials = _jwt(_es256())
    elif kind == 'jwt-hs256':
        chosen, credentials = _jwt(JWTKey('bench-hs256', 'HS256', secret=b'b' * 32))
    else:
        chosen, credentials = None, _basic
    _CREDENTIALS['HTTP_AUTHORIZATION'] = credentials(user)
    return None if chosen is None else (chosen,)


class SendCredentials:
    """Adds the variant's ``Authorization`` header, as its client would send it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.update(_CREDENTIALS)
        return self.get_response(request)
