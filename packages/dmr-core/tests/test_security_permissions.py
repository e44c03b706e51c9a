"""Permissions and how auth is declared: through HTTP, sync and async."""

import base64
import json
from typing import Any

import pytest
from django.contrib.auth.models import Permission as DjangoPermission
from django.contrib.auth.models import User as DjangoUser
from django.test import Client, override_settings

from dmr import Controller
from dmr.errors import EndpointDefinitionError
from dmr.permissions import AllowAny, IsAuthenticated, Permission
from dmr.security import Anonymous, ApiKey, HttpBasic
from tests.conftest import STARTPROJECT_MIDDLEWARE
from tests.security_app import CONTROLLERS, Headerless, key_owner_async

pytestmark = [pytest.mark.urls('tests.security_app'), pytest.mark.django_db(transaction=True)]

KINDS = ['sync', 'async']


@pytest.fixture(autouse=True)
def users() -> None:
    DjangoUser.objects.create_user('alice', password='alice-pw')
    DjangoUser.objects.create_user('carol', password='carol-pw', is_staff=True)
    dave = DjangoUser.objects.create_user('dave', password='dave-pw')
    dave.user_permissions.add(DjangoPermission.objects.get(codename='view_user'))
    DjangoUser.objects.create_superuser('root', password='root-pw')


def as_user(username: str | None) -> dict[str, str]:
    if username is None:
        return {}
    token = base64.b64encode(f'{username}:{username}-pw'.encode()).decode()
    return {'Authorization': f'Basic {token}'}


def status(kind: str, name: str, username: str | None, method: str = 'get') -> tuple[int, str]:
    response = getattr(Client(), method)(f'/{kind}/{name}/', headers=as_user(username))
    if response.status_code < 400:
        return response.status_code, ''
    return response.status_code, response.json()['detail'][0]['type']


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize(
    ('name', 'username', 'expected'),
    [
        ('staff', 'carol', (200, '')),
        ('staff', 'alice', (403, 'permission_denied')),
        ('perms', 'dave', (200, '')),
        ('perms', 'alice', (403, 'permission_denied')),
        ('staff-or-perms', 'carol', (200, '')),
        ('staff-or-perms', 'dave', (200, '')),
        ('staff-or-perms', 'alice', (403, 'permission_denied')),
        ('staff-or-perms', None, (401, 'not_authenticated')),
        ('not-superuser', 'alice', (200, '')),
        ('not-superuser', 'root', (403, 'permission_denied')),
    ],
)
def test_permissions_refuse_known_users_with_403_and_anonymous_ones_with_401(
    kind: str, name: str, username: str | None, expected: tuple[int, str]
):
    """``IsStaff``, ``HasPerms``, ``|``, ``&`` and ``~``, each on both kinds of endpoint."""
    assert status(kind, name, username) == expected


@pytest.mark.parametrize('kind', KINDS)
def test_anonymous_refused_by_a_permission_gets_the_challenge(kind: str):
    """A permission failing for an anonymous user answers 401 with ``WWW-Authenticate``."""
    response = Client().get(f'/{kind}/staff-or-perms/')
    assert response.status_code == 401
    assert response['WWW-Authenticate'].startswith('Basic ')


@pytest.mark.parametrize('kind', KINDS)
def test_a_refused_permission_never_parses_the_body(kind: str):
    """Permissions run before parsing: a malformed body from a non-staff user is 403."""
    response = Client().post(
        f'/{kind}/staff/', b'{not json', content_type='application/json', headers=as_user('alice')
    )
    assert response.status_code == 403


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize(('username', 'expected'), [('alice', 200), ('carol', 403)])
def test_object_permissions_are_checked_on_the_object(kind: str, username: str, expected: int):
    """``check_object_permissions(obj)`` asks every permission about ``obj``."""
    response = Client().put(f'/{kind}/owned/alice/', headers=as_user(username))
    assert response.status_code == expected


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize(
    ('route', 'username', 'expected'),
    [
        ('owned-or-staff', 'alice', 200),
        ('owned-or-staff', 'carol', 200),
        ('owned-or-staff', 'dave', 403),
        ('not-staff', 'alice', 200),
        ('not-staff', 'carol', 403),
    ],
)
def test_composed_permissions_read_each_member_whole_on_objects(
    kind: str, route: str, username: str, expected: int
):
    """``IsOwner() | IsStaff()`` lets the owner and staff act; ``~IsStaff()`` refuses staff."""
    response = Client().put(f'/{kind}/{route}/alice/', headers=as_user(username))
    assert response.status_code == expected


def test_an_endpoint_may_be_public_in_a_private_controller():
    """``@modify(auth=None, permissions=[])`` opens one endpoint."""
    assert Client().get('/mostly-private/').status_code == 401
    assert Client().post('/mostly-private/').status_code == 201


@pytest.mark.parametrize('kind', KINDS)
def test_settings_give_the_default_auth_and_permissions(kind: str):
    """``DMR_SETTINGS['auth']`` and ``['permissions']`` apply where nothing overrides them."""
    settings = {
        'serializer': 'tests.stub_backend.StubSerializer',
        'auth': [HttpBasic()],
        'permissions': [IsAuthenticated()],
    }
    with override_settings(DMR_SETTINGS=settings):
        assert status(kind, 'settings', None) == (401, 'not_authenticated')
        assert status(kind, 'settings', 'alice') == (200, '')


