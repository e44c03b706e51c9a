"""``ApiKey``: a key in a header, a cookie or a query parameter, checked by a callable."""

import inspect
from collections.abc import Awaitable, Callable
from typing import Any, Literal

from django.http import HttpRequest

from dmr._marks import gettext_noop
from dmr.security._auth import Auth, Authenticated, Outcome, Refused
from dmr.security.csrf import csrf_failure
from dmr.serializer import JsonSchema

MAX_KEY_LENGTH = 512
"""Longer keys are refused before the check is called."""

Check = Callable[[HttpRequest, str], Any]
"""``check(request, key)``: the user the key belongs to (or an ``Authenticated``), or ``None``."""

_INVALID = gettext_noop('Invalid API key')


class ApiKey(Auth):
    """An API key, checked by ``check(request, key)``.

    ``check`` returns the key's user (or an ``Authenticated``), or ``None``
    for a key it does not know. A coroutine function serves async
    endpoints; give both with ``check`` and ``check_async`` to serve both
    kinds. A key in a cookie is sent by browsers on their own, so that
    variant enforces Django's CSRF check on unsafe methods.

    >>> ApiKey('X-API-Key', check=lambda request, key: keys.get(key))
    """

    def __init__(
        self,
        name: str,
        *,
        location: Literal['header', 'cookie', 'query'] = 'header',
        check: Check | None = None,
        check_async: Callable[[HttpRequest, str], Awaitable[Any]] | None = None,
        scheme_name: str | None = None,
    ) -> None:
        if location not in {'header', 'cookie', 'query'}:
            raise ValueError(f"location must be 'header', 'cookie' or 'query', not {location!r}")
        if check is not None and inspect.iscoroutinefunction(check):
            check, check_async = None, check
        if check is None and check_async is None:
            raise TypeError('ApiKey needs check=..., check_async=..., or both')
        self.name = name
        self.location = location
        self.check = check
        self.check_async = check_async
        self.scheme_name = scheme_name or f'apiKey{location.title()}{_camel(name)}'
        self.reads_cookies = location == 'cookie'
        self.meta_key = 'HTTP_' + name.upper().replace('-', '_')

    def serves(self, *, is_async: bool) -> bool:
        """Whether it has a check of that kind."""
        return (self.check_async if is_async else self.check) is not None

    def authenticate(self, request: HttpRequest, /) -> Outcome:
        """Read the key and call ``check``."""
        key = self._key(request)
        if not isinstance(key, str):
            return key
        assert self.check is not None  # noqa: S101 - `serves` is checked when endpoints are built
        return self._outcome(request, self.check(request, key))

    async def authenticate_async(self, request: HttpRequest, /) -> Outcome:
        """Read the key and await ``check_async``."""
        key = self._key(request)
        if not isinstance(key, str):
            return key
        assert self.check_async is not None  # noqa: S101 - `serves` is checked when endpoints are built
        return self._outcome(request, await self.check_async(request, key))

    def security_scheme(self) -> JsonSchema:
        """``{type: apiKey, in: ..., name: ...}``."""
        return {'type': 'apiKey', 'in': self.location, 'name': self.name}

    def _key(self, request: HttpRequest) -> str | Refused | None:
        key: str | None
        if self.location == 'header':
            key = request.META.get(self.meta_key)
        elif self.location == 'cookie':
            key = request.COOKIES.get(self.name)
        else:
            key = request.GET.get(self.name)
        if key is None:
            return None
        if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
            return Refused(_INVALID)
        return key

    def _outcome(self, request: HttpRequest, found: Any) -> Outcome:
        if found is None:
            return Refused(_INVALID)
        if self.reads_cookies:
            reason = csrf_failure(request)
            if reason is not None:
                return Refused(reason, csrf=True)
        return found if isinstance(found, Authenticated) else Authenticated(found)


def _camel(name: str) -> str:
    return ''.join(part.title() for part in name.replace('_', '-').split('-'))
