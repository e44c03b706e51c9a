"""CSRF: an auth that reads a cookie runs Django's CSRF check on unsafe methods."""

import json

from django.middleware.csrf import get_token
from django.test import RequestFactory
from dmr import Controller
from dmr.security import ApiKey


class Member:
    username = 'ada'
    is_authenticated = True


def owner(request, key):
    return Member() if key == 'k-1' else None


class CommentController(Controller):
    auth = (ApiKey('api_key', location='cookie', check=owner),)

    def post(self) -> dict[str, str]:
        return {'by': self.request.user.username}


def post(*, with_token: bool):
    factory = RequestFactory()
    factory.cookies['api_key'] = 'k-1'
    page = factory.get('/')
    token = get_token(page)  # what a page of the site would embed
    factory.cookies['csrftoken'] = page.META['CSRF_COOKIE']
    headers = {'X-CSRFToken': token} if with_token else {}
    request = factory.post('/comments/', headers=headers)
    request._dont_enforce_csrf_checks = False
    return CommentController.as_view()(request)


assert json.loads(post(with_token=True).content) == {'by': 'ada'}

forged = post(with_token=False)  # another site's form: the cookie alone
assert forged.status_code == 403
assert forged['Content-Type'] == 'application/json'
assert json.loads(forged.content)['detail'][0]['type'] == 'csrf_failed'
