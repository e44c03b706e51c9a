"""Controllers behind each kind of auth, sync and async, for the security tests."""

from typing import Any

from django.contrib.auth.models import User as DjangoUser
from django.http import HttpRequest

from dmr import Body, Controller, modify
from dmr.permissions import HasPerms, IsAuthenticated, IsStaff, IsSuperuser, Permission
from dmr.routing import path
from dmr.security import Anonymous, ApiKey, Auth, DjangoSession, HttpBasic
from tests.models import UserCreate

KEYS = {'k-alice': 'alice', 'k-bob': 'bob'}


def who(request: HttpRequest) -> dict[str, str]:
    """What the endpoint sees of its caller."""
    user: Any = request.user
    return {
        'user': user.get_username() if user.is_authenticated else '',
        'auth': type(getattr(request, 'auth', None)).__name__,
    }


def key_owner(_request: HttpRequest, key: str) -> Any:
    username = KEYS.get(key)
    return None if username is None else DjangoUser.objects.get(username=username)


async def key_owner_async(_request: HttpRequest, key: str) -> Any:
    username = KEYS.get(key)
    return None if username is None else await DjangoUser.objects.aget(username=username)


class IsOwner(Permission):
    """The object is a username; only that user may act on it."""

    def has_object_permission(self, request: HttpRequest, _controller: Any, obj: Any, /) -> bool:
        return bool(request.user.get_username() == obj)


def pair(name: str, **attributes: Any) -> tuple[type[Controller[Any]], type[Controller[Any]]]:
    """A sync and an async controller with the same attributes."""

    def get(self: Controller[Any]) -> dict[str, str]:
        return who(self.request)

    def post(self: Controller[Any], note: Body[UserCreate]) -> dict[str, str]:
        return who(self.request)

    async def get_async(self: Controller[Any]) -> dict[str, str]:
        return who(self.request)

    async def post_async(self: Controller[Any], note: Body[UserCreate]) -> dict[str, str]:
        return who(self.request)

    sync = type(f'{name}Sync', (Controller,), {**attributes, 'get': get, 'post': post})
    async_ = type(
        f'{name}Async',
        (Controller,),
        {**attributes, 'get': get_async, 'post': post_async},
    )
    return sync, async_


def owned(name: str, **attributes: Any) -> tuple[type[Controller[Any]], type[Controller[Any]]]:
    """``PUT /owned/<owner>/``: object permissions checked on the owner's name."""

    def put(self: Controller[Any]) -> dict[str, str]:
        self.check_object_permissions(self.kwargs['owner'])
        return who(self.request)

    async def put_async(self: Controller[Any]) -> dict[str, str]:
        await self.acheck_object_permissions(self.kwargs['owner'])
        return who(self.request)

    sync = type(f'{name}Sync', (Controller,), {**attributes, 'put': put})
    async_ = type(f'{name}Async', (Controller,), {**attributes, 'put': put_async})
    return sync, async_


class Headerless(Auth):
    """An auth with only a sync path."""

    scheme_name = 'headerless'

    def authenticate(self, _request: HttpRequest, /) -> None:
        return None


CONTROLLERS = {
    'basic': pair('Basic', auth=[HttpBasic()]),
    'session': pair('Session', auth=[DjangoSession()]),
    'header-key': pair(
        'HeaderKey',
        auth=[ApiKey('X-API-Key', check=key_owner, check_async=key_owner_async)],
    ),
    'cookie-key': pair(
        'CookieKey',
        auth=[
            ApiKey('api_key', location='cookie', check=key_owner, check_async=key_owner_async),
        ],
    ),
    'query-key': pair(
        'QueryKey',
        auth=[ApiKey('key', location='query', check=key_owner, check_async=key_owner_async)],
    ),
    'public': pair('Public', auth=None),
    'optional': pair('Optional', auth=[HttpBasic(), Anonymous()]),
    'session-then-basic': pair('SessionThenBasic', auth=[DjangoSession(), HttpBasic()]),
    'staff': pair('Staff', auth=[HttpBasic()], permissions=[IsStaff()]),
    'perms': pair('Perms', auth=[HttpBasic()], permissions=[HasPerms('auth.view_user')]),
    'staff-or-perms': pair(
        'StaffOrPerms',
        auth=[HttpBasic(), Anonymous()],
        permissions=[IsStaff() | HasPerms('auth.view_user')],
    ),
    'not-superuser': pair(
        'NotSuperuser',
        auth=[HttpBasic()],
        permissions=[IsAuthenticated() & ~IsSuperuser()],
    ),
    'settings': pair('Settings'),
}

OWNED = owned('Owned', auth=[HttpBasic()], permissions=[IsAuthenticated(), IsOwner()])
OWNED_OR_STAFF = owned('OwnedOrStaff', auth=[HttpBasic()], permissions=[IsOwner() | IsStaff()])
NOT_STAFF = owned('NotStaff', auth=[HttpBasic()], permissions=[IsAuthenticated() & ~IsStaff()])


class MostlyPrivate(Controller):
    auth = (HttpBasic(),)
    permissions = (IsAuthenticated(),)

    def get(self) -> dict[str, str]:
        return who(self.request)

    @modify(auth=None, permissions=[])
    def post(self) -> dict[str, str]:
        return who(self.request)


urlpatterns = [
    *(
        path(f'{kind}/{name}/', controller.as_view())
        for name, controllers in CONTROLLERS.items()
        for kind, controller in zip(('sync', 'async'), controllers, strict=True)
    ),
    *(
        path(f'{kind}/{name}/<str:owner>/', controller.as_view())
        for name, pair in (
            ('owned', OWNED),
            ('owned-or-staff', OWNED_OR_STAFF),
            ('not-staff', NOT_STAFF),
        )
        for kind, controller in zip(('sync', 'async'), pair, strict=True)
    ),
    path('mostly-private/', MostlyPrivate.as_view()),
]
