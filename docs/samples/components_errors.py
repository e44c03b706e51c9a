"""Errors of every component are reported together, each under its component."""

import json
from typing import Annotated

import msgspec
from django.test import RequestFactory
from dmr import Body, Controller, Headers, Path, Query


class OrderPath(msgspec.Struct):
    order_id: int


class Paging(msgspec.Struct):
    limit: int = 10


class Auth(msgspec.Struct):
    x_api_token: Annotated[str, msgspec.Meta(max_length=100)]


class Line(msgspec.Struct):
    sku: Annotated[str, msgspec.Meta(max_length=32)]
    quantity: int


class OrderUpdate(msgspec.Struct):
    lines: list[Line]


class OrderController(Controller):
    def put(
        self,
        path: Path[OrderPath],
        paging: Query[Paging],
        auth: Headers[Auth],
        update: Body[OrderUpdate],
    ) -> OrderUpdate:
        return update


request = RequestFactory().put(
    '/orders/x/?limit=many',
    b'{"lines": [{"sku": "A1", "quantity": 1}, {"sku": "B2", "quantity": "2"}]}',
    content_type='application/json',
)
response = OrderController.as_view()(request, order_id='x')
assert response.status_code == 400
assert [(error['loc'], error['type']) for error in json.loads(response.content)['detail']] == [
    (['path', 'order_id'], 'type_error'),
    (['query', 'limit'], 'type_error'),
    (['headers', 'x_api_token'], 'missing'),
    (['body', 'lines', 1, 'quantity'], 'type_error'),  # JSON "2" is a string, not an int
]
