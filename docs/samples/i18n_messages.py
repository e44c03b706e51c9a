"""The same invalid request in two languages: the shared messages, translated."""

import datetime
import json
from typing import Annotated, Literal

import msgspec
from django.middleware.locale import LocaleMiddleware
from django.test import RequestFactory
from django.utils import translation
from dmr import Body, Controller


class Signup(msgspec.Struct):
    name: Annotated[str, msgspec.Meta(min_length=2)]
    age: Annotated[int, msgspec.Meta(ge=0)]
    plan: Literal['free', 'team'] = 'free'
    starts: datetime.date | None = None


class SignupController(Controller):
    def post(self, signup: Body[Signup]) -> Signup:
        return signup


# LocaleMiddleware reads Accept-Language, as it does in a project's MIDDLEWARE.
view = LocaleMiddleware(SignupController.as_view())
factory = RequestFactory()


def messages(language: str, body: bytes = b'{"name": "a", "age": "old"}') -> list[str]:
    request = factory.post(
        '/',
        body,
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
# msgspec's own "Invalid enum value" and "Invalid RFC3339 encoded date" never
# reach a client: the core writes them from the schema, in the client's language.
assert messages('en', b'{"name": "ada", "age": 3, "plan": "gold"}') == [
    'Expected one of: `free`, `team`.',
]
assert messages('fr', b'{"name": "ada", "age": 3, "starts": "soon"}') == [
    'Une date au format ISO 8601 était attendue, par exemple `2024-01-31`.',
]
