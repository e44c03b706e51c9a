"""Obtain a token, use it, revoke it: the API as a client sees it."""

from django.contrib.auth.models import User
from django.test import Client, override_settings

User.objects.create_user('ada', password='correct horse')
client = Client()

with override_settings(ROOT_URLCONF='urls_tokens'):
    # Obtain: a user name and password in, the new token out (201), once.
    response = client.post(
        '/api/tokens/',
        {'username': 'ada', 'password': 'correct horse', 'name': 'laptop'},
        content_type='application/json',
    )
    assert response.status_code == 201
    assert response['Cache-Control'] == 'no-store'
    token = response.json()['token']
    assert token.startswith('dmr_')
    assert len(token) == 53
    assert response.json()['expires'] is None

    # Use it: `Authorization: Bearer <token>`.
    bearer = {'Authorization': f'Bearer {token}'}
    assert client.get('/api/me/', headers=bearer).json() == {'username': 'ada', 'token': 'laptop'}

    # Every failed attempt gets the same answer.
    wrong = client.post(
        '/api/tokens/',
        {'username': 'ada', 'password': 'wrong'},
        content_type='application/json',
    )
    assert wrong.status_code == 401
    assert wrong.json()['detail'][0]['msg'] == 'Invalid user name or password'

    # Revoke the token the request carries (or `?name=laptop`: the user's tokens of that name).
    assert client.delete('/api/tokens/current/', headers=bearer).status_code == 204
    refused = client.get('/api/me/', headers=bearer)
    assert refused.status_code == 401
    assert refused['WWW-Authenticate'] == 'Bearer realm="api"'
    assert refused.json()['detail'][0]['type'] == 'not_authenticated'
