"""Django's test clients and request factories, speaking JSON through the backend.

::

    client = DMRClient()
    response = client.post('/api/users/', UserCreate(email='ada@example.com'))
    user = client.decode(response, UserResponse)
    response = client.get('/api/me/', as_user=ada)

``post``, ``put``, ``patch`` and ``delete`` send ``data`` as JSON unless a
``content_type`` says otherwise: a model of the project's backend (a msgspec
Struct, a pydantic model, an attrs instance), a dataclass, a dict or a list,
written by the backend as the endpoint will read it. ``decode`` reads a
response into an annotation through the same backend. ``serializer=`` picks
another backend than the project's (a controller pinned to one, say).

Every request method takes ``as_user=``: the request is authenticated as that
user by every endpoint that has an auth, without credentials, and the
endpoint's permissions still run. Public endpoints (``auth=None``) and
``auth=[Anonymous()]`` stay anonymous, as they are for any caller. The mark
lives on the request object the test builds in its own process, so no client
on the network can send it and no setting turns it on.
"""

import contextvars
from collections.abc import Callable, Coroutine
from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.test import AsyncClient, AsyncRequestFactory, Client, RequestFactory
from django.test.client import AsyncClientHandler, ClientHandler

from dmr.security._acting import mark
from dmr.testing._codec import (
    JSON_CONTENT_TYPE,
    SerializerSpec,
    decode,
    encode,
    is_json,
    serializer_for,
)

_acting_user: contextvars.ContextVar[Any] = contextvars.ContextVar('dmr_acting_user')


class _JsonRequests(RequestFactory):
    """What the clients and the factories share: JSON bodies through the backend."""

    def __init__(self, *args: Any, serializer: SerializerSpec = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.serializer = serializer
        """The backend that encodes and decodes; ``None``: the project's, read per request."""

    def post(
        self,
        path: Any,
        data: Any = None,
        content_type: str = JSON_CONTENT_TYPE,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """A POST, with ``data`` as its JSON body (no ``data``: no body)."""
        if data is None and is_json(content_type):
            data = ''
        return super().post(path, data, content_type, *args, **kwargs)

    def put(
        self,
        path: Any,
        data: Any = '',
        content_type: str = JSON_CONTENT_TYPE,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """A PUT, with ``data`` as its JSON body."""
        return super().put(path, data, content_type, *args, **kwargs)

    def patch(
        self,
        path: Any,
        data: Any = '',
        content_type: str = JSON_CONTENT_TYPE,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """A PATCH, with ``data`` as its JSON body."""
        return super().patch(path, data, content_type, *args, **kwargs)

    def delete(
        self,
        path: Any,
        data: Any = '',
        content_type: str = JSON_CONTENT_TYPE,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """A DELETE, with ``data`` as its JSON body if there is one."""
        return super().delete(path, data, content_type, *args, **kwargs)

    def generic(
        self,
        method: str,
        path: Any,
        *args: Any,
        as_user: Any = None,
        **kwargs: Any,
    ) -> Any:
        """Any request; ``as_user`` authenticates it as that user."""
        return self._send(partial(super().generic, method, path, *args, **kwargs), as_user)

    def decode(self, response: HttpResponseBase, annotation: Any, /) -> Any:
        """The JSON body of ``response`` as ``annotation``; :class:`DecodeError` if it is not."""
        return decode(serializer_for(self.serializer), response, annotation)

    def _encode_json(self, data: Any, content_type: str) -> Any:
        """``data`` as JSON bytes if the content type is JSON; text and bytes as they are."""
        if not is_json(content_type) or isinstance(data, str | bytes):
            return data
        return encode(serializer_for(self.serializer), data)

    def _send(self, call: Callable[[], Any], as_user: Any) -> Any:
        """A factory marks the request it built."""
        request = call()
        if as_user is not None:
            mark(request, as_user)
        return request


class DMRRequestFactory(_JsonRequests):
    """Django's ``RequestFactory``, with JSON bodies through the backend and ``as_user=``."""


class DMRAsyncRequestFactory(_JsonRequests, AsyncRequestFactory):
    """Django's ``AsyncRequestFactory``, with JSON bodies through the backend and ``as_user=``."""


class _ActingHandler(ClientHandler):
    """Marks each request with the user its client call acts as."""

    def get_response(self, request: HttpRequest) -> HttpResponseBase:
        """The response, after marking the request."""
        _mark_current(request)
        return super().get_response(request)


class _ActingAsyncHandler(AsyncClientHandler):
    """Marks each request with the user its client call acts as."""

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        """The response, after marking the request."""
        _mark_current(request)
        return await super().get_response_async(request)


def _mark_current(request: HttpRequest) -> None:
    user = _acting_user.get(None)
    if user is not None:
        mark(request, user)


class DMRClient(_JsonRequests, Client):
    """Django's test ``Client``, with JSON bodies through the backend and ``as_user=``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.handler = _ActingHandler(self.handler.enforce_csrf_checks)

    def _send(self, call: Callable[[], Any], as_user: Any) -> Any:
        token = _acting_user.set(as_user)
        try:
            return call()
        finally:
            _acting_user.reset(token)


class DMRAsyncClient(_JsonRequests, AsyncClient):
    """Django's ``AsyncClient``, with JSON bodies through the backend and ``as_user=``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.handler = _ActingAsyncHandler(self.handler.enforce_csrf_checks)

    def _send(self, call: Callable[[], Any], as_user: Any) -> Any:
        return self._acting(call, as_user)

    async def _acting(self, call: Callable[[], Coroutine[Any, Any, Any]], as_user: Any) -> Any:
        token = _acting_user.set(as_user)
        try:
            return await call()
        finally:
            _acting_user.reset(token)
