"""Controllers of the HTTP tests, every one on the marshmallow backend."""

import datetime
import uuid
from typing import Any

from django.http import HttpResponse
from dmr import APIError, Body, Controller, Cookies, Headers, Path, Query, ResponseSpec, modify
from dmr import validate as declare

from marshmallow_models import (
    Anything,
    Auth,
    Booking,
    ItemPath,
    Person,
    Receipt,
    Search,
    Session,
    User,
    UserCreate,
)

JOINED = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


class UserController(Controller):
    def post(self, user: Body[UserCreate]) -> User:
        return {**user, 'uid': uuid.UUID(int=1), 'joined': JOINED}


class PersonController(Controller):
    responses = (ResponseSpec(Receipt, status_code=409),)

    def post(self, person: Body[Person]) -> Person:
        if person['name'] == 'taken':
            raise APIError(
                {'ticket': uuid.UUID(int=9), 'issued': JOINED},
                status_code=409,
            )
        return person

    def put(self, person: Body[Person]) -> list[Person]:
        return [person, person]


class BookingController(Controller):
    def post(self, booking: Body[Booking]) -> Booking:
        return booking


class SearchController(Controller):
    def get(self, search: Query[Search], auth: Headers[Auth]) -> Search:
        return {**search, 'tags': [*search['tags'], *auth['x_trace']]}


class ItemController(Controller):
    def get(self, path: Path[ItemPath], session: Cookies[Session]) -> dict[str, str]:
        return {
            'item': str(path['item_id']),
            'slug': path['slug'],
            'session': session['session_id'],
        }


class AnythingController(Controller):
    def post(self, data: Body[Anything]) -> dict[str, Any]:
        return data


class PlainController(Controller):
    def post(self, numbers: Body[list[int]]) -> dict[str, int]:
        return {'total': sum(numbers)}


class WrongShapeController(Controller):
    def get(self) -> Person:
        return {'name': 7, 'age': 'old', 'addresses': [{'city': None}]}


class UnvalidatedWrongShapeController(Controller):
    validate_responses = False

    def get(self) -> Person:
        return {'name': 7}


class HandBuiltController(Controller):
    @declare(ResponseSpec(Receipt, status_code=200))
    def get(self) -> HttpResponse:
        return HttpResponse(
            b'{"ticket": "nope", "issued": "2024-01-02T03:04:05Z"}',
            content_type='application/json',
        )


class ModifiedController(Controller):
    @modify(status_code=200)
    def post(self, receipt: Body[Receipt]) -> Receipt:
        return receipt
