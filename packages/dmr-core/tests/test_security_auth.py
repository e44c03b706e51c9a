"""Authentication through HTTP: each auth, sync and async, and what clients get wrong."""

import base64
import json
from typing import Any

import pytest
from django.contrib.auth.models import Permission as DjangoPermission
from django.contrib.auth.models import User as DjangoUser
from django.contrib.auth.signals import user_login_failed
from django.test import Client

pytestmark = [pytest.mark.urls('tests.security_app'), pytest.mark.django_db(transaction=True)]

KINDS = ['sync', 'async']
EMAIL = {'email': 'a@example.com'}


@pytest.fixture(autouse=True)
def users() -> None:
    DjangoUser.objects.create_user('alice', password='alice-pw')
    DjangoUser.objects.create_user('bob', password='bob-pw', is_active=False)
    DjangoUser.objects.create_user('carol', password='carol-pw', is_staff=True)
    dave = DjangoUser.objects.create_user('dave', password='dave-pw')
    dave.user_permissions.add(DjangoPermission.objects.get(codename='view_user'))
    DjangoUser.objects.create_superuser('root', password='root-pw')


def basic(username: str, password: str) -> str:
    return 'Basic ' + base64.b64encode(f'{username}:{password}'.encode()).decode()


def error(response: Any) -> tuple[int, str]:
    """The status and the one detail's ``type``, checking the error model's shape."""
    assert response['Content-Type'] == 'application/json'
    (detail,) = response.json()['detail']
    assert set(detail) == {'msg', 'loc', 'type'}
    return response.status_code, detail['type']


def get(kind: str, name: str, client: Client | None = None, **headers: str) -> Any:
    return (client or Client()).get(f'/{kind}/{name}/', headers=headers)


def post(kind: str, name: str, client: Client | None = None, **headers: str) -> Any:
    return (client or Client()).post(
        f'/{kind}/{name}/',
        json.dumps(EMAIL),
        content_type='application/json',
        headers=headers,
    )


@pytest.mark.parametrize('kind', KINDS)
def test_basic_accepts_a_user_and_password(kind: str):
    """Valid Basic credentials set ``request.user``."""
    response = get(kind, 'basic', Authorization=basic('alice', 'alice-pw'))
    assert response.status_code == 200
    assert response.json() == {'user': 'alice', 'auth': 'NoneType'}


@pytest.mark.parametrize('kind', KINDS)
def test_no_credentials_is_401_with_a_challenge(kind: str):
    """Without credentials: 401 ``not_authenticated`` and a ``WWW-Authenticate`` challenge."""
    response = get(kind, 'basic')
    assert error(response) == (401, 'not_authenticated')
    assert response['WWW-Authenticate'] == 'Basic realm="api", charset="UTF-8"'


@pytest.mark.parametrize('kind', KINDS)
def test_a_wrong_password_is_401_and_fires_the_login_signal(kind: str):
    """A wrong password is refused, and ``user_login_failed`` is sent as for a login form."""
    failures: list[Any] = []

    def receiver(**kwargs: Any) -> None:
        failures.append(kwargs['credentials']['username'])

    user_login_failed.connect(receiver)
    try:
        response = get(kind, 'basic', Authorization=basic('alice', 'wrong'))
    finally:
        user_login_failed.disconnect(receiver)
    assert error(response) == (401, 'not_authenticated')
    assert failures == ['alice']


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize(
    'header',
    [
        'Basic !!!not-base64!!!',
        'Basic ' + base64.b64encode(b'no-colon').decode(),
        'Basic ' + base64.b64encode(b'\xff\xfe:\xff').decode(),
        'Basic ' + base64.b64encode(b':no-user').decode(),
        'Basic ' + base64.b64encode(b'nul\x00:pw').decode(),
        'Basic ' + 'A' * 100_000,
        'Basic',
    ],
)
def test_malformed_basic_credentials_are_401(kind: str, header: str):
    """Bad base64, no colon, non-UTF-8, NUL, huge values: 401, never a 500."""
    response = get(kind, 'basic', Authorization=header)
    assert error(response) == (401, 'not_authenticated')
    assert response.json()['detail'][0]['msg'] == 'Malformed Basic credentials'


@pytest.mark.parametrize('kind', KINDS)
def test_inactive_and_unknown_users_are_401_with_one_message(kind: str):
    """Inactive and unknown users get the same answer as a wrong password."""
    answers = {
        get(kind, 'basic', Authorization=basic(name, pw)).json()['detail'][0]['msg']
        for name, pw in (('bob', 'bob-pw'), ('nobody', 'x'), ('alice', 'wrong'))
    }
    assert answers == {'Invalid user name or password'}


@pytest.mark.parametrize('kind', KINDS)
def test_another_scheme_is_not_basic(kind: str):
    """``Bearer`` credentials are none of Basic's: credentials were not provided."""
    response = get(kind, 'basic', Authorization='Bearer abc')
    assert error(response) == (401, 'not_authenticated')
    assert response.json()['detail'][0]['msg'] == 'Authentication credentials were not provided'


@pytest.mark.parametrize('kind', KINDS)
def test_a_refused_request_never_has_its_body_parsed(kind: str):
    """Authentication runs before parsing: a malformed body without credentials is 401."""
    response = Client().post(f'/{kind}/basic/', b'{not json', content_type='application/json')
    assert error(response) == (401, 'not_authenticated')


def logged_in(username: str, *, enforce_csrf: bool = True) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.login(username=username, password=f'{username}-pw')
    return client


