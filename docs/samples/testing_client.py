"""``DMRClient``: requests and responses in the backend's own models."""

import msgspec
import pytest
from django.test import override_settings
from dmr import Body, Controller
from dmr.routing import path
from dmr.testing import DecodeError, DMRClient


class Order(msgspec.Struct, rename='camel'):
    item: str
    unit_price: int
    quantity: int = 1


class Receipt(msgspec.Struct, rename='camel'):
    item: str
    total_price: int


class OrderController(Controller):
    def post(self, order: Body[Order]) -> Receipt:
        return Receipt(item=order.item, total_price=order.unit_price * order.quantity)


urlpatterns = [path('orders/', OrderController.as_view())]

with override_settings(ROOT_URLCONF=__name__):
    client = DMRClient()

    # A Struct is written by msgspec, the project's backend: camelCase names.
    response = client.post('/orders/', Order(item='tea', unit_price=3, quantity=2))
    assert response.status_code == 201
    assert response.json() == {'item': 'tea', 'totalPrice': 6}

    # The answer, read back into a model by the same backend.
    assert client.decode(response, Receipt) == Receipt(item='tea', total_price=6)

    # Dicts and lists are JSON too; bytes and text are sent as they are.
    assert client.post('/orders/', {'item': 'tea', 'unitPrice': 3}).status_code == 201
    malformed = client.post('/orders/', b'{"item": ')
    assert malformed.json()['detail'][0]['type'] == 'parse_error'

    # A response of another shape fails the test, with the backend's details.
    with pytest.raises(DecodeError) as caught:
        client.decode(malformed, Receipt)
    assert [detail['loc'] for detail in caught.value.details] == [['item']]
