"""The pydantic backend: strict JSON by default, every error reported, aliases."""

import json

import pydantic
from django.test import RequestFactory
from dmr import Body, Controller
from dmr_pydantic import PydanticSerializer


class Item(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra='forbid')

    sku: str = pydantic.Field(pattern='^[A-Z]{3}-[0-9]{4}$')
    quantity: int = pydantic.Field(default=1, ge=1, le=99)


class Basket(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra='forbid', validate_by_name=True)

    items: list[Item]
    coupon_code: str | None = pydantic.Field(default=None, alias='couponCode', max_length=20)


class BasketController(Controller[PydanticSerializer]):
    def put(self, basket: Body[Basket]) -> Basket:
        return basket


class LaxPydanticSerializer(PydanticSerializer):
    strict_requests = False  # JSON bodies are validated in pydantic's lax mode


class LaxBasketController(Controller[LaxPydanticSerializer]):
    def put(self, basket: Body[Basket]) -> Basket:
        return basket


def put(controller: type[Controller], body: bytes) -> tuple[int, object]:
    request = RequestFactory().put('/basket/', body, content_type='application/json')
    response = controller.as_view()(request)
    return response.status_code, json.loads(response.content)


# Strict by default, as on every backend: "2" is no int.
status, answer = put(BasketController, b'{"items": [{"sku": "ABC-0001", "quantity": "2"}]}')
assert status == 400
assert [(e['loc'], e['type']) for e in answer['detail']] == [
    (['body', 'items', 0, 'quantity'], 'type_error'),
]
# A lax serializer accepts it. Responses are written by alias.
assert put(LaxBasketController, b'{"items": [{"sku": "ABC-0001", "quantity": "2"}]}') == (
    200,
    {'items': [{'sku': 'ABC-0001', 'quantity': 2}], 'couponCode': None},
)
# pydantic reports every error it finds.
status, answer = put(BasketController, b'{"items": [{"sku": "abc", "quantity": 100}], "gift": 1}')
assert status == 400
assert [(e['loc'], e['type']) for e in answer['detail']] == [
    (['body', 'items', 0, 'sku'], 'pattern_mismatch'),
    (['body', 'items', 0, 'quantity'], 'out_of_range'),
    (['body', 'gift'], 'extra_forbidden'),
]
