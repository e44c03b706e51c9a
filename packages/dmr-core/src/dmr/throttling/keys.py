"""What a throttle counts by: the client's address, the user, the auth's token.

A key is any callable that takes the request and returns a string, or
``None`` to skip the throttle for that request. Keys that read what
authentication found (``after_auth = True``) run after it; the others run
before it, so that a flood of anonymous requests never reaches the database.

>>> def by_tenant(request: HttpRequest) -> str | None:
...     return request.headers.get('X-Tenant')
"""

import json
from typing import Any, Protocol

from django.http import HttpRequest

from dmr.throttling._client_ip import request_key


class Key(Protocol):
    """``key(request)``: the client to count the request against; ``None`` skips it."""

    def __call__(self, request: HttpRequest, /) -> str | None:
        """The key of ``request``."""


def by_ip(request: HttpRequest, /) -> str:
    """The client's address (see ``DMR_SETTINGS['throttling']['trusted_proxies']``).

    IPv6 clients are keyed by their ``/64`` network by default
    (``ipv6_prefix``); a request without a readable address is counted in one
    shared ``unknown`` bucket, and logged, never let through unthrottled.
    """
    return request_key(request.META)


def by_user(request: HttpRequest, /) -> str | None:
    """The authenticated user's primary key; anonymous requests are skipped."""
    user = getattr(request, 'user', None)
    if user is None or not user.is_authenticated:
        return None
    return str(user.pk)


by_user.after_auth = True  # type: ignore[attr-defined]  # read by Throttle


def by_token(request: HttpRequest, /) -> str | None:
    """The credential the auth accepted (``request.auth``); skipped without one.

    A token model is keyed by its primary key, JWT claims by their ``jti``.
    """
    auth: Any = getattr(request, 'auth', None)
    if auth is None:
        return None
    if isinstance(auth, dict):
        jti = auth.get('jti')
        return None if jti is None else f'jti:{jti}'
    pk = getattr(auth, 'pk', None)
    return f'{type(auth).__qualname__}:{pk if pk is not None else auth}'


by_token.after_auth = True  # type: ignore[attr-defined]  # read by Throttle


def by_username(request: HttpRequest, /) -> str | None:
    """The ``username`` of a JSON body (case-folded), for login endpoints.

    It reads the body before it is parsed (Django keeps it for the parser);
    a body that is not a JSON object with a string ``username`` is skipped
    (the endpoint refuses it anyway, and the address throttle still counts it).
    """
    if request.content_type != 'application/json':
        return None
    try:
        body = json.loads(request.body)
    except (ValueError, RecursionError):
        return None
    username = body.get('username') if isinstance(body, dict) else None
    return username.casefold() if isinstance(username, str) else None


def runs_after_auth(key: Key) -> bool:
    """Whether ``key`` reads what authentication found."""
    return bool(getattr(key, 'after_auth', False))
