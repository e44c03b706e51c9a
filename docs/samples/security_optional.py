"""Optional auth: ``Anonymous()`` last lets a request without credentials through."""

import json

from django.test import RequestFactory
from dmr import Controller
from dmr.security import Anonymous, ApiKey


class Reader:
    username = 'reader'
    is_authenticated = True


def key_owner(request, key):
    return Reader() if key == 'k-1' else None


class FeedController(Controller):
    auth = (ApiKey('X-API-Key', check=key_owner), Anonymous())

    def get(self) -> dict[str, bool]:
        return {'personal': self.request.user.is_authenticated}


def feed(**headers: str):
    return FeedController.as_view()(RequestFactory().get('/feed/', headers=headers))


assert json.loads(feed(**{'X-API-Key': 'k-1'}).content) == {'personal': True}
assert json.loads(feed().content) == {'personal': False}  # no key: anonymous
assert feed(**{'X-API-Key': 'stolen'}).status_code == 401  # a wrong key is still refused
