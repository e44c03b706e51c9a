"""A response goes out as its model declares it: undeclared keys are dropped."""

import json

import msgspec
from django.test import RequestFactory
from dmr import Controller


class UserOut(msgspec.Struct):
    name: str


class UserController(Controller):
    def get(self) -> UserOut:
        # A row read from the database, with a column the model does not declare.
        return {'name': 'ada', 'password_hash': 'pbkdf2$...'}  # type: ignore[return-value]


class UserListController(Controller):
    validate_responses = False  # dropped with validation off too

    def get(self) -> list[UserOut]:
        return [{'name': 'ada', 'password_hash': 'pbkdf2$...'}]  # type: ignore[list-item]


response = UserController.as_view()(RequestFactory().get('/'))
assert response.status_code == 200
assert json.loads(response.content) == {'name': 'ada'}

response = UserListController.as_view()(RequestFactory().get('/'))
assert json.loads(response.content) == [{'name': 'ada'}]
