"""Session login and logout, and the CSRF token endpoint, as a single-page app uses them."""

import json
from typing import Any

import pytest
from django.contrib.auth.models import User as DjangoUser
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.test import Client, override_settings

pytestmark = [pytest.mark.urls('tests.login_urls'), pytest.mark.django_db(transaction=True)]

KINDS = ['sync', 'async']


@pytest.fixture(autouse=True)
def users() -> None:
    DjangoUser.objects.create_user('alice', password='alice-pw')
    DjangoUser.objects.create_user('bob', password='bob-pw', is_active=False)


def browser(kind: str) -> tuple[Client, str]:
    """A client that fetched its CSRF token, as a page does first."""
    client = Client(enforce_csrf_checks=True)
    response = client.get(f'/{kind}/csrf/')
    assert response.status_code == 200
    token = response.json()['csrf_token']
    assert 'csrftoken' in response.cookies
    return client, token


def log_in(client: Client, kind: str, token: str, username: str, password: str) -> Any:
    return client.post(
        f'/{kind}/login/',
        json.dumps({'username': username, 'password': password}),
        content_type='application/json',
        headers={'X-CSRFToken': token},
    )


@pytest.mark.parametrize('kind', KINDS)
def test_a_page_logs_in_and_uses_the_session(kind: str):
    """CSRF token, login, then a session endpoint with the rotated token."""
    client, token = browser(kind)
    old_session = client.cookies.get('sessionid')
    response = log_in(client, kind, token, 'alice', 'alice-pw')
    assert response.status_code == 200
    assert response.json() == {'username': 'alice'}
    assert client.cookies['sessionid'].value != getattr(old_session, 'value', None)
    rotated = client.cookies['csrftoken'].value
    assert client.get(f'/{kind}/session/').json()['user'] == 'alice'
    answer = client.post(
        f'/{kind}/session/',
        json.dumps({'email': 'a@example.com'}),
        content_type='application/json',
        headers={'X-CSRFToken': rotated},
    )
    assert answer.status_code == 201


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize(
    ('username', 'password'),
    [
        ('alice', 'wrong'),
        ('nobody', 'x'),
        ('bob', 'bob-pw'),
        ('alice', 'p' * 5000),
        ('a' * 200, 'x'),
    ],
)
def test_every_failed_login_gets_the_same_401(kind: str, username: str, password: str):
    """Wrong password, unknown or inactive user, oversized values: one answer."""
    client, token = browser(kind)
    response = log_in(client, kind, token, username, password)
    assert response.status_code == 401
    assert response.json()['detail'] == [
        {'msg': 'Invalid user name or password', 'loc': [], 'type': 'not_authenticated'},
    ]


@pytest.mark.parametrize('kind', KINDS)
def test_a_failed_login_fires_the_signal_and_a_good_one_logs_in(kind: str):
    """``user_login_failed`` and ``user_logged_in`` fire as for Django's login view."""
    events: list[str] = []

    def failed(**_kwargs: Any) -> None:
        events.append('failed')

    def logged_in(**_kwargs: Any) -> None:
        events.append('logged in')

    user_login_failed.connect(failed)
    user_logged_in.connect(logged_in)
    try:
        client, token = browser(kind)
        log_in(client, kind, token, 'alice', 'wrong')
        log_in(client, kind, token, 'alice', 'alice-pw')
    finally:
        user_login_failed.disconnect(failed)
        user_logged_in.disconnect(logged_in)
    assert events == ['failed', 'logged in']


@pytest.mark.parametrize('kind', KINDS)
def test_a_login_without_the_csrf_token_is_refused(kind: str):
    """A forged login (no token) is 403 ``csrf_failed``, before the password is checked."""
    client, _token = browser(kind)
    response = log_in(client, kind, 'forged', 'alice', 'alice-pw')
    assert response.status_code == 403
    assert response.json()['detail'][0]['type'] == 'csrf_failed'


@pytest.mark.parametrize('kind', KINDS)
def test_logout_ends_the_session(kind: str):
    """Logout needs the session and the token; afterwards the session is anonymous."""
    client, token = browser(kind)
    log_in(client, kind, token, 'alice', 'alice-pw')
    rotated = client.cookies['csrftoken'].value
    assert client.post(f'/{kind}/logout/').status_code == 403
    assert client.post(f'/{kind}/logout/', headers={'X-CSRFToken': rotated}).status_code == 204
    assert client.get(f'/{kind}/session/').status_code == 401


@pytest.mark.parametrize('kind', KINDS)
def test_malformed_login_bodies_are_400(kind: str):
    """A body that is not the credentials model is a 400 in the error model."""
    client, token = browser(kind)
    response = client.post(
        f'/{kind}/login/',
        json.dumps({'username': 'alice'}),
        content_type='application/json',
        headers={'X-CSRFToken': token},
    )
    assert response.status_code == 400
    assert response.json()['detail'][0]['loc'][0] == 'body'


@override_settings(CSRF_USE_SESSIONS=True)
@pytest.mark.parametrize('kind', KINDS)
def test_csrf_tokens_kept_in_the_session_work_too(kind: str):
    """With ``CSRF_USE_SESSIONS``, the token comes from the session, loaded async in async code."""
    client = Client(enforce_csrf_checks=True)
    token = client.get(f'/{kind}/csrf/').json()['csrf_token']
    assert log_in(client, kind, token, 'alice', 'alice-pw').status_code == 200
