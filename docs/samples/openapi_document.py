"""What the document says about the API as a whole, and what its parameters admit."""

import warnings

import msgspec
from dmr import Controller, Path, Query
from dmr.openapi import OpenAPIConfig, OperationInfo, RegexDialectWarning, build_schema
from dmr.routing import Router, path
from openapi_spec_validator import validate


class BookFilter(msgspec.Struct):
    available: bool | None = None  # optional: absent means "any"
    search: str | None = None


class BookPath(msgspec.Struct):
    book_id: int


class Book(msgspec.Struct):
    id: int
    title: str


class BookListController(Controller):
    operation = OperationInfo(tags=['books'])

    def get(self, filters: Query[BookFilter]) -> list[Book]:
        return []


class BookDetailController(Controller):
    operation = OperationInfo(tags=['books'])

    def get(self, path: Path[BookPath]) -> Book:
        return Book(id=path.book_id, title='Dune')


def operation_id(method: str, route: str, controller: type) -> str:
    """``listBooks`` and ``getBook``: what client generators name their methods after."""
    return 'listBooks' if controller is BookListController else 'getBook'


router = Router(
    'api/',
    [
        path('books/', BookListController.as_view()),
        path('books/<int:book_id>/', BookDetailController.as_view()),
    ],
)
config = OpenAPIConfig(
    title='Library',
    version='1.0.0',
    servers=[{'url': '/', 'description': 'The server that serves this document'}],
    tags=[{'name': 'books', 'description': 'What the library lends.'}],
    contact={'name': 'The library team', 'email': 'team@example.com'},
    license={'name': 'MIT', 'url': 'https://opensource.org/licenses/MIT'},
    terms_of_service='https://example.com/terms',
    external_docs={'url': 'https://example.com/guide', 'description': 'The guide'},
    security_schemes={'apiKey': {'type': 'apiKey', 'in': 'header', 'name': 'X-API-Key'}},
    security=[{'apiKey': []}],
    operation_id=operation_id,
)
with warnings.catch_warnings():
    warnings.simplefilter('error', RegexDialectWarning)  # no pattern differs between dialects
    schema = build_schema(router, config)
validate(schema)

assert schema['tags'] == [{'name': 'books', 'description': 'What the library lends.'}]
assert schema['info']['license']['name'] == 'MIT'
assert schema['security'] == [{'apiKey': []}]
assert schema['components']['securitySchemes']['apiKey']['in'] == 'header'
assert schema['externalDocs']['url'] == 'https://example.com/guide'

listing = schema['paths']['/api/books/']['get']
assert listing['operationId'] == 'listBooks'
# A query string cannot carry JSON null: `T | None = None` is an optional T.
assert [(p['name'], p['required'], p['schema']['type']) for p in listing['parameters']] == [
    ('available', False, 'boolean'),
    ('search', False, 'string'),
]
# `<int:book_id>` only matches digits, so the parameter is a non-negative integer.
(book_id,) = schema['paths']['/api/books/{book_id}/']['get']['parameters']
assert (book_id['schema']['type'], book_id['schema']['minimum']) == ('integer', 0)