def csrf_token(client: Client) -> str:
    """A CSRF token for the client's cookie, as a page would embed it."""
    client.get('/sync/public/')  # no token is set by an API endpoint...
    from django.middleware.csrf import get_token
    from django.test import RequestFactory

    request = RequestFactory().get('/')
    token = get_token(request)
    client.cookies['csrftoken'] = request.META['CSRF_COOKIE']
    return token


@pytest.mark.parametrize('kind', KINDS)
def test_session_serves_safe_methods_without_csrf(kind: str):
    """A logged-in session reads with ``GET``; safe methods need no token."""
    assert get(kind, 'session', logged_in('alice')).json() == {'user': 'alice', 'auth': 'NoneType'}


@pytest.mark.parametrize('kind', KINDS)
def test_session_post_without_csrf_token_is_403_in_the_error_model(kind: str):
    """An unsafe method without the CSRF token: 403 ``csrf_failed``, JSON, not Django's page."""
    response = post(kind, 'session', logged_in('alice'))
    assert error(response) == (403, 'csrf_failed')


@pytest.mark.parametrize('kind', KINDS)
def test_session_post_with_the_csrf_header_passes(kind: str):
    """The token in ``X-CSRFToken``, matching the cookie, passes the check."""
    client = logged_in('alice')
    token = csrf_token(client)
    response = post(kind, 'session', client, **{'X-CSRFToken': token})
    assert response.status_code == 201
    assert response.json()['user'] == 'alice'


@pytest.mark.parametrize('kind', KINDS)
def test_a_token_of_another_cookie_fails_the_check(kind: str):
    """A CSRF token minted for another cookie does not match this one."""
    client = logged_in('alice')
    csrf_token(client)
    other = csrf_token(logged_in('carol'))
    response = post(kind, 'session', client, **{'X-CSRFToken': other})
    assert error(response) == (403, 'csrf_failed')


@pytest.mark.parametrize('kind', KINDS)
def test_no_session_is_401(kind: str):
    """Without a logged-in session: 401."""
    assert error(get(kind, 'session')) == (401, 'not_authenticated')


@pytest.mark.parametrize('kind', KINDS)
def test_a_public_endpoint_never_acts_as_the_cookies_user(kind: str):
    """A cross-site POST carrying a valid session cookie sees ``AnonymousUser``."""
    response = post(kind, 'public', logged_in('alice'))
    assert response.status_code == 201
    assert response.json() == {'user': '', 'auth': 'NoneType'}


@pytest.mark.parametrize('kind', KINDS)
def test_a_header_auth_ignores_the_session_cookie(kind: str):
    """Behind an API key, the session's user is not the request's user."""
    response = get(kind, 'header-key', logged_in('carol'), **{'X-API-Key': 'k-alice'})
    assert response.json()['user'] == 'alice'
    assert error(get(kind, 'header-key', logged_in('carol'))) == (401, 'not_authenticated')


@pytest.mark.parametrize('kind', KINDS)
def test_anonymous_allows_no_credentials_but_not_wrong_ones(kind: str):
    """``Anonymous()`` last: none is anonymous, wrong ones are 401, right ones a user."""
    assert get(kind, 'optional').json() == {'user': '', 'auth': 'NoneType'}
    assert error(get(kind, 'optional', Authorization=basic('alice', 'x'))) == (
        401,
        'not_authenticated',
    )
    answer = get(kind, 'optional', Authorization=basic('alice', 'alice-pw'))
    assert answer.json()['user'] == 'alice'


@pytest.mark.parametrize('kind', KINDS)
def test_a_csrf_failure_lets_the_next_auth_try(kind: str):
    """Session without token, then valid Basic credentials: the Basic user is served."""
    client = logged_in('carol')
    response = post(kind, 'session-then-basic', client, Authorization=basic('alice', 'alice-pw'))
    assert response.json()['user'] == 'alice'
    assert error(post(kind, 'session-then-basic', client)) == (403, 'csrf_failed')


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize('name', ['header-key', 'query-key', 'cookie-key'])
def test_api_keys_are_checked_by_their_callable(kind: str, name: str):
    """A known key serves its user, an unknown one is 401, a missing one too."""

    def send(key: str | None) -> Any:
        client = Client()
        if name == 'header-key':
            return get(kind, name, client, **({} if key is None else {'X-API-Key': key}))
        if name == 'query-key':
            query = '' if key is None else f'?key={key}'
            return client.get(f'/{kind}/{name}/{query}')
        if key is not None:
            client.cookies['api_key'] = key
        return get(kind, name, client)

    assert send('k-alice').json()['user'] == 'alice'
    assert error(send('unknown')) == (401, 'not_authenticated')
    assert error(send(None)) == (401, 'not_authenticated')
    assert error(send('x' * 600)) == (401, 'not_authenticated')


@pytest.mark.parametrize('kind', KINDS)
def test_a_key_in_a_cookie_needs_the_csrf_token_on_unsafe_methods(kind: str):
    """Browsers send cookies on their own, so a cookie key is CSRF-checked."""
    client = Client(enforce_csrf_checks=True)
    client.cookies['api_key'] = 'k-alice'
    assert error(post(kind, 'cookie-key', client)) == (403, 'csrf_failed')
    token = csrf_token(client)
    assert post(kind, 'cookie-key', client, **{'X-CSRFToken': token}).status_code == 201


@pytest.mark.parametrize('kind', KINDS)
def test_a_key_with_control_characters_is_refused(kind: str):
    """Keys are printable text; anything else is refused before the check runs."""
    response = Client().get(f'/{kind}/query-key/?key=a%00b')
    assert error(response) == (401, 'not_authenticated')
