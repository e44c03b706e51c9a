"""``as_user=``: a test request acts as a user, with permissions still running."""

import asyncio
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Permission as DjangoPermission
from django.contrib.auth.models import User as DjangoUser
from django.test import Client, RequestFactory

from dmr.security._acting import ATTRIBUTE, ActingAs
from dmr.testing import DMRAsyncClient, DMRAsyncRequestFactory, DMRClient, DMRRequestFactory
from tests.security_app import CONTROLLERS

pytestmark = [pytest.mark.urls('tests.testing_app'), pytest.mark.django_db(transaction=True)]

KINDS = ['sync', 'async']
EMAIL = {'email': 'a@example.com'}

Call = Callable[..., Any]


@pytest.fixture
def users() -> dict[str, DjangoUser]:
    dave = DjangoUser.objects.create_user('dave')
    dave.user_permissions.add(DjangoPermission.objects.get(codename='view_user'))
    return {
        'alice': DjangoUser.objects.create_user('alice'),
        'carol': DjangoUser.objects.create_user('carol', is_staff=True),
        'dave': DjangoUser.objects.get(pk=dave.pk),
    }


@pytest.fixture(params=KINDS)
def call(request: Any, dmr_client: DMRClient, dmr_async_client: DMRAsyncClient) -> Call:
    """``call(method, url, ...)`` with the sync client on ``/sync/...``, or the async one."""
    if request.param == 'sync':
        return lambda method, url, *args, **kwargs: getattr(dmr_client, method)(
            f'/sync{url}', *args, **kwargs
        )
    return lambda method, url, *args, **kwargs: asyncio.run(
        getattr(dmr_async_client, method)(f'/async{url}', *args, **kwargs)
    )


def outcome(response: Any) -> tuple[int, str]:
    """The status and the user the endpoint saw, or the error ``type``."""
    body = json.loads(response.content)
    if response.status_code >= 400:
        return response.status_code, body['detail'][0]['type']
    return response.status_code, body['user']


@pytest.mark.parametrize(
    'name',
    ['basic', 'session', 'header-key', 'cookie-key', 'query-key', 'session-then-basic'],
)
def test_as_user_authenticates_without_credentials(call: Call, users: Any, name: str):
    """Every kind of auth takes the user the request acts as, and sends no credentials."""
    response = call('get', f'/{name}/', as_user=users['alice'])
    assert outcome(response) == (200, 'alice')
    assert response.json()['auth'] == 'NoneType'


def test_as_user_needs_no_csrf_token(call: Call, users: Any):
    """A POST to a session endpoint acts as the user without a CSRF token."""
    response = call('post', '/session/', EMAIL, as_user=users['alice'])
    assert outcome(response) == (201, 'alice')


@pytest.mark.parametrize(
    ('name', 'username', 'expected'),
    [
        ('staff', 'carol', (200, 'carol')),
        ('staff', 'alice', (403, 'permission_denied')),
        ('perms', 'dave', (200, 'dave')),
        ('perms', 'alice', (403, 'permission_denied')),
        ('staff-or-perms', 'dave', (200, 'dave')),
    ],
)
def test_permissions_still_run(
    call: Call, users: Any, name: str, username: str, expected: tuple[int, str]
):
    """The endpoint's permissions judge the user: 403 ``permission_denied`` when they refuse."""
    assert outcome(call('get', f'/{name}/', as_user=users[username])) == expected


@pytest.mark.parametrize(('owner', 'expected'), [('alice', 200), ('carol', 403)])
def test_object_permissions_still_run(call: Call, users: Any, owner: str, expected: int):
    """Object permissions see the user too."""
    response = call('put', f'/owned/{owner}/', as_user=users['alice'])
    assert response.status_code == expected


def test_optional_auth_acts_as_the_user(call: Call, users: Any):
    """An endpoint that also allows anonymous callers sees the user."""
    assert outcome(call('get', '/optional/', as_user=users['alice'])) == (200, 'alice')


@pytest.mark.parametrize('name', ['public', 'only-anonymous'])
def test_endpoints_that_authenticate_nobody_stay_anonymous(call: Call, users: Any, name: str):
    """``auth=None`` and ``auth=[Anonymous()]`` never see a user, as for any caller."""
    assert outcome(call('get', f'/{name}/', as_user=users['alice'])) == (200, '')


def test_as_user_lasts_one_request(call: Call, users: Any):
    """The next request without ``as_user`` sends no credentials: 401."""
    assert outcome(call('get', '/basic/', as_user=users['alice'])) == (200, 'alice')
    assert outcome(call('get', '/basic/')) == (401, 'not_authenticated')


def test_as_user_follows_redirects(dmr_client: DMRClient, users: Any):
    """With ``follow=True`` the redirected request acts as the user too."""
    response = dmr_client.get('/sync/basic', as_user=users['alice'], follow=True)
    assert response.redirect_chain == [('/sync/basic/', 301)]
    assert outcome(response) == (200, 'alice')


def test_concurrent_async_requests_act_as_their_own_users(
    dmr_async_client: DMRAsyncClient, users: Any
):
    """Requests gathered on one async client each keep their own user."""

    async def both() -> list[Any]:
        return list(
            await asyncio.gather(
                *(
                    dmr_async_client.get('/async/basic/', as_user=users[name])
                    for name in ('alice', 'carol', 'dave')
                ),
            ),
        )

    assert [outcome(r) for r in asyncio.run(both())] == [
        (200, 'alice'),
        (200, 'carol'),
        (200, 'dave'),
    ]


@pytest.mark.parametrize('kind', KINDS)
def test_the_request_factories_act_as_the_user(
    kind: str, users: Any, dmr_rf: DMRRequestFactory, dmr_async_rf: DMRAsyncRequestFactory
):
    """A request built with ``as_user`` acts as the user when handed to a view."""
    sync, async_ = CONTROLLERS['staff']
    if kind == 'sync':
        response = sync.as_view()(dmr_rf.get('/', as_user=users['carol']))
    else:
        response = asyncio.run(async_.as_view()(dmr_async_rf.get('/', as_user=users['carol'])))
    assert outcome(response) == (200, 'carol')


@pytest.mark.parametrize('kind', KINDS)
def test_no_header_can_act_as_a_user(kind: str, users: Any):
    """Headers named like the mark are only headers: without credentials, 401."""
    headers = {'X-Dmr-Acting-As': 'alice', 'Dmr-Acting-As': 'alice'}
    response = Client().get(f'/{kind}/basic/', headers=headers)
    assert outcome(response) == (401, 'not_authenticated')


def test_the_mark_in_the_environ_is_not_the_mark(users: Any):
    """A WSGI environ key named like the mark, even holding the mark, authenticates nobody."""
    response = Client().get('/sync/basic/', **{ATTRIBUTE: ActingAs(users['alice'])})
    assert outcome(response) == (401, 'not_authenticated')


@pytest.mark.parametrize('value', ['alice', 1, {'user': 'alice'}])
def test_only_the_mark_itself_acts_as_a_user(users: Any, value: Any):
    """A request attribute of that name holding anything but the mark is ignored."""
    request = RequestFactory().get('/')
    setattr(request, ATTRIBUTE, value)
    sync, _ = CONTROLLERS['basic']
    assert outcome(sync.as_view()(request)) == (401, 'not_authenticated')
