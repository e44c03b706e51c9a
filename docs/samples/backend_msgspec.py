"""The msgspec backend: Structs, constraints, strict JSON, wire names."""

import json
from typing import Annotated

import msgspec
from django.test import RequestFactory
from dmr import Body, Controller, Headers

Sku = Annotated[str, msgspec.Meta(pattern='^[A-Z]{3}-[0-9]{4}$')]


class Item(msgspec.Struct, forbid_unknown_fields=True):
    sku: Sku
    quantity: Annotated[int, msgspec.Meta(ge=1, le=99)] = 1


class Basket(msgspec.Struct, forbid_unknown_fields=True):
    items: list[Item]
    coupon: Annotated[str, msgspec.Meta(max_length=20)] | None = None


class Caller(msgspec.Struct):
    # `X-Client-Id` arrives as `x_client_id`: give the field that wire name.
    client: Annotated[str, msgspec.Meta(max_length=64)] = msgspec.field(name='x_client_id')


class BasketController(Controller):
    def put(self, basket: Body[Basket], caller: Headers[Caller]) -> Basket:
        return basket


def put(body: bytes) -> tuple[int, object]:
    request = RequestFactory().put(
        '/basket/', body, content_type='application/json', headers={'X-Client-Id': 'web'}
    )
    response = BasketController.as_view()(request)
    return response.status_code, json.loads(response.content)


assert put(b'{"items": [{"sku": "ABC-0001"}]}') == (
    200,
    {'items': [{'sku': 'ABC-0001', 'quantity': 1}], 'coupon': None},
)
# JSON is validated as the JSON it is: "2" is a string, not an int.
assert put(b'{"items": [{"sku": "ABC-0001", "quantity": "2"}]}') == (
    400,
    {
        'detail': [
            {
                'msg': 'Expected a value of type `integer`.',
                'loc': ['body', 'items', 0, 'quantity'],
                'type': 'type_error',
            },
        ],
    },
)
# msgspec stops at the first error.
status, answer = put(b'{"items": [{"sku": "abc", "quantity": 100}], "gift": true}')
assert status == 400
assert [(e['loc'], e['type']) for e in answer['detail']] == [
    (['body', 'items', 0, 'sku'], 'pattern_mismatch'),
]
status, answer = put(b'{"items": [], "gift": true}')
assert [(e['loc'], e['type']) for e in answer['detail']] == [(['body', 'gift'], 'extra_forbidden')]
