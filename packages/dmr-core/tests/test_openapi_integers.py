"""OpenAPI: the integers of requests say how they are written (3.1 and 3.2)."""

import dataclasses
import json
from collections.abc import Callable
from typing import Any

import pytest

from dmr import Body, Controller, Cookies, Headers, Query
from dmr.openapi._integers import INTEGER_COMMENT
from tests.openapi_support import INTEGER, document, served

NOTED = ('3.1.0', '3.2.0')
SCHEMAS = '#/components/schemas/'


@dataclasses.dataclass
class Line:
    sizes: list[int]


@dataclasses.dataclass
class Order:
    author_id: int
    lines: list[Line]
    note: int | None
    count: int = dataclasses.field(metadata={'schema': {'type': ['integer', 'null']}})
    weight: float
    label: str


@dataclasses.dataclass
class Page:
    page: int | None = None


@dataclasses.dataclass
class Retry:
    x_retry: int


@dataclasses.dataclass
class Visits:
    visits: int


class Orders(Controller):
    def post(
        self,
        order: Body[Order],
        query: Query[Page],
        headers: Headers[Retry],
        cookies: Cookies[Visits],
    ) -> Order:
        raise NotImplementedError


def orders(version: str) -> dict[str, Any]:
    return document(served(Orders, 'orders/<int:order_id>/'), openapi_version=version)


def parameter(location: str, name: str) -> Callable[[dict[str, Any]], Any]:
    def find(schema: dict[str, Any]) -> Any:
        (found,) = [
            entry['schema']
            for entry in schema['paths']['/api/orders/{order_id}/']['post']['parameters']
            if (entry['in'], entry['name']) == (location, name)
        ]
        return found

    return find


def order(*keys: str | int) -> Callable[[dict[str, Any]], Any]:
    def find(schema: dict[str, Any]) -> Any:
        found = schema['components']['schemas']['Order']
        for key in keys:
            found = found[key]
        return found

    return find


PLACES = {
    'body-property': order('properties', 'author_id'),
    'nested-array-item': lambda schema: schema['components']['schemas']['Line']['properties'][
        'sizes'
    ]['items'],
    'any-of-member': order('properties', 'note', 'anyOf', 0),
    'type-list': order('properties', 'count'),
    'optional-query-parameter': parameter('query', 'page'),
    'path-parameter': parameter('path', 'order_id'),
    'header': parameter('header', 'x-retry'),
    'cookie': parameter('cookie', 'visits'),
}


@pytest.mark.parametrize('version', NOTED)
@pytest.mark.parametrize('place', PLACES.values(), ids=list(PLACES))
def test_request_integer_notes_its_spelling(version: str, place: Callable[..., Any]):
    """An integer a request uses says it is written without fraction or exponent."""
    assert place(orders(version))['$comment'] == INTEGER_COMMENT


def test_optional_query_integer_is_a_noted_integer():
    """``int | None = None`` in a query is an optional integer with the note, no null."""
    assert parameter('query', 'page')(orders('3.1.0')) == INTEGER


def test_type_list_with_integer_is_noted_as_a_whole():
    """A ``["integer", "null"]`` type list carries the note beside its ``type``."""
    assert order('properties', 'count')(orders('3.1.0')) == {
        'type': ['integer', 'null'],
        '$comment': INTEGER_COMMENT,
    }


def test_30_document_has_no_comment():
    """A 3.0 document carries no ``$comment``: its ``integer`` already means ``2``, not ``2.0``."""
    schema = orders('3.0.3')
    assert parameter('query', 'page')(schema) == {'type': 'integer'}
    assert '$comment' not in json.dumps(schema)


@pytest.mark.parametrize('version', NOTED)
def test_other_types_are_not_noted(version: str):
    """Numbers and strings of a request carry no note."""
    properties = order('properties')(orders(version))
    assert '$comment' not in properties['weight']
    assert '$comment' not in properties['label']


@pytest.mark.parametrize('version', NOTED)
def test_model_of_both_directions_stays_one_component(version: str):
    """A model read and written with one shape is one component, the noted one."""
    schema = orders(version)
    operation = schema['paths']['/api/orders/{order_id}/']['post']
    response = operation['responses']['201']['content']['application/json']['schema']
    assert response == {'$ref': SCHEMAS + 'Order'}
    assert {'OrderInput', 'OrderOutput', 'LineInput', 'LineOutput'}.isdisjoint(
        schema['components']['schemas'],
    )
    assert order('properties', 'author_id')(schema) == INTEGER


@dataclasses.dataclass
class Draft:
    words: int
    revision: int = 1


class Drafts(Controller):
    def post(self, draft: Body[Draft]) -> Draft:
        raise NotImplementedError


def test_split_model_notes_its_input_only():
    """A model split by ``required`` has the note in ``NameInput``, not in ``NameOutput``."""
    found = document(served(Drafts))['components']['schemas']
    assert found['DraftInput']['properties'] == {'words': INTEGER, 'revision': INTEGER}
    assert found['DraftOutput']['properties'] == {
        'words': {'type': 'integer'},
        'revision': {'type': 'integer'},
    }


@dataclasses.dataclass
class Receipt:
    total: int
    codes: list[int]


class Receipts(Controller):
    def get(self) -> Receipt:
        raise NotImplementedError


@pytest.mark.parametrize('version', NOTED)
def test_response_only_schemas_are_untouched(version: str):
    """Schemas only responses use, dmr's error schemas included, carry no note."""
    schema = document(served(Receipts), openapi_version=version)
    assert schema['components']['schemas']['Receipt']['properties'] == {
        'total': {'type': 'integer'},
        'codes': {'type': 'array', 'items': {'type': 'integer'}},
    }
    assert '$comment' not in json.dumps(schema)


@dataclasses.dataclass
class Priced:
    cents: int = dataclasses.field(metadata={'schema': {'$comment': 'In cents.'}})


@dataclasses.dataclass
class PricedQuery:
    limit: int | None = dataclasses.field(
        default=None, metadata={'schema': {'$comment': 'At most 100.'}}
    )


class Prices(Controller):
    def post(self, priced: Body[Priced], query: Query[PricedQuery]) -> str:
        raise NotImplementedError


@pytest.mark.parametrize('version', NOTED)
def test_own_comment_is_kept(version: str):
    """A ``$comment`` the model gives an integer stays, in a body and in a parameter."""
    schema = document(served(Prices), openapi_version=version)
    assert schema['components']['schemas']['Priced']['properties']['cents'] == {
        'type': 'integer',
        '$comment': 'In cents.',
    }
    (limit,) = schema['paths']['/api/users/']['post']['parameters']
    assert limit['schema'] == {'type': 'integer', '$comment': 'At most 100.'}


@dataclasses.dataclass
class Closed:
    counts: dict[str, int] = dataclasses.field(
        metadata={'schema': {'additionalProperties': False, 'patternProperties': {'^n': {}}}}
    )
    size: int = 0


class ClosedForms(Controller):
    def post(self, closed: Body[Closed]) -> str:
        raise NotImplementedError


def test_boolean_subschemas_are_left_as_they_are():
    """``additionalProperties: false`` in a request model stays a boolean; integers are noted."""
    found = document(served(ClosedForms))['components']['schemas']['Closed']['properties']
    assert found['counts'] == {
        'type': 'object',
        'additionalProperties': False,
        'patternProperties': {'^n': {}},
    }
    assert found['size'] == INTEGER
