"""The cookie variant of JWT auth: the token in a cookie, with Django's CSRF check."""

import json
from typing import Any

import pytest
from django.contrib.auth.models import User as DjangoUser
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

pytestmark = [pytest.mark.urls('tests.jwt_app'), pytest.mark.django_db(transaction=True)]

KINDS = ['sync', 'async']
BODY = json.dumps({'email': 'a@example.com'})


@pytest.fixture(autouse=True)
def users() -> None:
    DjangoUser.objects.create_user('alice', password='alice-pw')


def logged_in(kind: str) -> Client:
    """A client holding the access cookie set by the cookie obtain endpoint."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f'/{kind}/cookie-token/',
        json.dumps({'username': 'alice', 'password': 'alice-pw'}),
        content_type='application/json',
    )
    assert response.status_code == 200
    return client


def csrf_pair() -> tuple[str, str]:
    """A CSRF cookie and a token for it."""
    request = RequestFactory().get('/')
    token = get_token(request)
    return request.META['CSRF_COOKIE'], token


@pytest.mark.parametrize('kind', KINDS)
def test_obtain_sets_a_secure_http_only_cookie(kind: str):
    """The cookie obtain endpoint sets the access token ``HttpOnly``, ``Secure``, ``Lax``."""
    cookie = logged_in(kind).cookies['access_token']
    assert (cookie['httponly'], cookie['secure'], cookie['samesite']) == (True, True, 'Lax')
    assert cookie['max-age'] == 300


@pytest.mark.parametrize('kind', KINDS)
def test_a_safe_method_needs_no_csrf_token(kind: str):
    """``GET`` with the cookie authenticates without a CSRF token."""
    response = logged_in(kind).get(f'/{kind}/jwt-cookie/')
    assert response.json() == {'user': 'alice', 'auth': 'dict'}


@pytest.mark.parametrize('kind', KINDS)
def test_an_unsafe_method_without_csrf_token_is_403(kind: str):
    """``POST`` with the cookie but no CSRF token: 403 ``csrf_failed`` in the error model."""
    response = logged_in(kind).post(f'/{kind}/jwt-cookie/', BODY, content_type='application/json')
    assert response.status_code == 403
    assert response.json()['detail'][0]['type'] == 'csrf_failed'


@pytest.mark.parametrize('kind', KINDS)
def test_an_unsafe_method_with_the_csrf_token_passes(kind: str):
    """``POST`` with the cookie and a matching ``X-CSRFToken``: the token's user."""
    client = logged_in(kind)
    secret, token = csrf_pair()
    client.cookies['csrftoken'] = secret
    response = client.post(
        f'/{kind}/jwt-cookie/',
        BODY,
        content_type='application/json',
        headers={'X-CSRFToken': token},
    )
    assert response.json() == {'user': 'alice', 'auth': 'dict'}


@pytest.mark.parametrize('kind', KINDS)
def test_the_cookie_variant_ignores_the_header(kind: str):
    """``JWTAuth(cookie=...)`` reads no ``Authorization`` header: no credentials."""
    pair: Any = Client().post(
        f'/{kind}/token/',
        json.dumps({'username': 'alice', 'password': 'alice-pw'}),
        content_type='application/json',
    )
    access = pair.json()['access']
    response = Client().get(f'/{kind}/jwt-cookie/', headers={'Authorization': f'Bearer {access}'})
    assert response.status_code == 401
    assert 'WWW-Authenticate' not in response


@pytest.mark.parametrize('kind', KINDS)
def test_a_bad_cookie_is_401(kind: str):
    """A cookie that is no token: 401 ``Malformed token``."""
    client = Client()
    client.cookies['access_token'] = 'garbage'
    response = client.get(f'/{kind}/jwt-cookie/')
    assert response.status_code == 401
    assert response.json()['detail'][0]['msg'] == 'Malformed token'


@pytest.mark.parametrize('kind', KINDS)
def test_revoke_deletes_the_cookie(kind: str):
    """Revoke through the cookie endpoints expires the access cookie."""
    client = Client()
    pair = client.post(
        f'/{kind}/cookie-token/',
        json.dumps({'username': 'alice', 'password': 'alice-pw'}),
        content_type='application/json',
    ).json()
    response = client.post(
        f'/{kind}/cookie-token/revoke/',
        json.dumps({'refresh': pair['refresh']}),
        content_type='application/json',
    )
    assert response.status_code == 204
    assert response.cookies['access_token'].value == ''
