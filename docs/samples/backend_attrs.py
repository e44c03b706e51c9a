"""The attrs backend: attrs classes, validators, strict JSON, errors found by field."""

import json

import attrs
from attrs import validators
from django.test import RequestFactory
from dmr import Body, Controller
from dmr.openapi import build_schema
from dmr.routing import Router, path
from dmr_attrs import AttrsSerializer


@attrs.frozen
class Item:
    sku: str = attrs.field(validator=validators.matches_re(r'[A-Z]{3}-[0-9]{4}'))
    quantity: int = attrs.field(default=1, validator=[validators.ge(1), validators.le(99)])


@attrs.define
class Basket:
    items: list[Item]
    coupon_code: str | None = attrs.field(
        default=None,
        alias='couponCode',
        validator=validators.optional(validators.max_len(20)),
    )


class BasketController(Controller[AttrsSerializer]):
    def put(self, basket: Body[Basket]) -> Basket:
        return basket


def put(body: bytes) -> tuple[int, object]:
    request = RequestFactory().put('/basket/', body, content_type='application/json')
    response = BasketController.as_view()(request)
    return response.status_code, json.loads(response.content)


# Fields are read and written by alias.
assert put(b'{"items": [{"sku": "ABC-0001"}], "couponCode": "SPRING"}') == (
    200,
    {'items': [{'sku': 'ABC-0001', 'quantity': 1}], 'couponCode': 'SPRING'},
)
# JSON is strict, and every error is reported, validators' ones by field.
status, answer = put(b'{"items": [{"sku": "abc", "quantity": 100}, {"sku": 7}]}')
assert status == 400
assert [(e['loc'], e['type']) for e in answer['detail']] == [
    (['body', 'items', 0, 'sku'], 'pattern_mismatch'),
    (['body', 'items', 0, 'quantity'], 'out_of_range'),
    (['body', 'items', 1, 'sku'], 'type_error'),
]

# The backend writes the JSON Schema of attrs classes itself, validators included.
schema = build_schema(Router('', [path('basket/', BasketController.as_view())]))
item = schema['components']['schemas']['ItemInput']  # ItemOutput requires every field
assert item['properties']['quantity'] | {'title': None} == {
    'type': 'integer',
    'minimum': 1,
    'maximum': 99,
    'default': 1,
    'title': None,
    '$comment': 'Written without a fraction or exponent: 2, not 2.0 or 2e0.',
}
assert item['properties']['sku']['pattern'] == '^(?:[A-Z]{3}-[0-9]{4})$'
