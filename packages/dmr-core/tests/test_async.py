"""Async controllers run without hidden thread hops."""

import asyncio
import json
import uuid
from typing import Any

from django.http import HttpResponse
from django.test import AsyncRequestFactory

from dmr import APIError, Body, Controller
from tests.models import User, UserCreate

factory = AsyncRequestFactory()


async def async_handler(controller: Controller[Any], exc: Exception) -> HttpResponse | None:
    await asyncio.sleep(0)
    if isinstance(exc, KeyError):
        return HttpResponse('handled', status=418)
    return None


class AsyncUsers(Controller):
    error_handler = async_handler

    async def post(self, user: Body[UserCreate]) -> User:
        await asyncio.sleep(0)
        if user.email == 'missing':
            raise KeyError(user.email)
        if user.email == 'gone':
            raise APIError('gone', status_code=410)
        return User(email=user.email, uid=uuid.UUID(int=9))

    async def get(self) -> list[int]:
        return [1]


def run(coroutine: Any) -> HttpResponse:
    return asyncio.run(coroutine)  # type: ignore[no-any-return]


def post(email: str) -> HttpResponse:
    request = factory.post('/', json.dumps({'email': email}), content_type='application/json')
    return run(AsyncUsers.as_view()(request))


def test_async_view_is_a_coroutine_function():
    """Django sees the view of an async controller as async."""
    assert asyncio.iscoroutinefunction(AsyncUsers.as_view())


def test_async_endpoint_renders_its_model():
    """An async endpoint is awaited and its result rendered."""
    response = post('a@example.com')
    assert response.status_code == 201
    assert json.loads(response.content)['uid'] == str(uuid.UUID(int=9))


def test_async_error_handler_is_awaited():
    """Async error handlers are awaited in async controllers."""
    assert post('missing').status_code == 418


def test_async_unanswered_errors_use_the_defaults():
    """Errors no handler answers get the default treatment."""
    assert post('gone').status_code == 422


def test_async_validation_errors_are_400():
    """Invalid input is 400 in async controllers too."""
    request = factory.post('/', b'{}', content_type='application/json')
    assert run(AsyncUsers.as_view()(request)).status_code == 400


def test_async_405_and_options():
    """405 and OPTIONS answer asynchronously."""
    assert run(AsyncUsers.as_view()(factory.put('/'))).status_code == 405
    response = run(AsyncUsers.as_view()(factory.options('/')))
    assert response['Allow'] == 'GET, HEAD, OPTIONS, POST'


async def raising_handler(controller: Controller[Any], exc: Exception) -> HttpResponse | None:
    raise APIError('converted', status_code=400)


class AsyncRaising(Controller):
    error_handler = raising_handler

    async def get(self) -> int:
        raise KeyError('x')


def test_async_handler_may_raise_api_error(caplog):
    """An async handler raising ``APIError`` answers with it (here, undeclared: 422)."""
    response = run(AsyncRaising.as_view()(factory.get('/')))
    assert response.status_code == 422
    assert 'Status 400 is not declared' in caplog.text
