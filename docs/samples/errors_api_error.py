"""``APIError``: answer with any status, with a message or with a model."""

import json
from typing import Annotated

import msgspec
from django.test import RequestFactory
from dmr import APIError, Controller, Query, ResponseSpec, modify
from dmr.errors import ErrorModel


class Lookup(msgspec.Struct):
    isbn: Annotated[str, msgspec.Meta(max_length=17)]


class Book(msgspec.Struct):
    isbn: str
    title: str


class Gone(msgspec.Struct):
    isbn: str
    withdrawn_on: str


class BookController(Controller):
    @modify(
        extra_responses=[
            ResponseSpec(ErrorModel, status_code=404),
            ResponseSpec(Gone, status_code=410),
        ],
    )
    def get(self, lookup: Query[Lookup]) -> Book:
        if lookup.isbn == '0':
            raise APIError('No book has this ISBN', status_code=404)
        if lookup.isbn == '1':
            raise APIError(Gone(isbn='1', withdrawn_on='2024-05-01'), status_code=410)
        return Book(isbn=lookup.isbn, title='Dune')


def get(isbn: str):
    return BookController.as_view()(RequestFactory().get(f'/books/?isbn={isbn}'))


missing = get('0')
assert missing.status_code == 404
assert json.loads(missing.content) == {
    'detail': [{'msg': 'No book has this ISBN', 'loc': [], 'type': 'api_error'}],
}
gone = get('1')
assert (gone.status_code, gone.content) == (410, b'{"isbn":"1","withdrawn_on":"2024-05-01"}')
