"""Auths on a controller: tried in order; the first that accepts sets ``request.user``."""

import json

from django.test import RequestFactory
from dmr import Controller
from dmr.security import ApiKey, HttpBasic


class Robot:
    """Stands for a user from the database."""

    username = 'ci-robot'
    is_authenticated = True
    is_active = True


KEYS = {'k-123': Robot()}


def key_owner(request, key):
    """The user the key belongs to, or ``None`` for a key nobody has."""
    return KEYS.get(key)


class BuildController(Controller):
    auth = (ApiKey('X-API-Key', check=key_owner), HttpBasic())

    def get(self) -> dict[str, str]:
        return {'by': self.request.user.username}


view = BuildController.as_view()

accepted = view(RequestFactory().get('/builds/', headers={'X-API-Key': 'k-123'}))
assert json.loads(accepted.content) == {'by': 'ci-robot'}

# No credentials: 401, with a challenge for each auth that has one.
missing = view(RequestFactory().get('/builds/'))
assert missing.status_code == 401
assert missing['WWW-Authenticate'] == 'Basic realm="api", charset="UTF-8"'
assert json.loads(missing.content)['detail'][0]['type'] == 'not_authenticated'

# Credentials that are there but wrong: 401 with the reason.
wrong = view(RequestFactory().get('/builds/', headers={'X-API-Key': 'k-999'}))
assert wrong.status_code == 401
assert json.loads(wrong.content)['detail'][0]['msg'] == 'Invalid API key'