@pytest.mark.parametrize('kind', KINDS)
def test_a_public_controller_under_settings_that_need_a_user_is_a_mistake(kind: str):
    """``auth=None`` under ``DMR_SETTINGS['permissions'] = [IsAuthenticated()]`` is refused."""
    settings = {
        'serializer': 'tests.stub_backend.StubSerializer',
        'auth': [HttpBasic()],
        'permissions': [IsAuthenticated()],
    }
    with (
        override_settings(DMR_SETTINGS=settings),
        pytest.raises(EndpointDefinitionError, match='permissions=\\[\\]'),
    ):
        Client().get(f'/{kind}/public/')


@pytest.mark.parametrize('kind', KINDS)
def test_options_skips_authentication(kind: str):
    """``OPTIONS`` (a CORS preflight) is answered without credentials."""
    response = Client().options(f'/{kind}/basic/')
    assert response.status_code == 200
    assert 'GET' in response['Allow']


@pytest.mark.parametrize('kind', KINDS)
def test_401_in_problem_details(kind: str):
    """With the problem details format, 401 is ``application/problem+json``."""
    sync, async_ = CONTROLLERS['basic']
    controller = sync if kind == 'sync' else async_
    controller.error_format = 'problem_details'
    controller._compiled = None
    try:
        response = Client().get(f'/{kind}/basic/')
    finally:
        controller.error_format = None
        controller._compiled = None
    assert response.status_code == 401
    assert response['Content-Type'] == 'application/problem+json'
    body = response.json()
    assert (body['status'], body['errors'][0]['type']) == (401, 'not_authenticated')


@pytest.mark.parametrize('kind', KINDS)
def test_startproject_middleware_serves_json_posts_without_a_csrf_token(kind: str):
    """With Django's default middleware, a JSON POST to a controller is not Django's HTML 403."""
    response = Client(enforce_csrf_checks=True).post(
        f'/{kind}/public/', json.dumps({'email': 'a@example.com'}), content_type='application/json'
    )
    assert response.status_code == 201


LOGIN_REQUIRED = [
    *STARTPROJECT_MIDDLEWARE,
    'django.contrib.auth.middleware.LoginRequiredMiddleware',
]


@override_settings(MIDDLEWARE=LOGIN_REQUIRED, LOGIN_URL='/login/')
@pytest.mark.parametrize('kind', KINDS)
def test_login_required_middleware_leaves_authenticating_endpoints_to_answer_401(kind: str):
    """Endpoints that declare auth answer 401, not a redirect to an HTML login page."""
    response = Client().get(f'/{kind}/basic/')
    assert response.status_code == 401
    assert response['Content-Type'] == 'application/json'


@override_settings(MIDDLEWARE=LOGIN_REQUIRED, LOGIN_URL='/login/')
def test_login_required_middleware_still_guards_public_controllers():
    """A controller with a public endpoint stays under the middleware, as Django decides."""
    assert Client().get('/sync/public/').status_code == 302


def define(**attributes: Any) -> type[Controller[Any]]:
    def get(self: Controller[Any]) -> int:
        return 1

    return type('Defined', (Controller,), {**attributes, 'get': get})


def define_async(**attributes: Any) -> type[Controller[Any]]:
    async def get(self: Controller[Any]) -> int:
        return 1

    return type('Defined', (Controller,), {**attributes, 'get': get})


@pytest.mark.parametrize(
    ('build', 'message'),
    [
        (lambda: define(auth=None, permissions=[IsAuthenticated()]), 'is public'),
        (lambda: define(auth=[Anonymous(), HttpBasic()]), 'must be the last'),
        (lambda: define(auth=[]), 'accepts nobody'),
        (lambda: define(auth=[ApiKey('X-Key', check=key_owner_async)]), 'has no sync path'),
        (lambda: define_async(auth=[Headerless()]), 'has no async path'),
    ],
)
def test_mistakes_in_declaring_auth_fail_when_the_class_is_created(build: Any, message: str):
    """Each mistake names the endpoint and what is wrong."""
    with pytest.raises(EndpointDefinitionError, match=message) as raised:
        build()
    assert 'Defined.get' in str(raised.value)


def test_a_public_endpoint_may_allow_anyone():
    """``AllowAny`` (or ``~`` of a permission) needs no user, so it may be public."""
    assert define(auth=None, permissions=[AllowAny(), ~IsAuthenticated()]).compiled()


def test_permissions_compose_their_need_of_a_user():
    """``a | b`` needs a user only if both do; ``a & b`` if either does."""
    assert (IsAuthenticated() | AllowAny()).needs_user is False
    assert (IsAuthenticated() & AllowAny()).needs_user is True


def test_an_api_key_needs_a_check():
    """``ApiKey`` without a callable, or with an unknown location, is refused."""
    with pytest.raises(TypeError, match='needs check'):
        ApiKey('X-Key')
    with pytest.raises(ValueError, match='location'):
        ApiKey('X-Key', location='body', check=lambda request, key: None)  # type: ignore[arg-type]


class Everyone(Permission):
    """The base class's answers: everything is allowed."""

    needs_user = False


def test_the_base_permission_allows_everything():
    """A subclass that overrides nothing allows the endpoint and every object."""
    controller = define(auth=None, permissions=[Everyone()])
    assert controller.compiled()
    assert Everyone().has_object_permission(None, None, None) is True  # type: ignore[arg-type]
