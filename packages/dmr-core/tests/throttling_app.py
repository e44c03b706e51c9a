"""Throttled controllers, sync and async, for the throttling tests."""

from typing import Any

from django.contrib.auth.models import User as DjangoUser
from django.http import HttpRequest

from dmr import Controller, modify
from dmr.routing import path
from dmr.security import Authenticated, HttpBasic
from dmr.security.api_key import ApiKey
from dmr.security.jwt import JWTAuth
from dmr.throttling import Rate, Throttle, by_ip, by_token, by_user
from tests.jwt_app import TOKENS


class Credential:
    """What an API key stands for: ``request.auth`` of the key auth below."""

    def __init__(self, pk: str) -> None:
        self.pk = pk


def key_owner(_request: HttpRequest, key: str) -> Any:
    if not key.startswith('key-'):
        return None
    user = DjangoUser.objects.get(username='alice')
    return Authenticated(user, auth=Credential(key))


async def key_owner_async(_request: HttpRequest, key: str) -> Any:
    if not key.startswith('key-'):
        return None
    user = await DjangoUser.objects.aget(username='alice')
    return Authenticated(user, auth=Credential(key))


def by_tenant(request: HttpRequest) -> str | None:
    """A custom key: the ``X-Tenant`` header; requests without it are not throttled."""
    return request.headers.get('X-Tenant')


def pair(name: str, **attributes: Any) -> tuple[type[Controller[Any]], type[Controller[Any]]]:
    """A sync and an async ``GET`` controller with the same attributes."""

    def get(self: Controller[Any]) -> dict[str, str]:
        return {'user': self.request.user.get_username()}

    async def get_async(self: Controller[Any]) -> dict[str, str]:
        return {'user': self.request.user.get_username()}

    sync = type(f'{name}Sync', (Controller,), {**attributes, 'get': get})
    async_ = type(f'{name}Async', (Controller,), {**attributes, 'get': get_async})
    return sync, async_


IP = Throttle('3/minute', key=by_ip)
SHARED = Throttle('2/minute', key=by_ip, scope='shared')

CONTROLLERS = {
    'ip': pair('Ip', auth=None, throttles=[IP]),
    'user': pair(
        'User',
        auth=[HttpBasic()],
        throttles=[Throttle('10/minute', key=by_ip), Throttle('2/minute', key=by_user)],
    ),
    'token': pair(
        'Token',
        auth=[ApiKey('X-API-Key', check=key_owner, check_async=key_owner_async)],
        throttles=[Throttle('2/minute', key=by_token)],
    ),
    'jwt': pair('Jwt', auth=[JWTAuth(TOKENS)], throttles=[Throttle('2/minute', key=by_token)]),
    'tenant': pair('Tenant', auth=None, throttles=[Throttle('1/minute', key=by_tenant)]),
    'shared-a': pair('SharedA', auth=None, throttles=[SHARED]),
    'shared-b': pair('SharedB', auth=None, throttles=[SHARED]),
    'deny': pair('Deny', auth=None, throttles=[Throttle('5/minute', on_error='deny')]),
    'burst': pair(
        'Burst',
        auth=None,
        throttles=[Throttle(Rate(60, per='minute', burst=2))],
    ),
    'window': pair(
        'Window',
        auth=None,
        throttles=[Throttle('2/minute', algorithm='fixed_window')],
    ),
    'two': pair(
        'Two',
        auth=None,
        throttles=[
            Throttle('2/minute', name='tight'),
            Throttle('10/minute', name='loose'),
        ],
    ),
    'settings': pair('Settings', auth=None),
}


class PartlyThrottled(Controller):
    """``GET`` throttled by the controller, ``POST`` not (``@modify(throttles=[])``)."""

    auth = None
    throttles = (Throttle('1/minute'),)

    def get(self) -> dict[str, str]:
        return {}

    @modify(status_code=200, throttles=[])
    def post(self) -> dict[str, str]:
        return {}


urlpatterns = [
    *(
        path(f'{kind}/{name}/', controllers[index].as_view())
        for name, controllers in CONTROLLERS.items()
        for index, kind in enumerate(('sync', 'async'))
    ),
    path('partly/', PartlyThrottled.as_view()),
]
