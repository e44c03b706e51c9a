"""The same invalid request in two languages: the shared messages, translated."""

import json
from typing import Annotated

import msgspec
from django.middleware.locale import LocaleMiddleware
from django.test import RequestFactory
from django.utils import translation
from dmr import Body, Controller


class Signup(msgspec.Struct):
    name: Annotated[str, msgspec.Meta(min_length=2)]
    age: Annotated[int, msgspec.Meta(ge=0)]


class SignupController(Controller):
    def post(self, signup: Body[Signup]) -> Signup:
        return signup


# LocaleMiddleware reads Accept-Language, as it does in a project's MIDDLEWARE.
view = LocaleMiddleware(SignupController.as_view())
factory = RequestFactory()


def messages(language: str) -> list[str]:
    request = factory.post(
        '/',
        b'{"name": "a", "age": "old"}',
        content_type='application/json',
        headers={'Accept-Language': language},
    )
    with translation.override('en'):  # the middleware activates the language; undo it
        response = view(request)
    assert response.status_code == 400
    assert 'Accept-Language' in response['Vary']
    return [detail['msg'] for detail in json.loads(response.content)['detail']]


# msgspec stops at the first error; every backend gives the same words for it.
assert messages('en') == ['The minimum length is 2.']
assert messages('de') == ['Die Mindestlänge beträgt 2.']
assert messages('ja') == ['最小の長さは 2 です。']
# A language dmr has no catalogue for reads English.
assert messages('tlh') == ['The minimum length is 2.']
