"""A project's own messages: marked with gettext, they follow the request's language too."""

import json

import msgspec
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext
from dmr import APIError, Body, Controller, ResponseSpec, validate
from dmr.errors import ErrorModel


class Order(msgspec.Struct):
    quantity: int


class OrderController(Controller):
    @validate(ResponseSpec(Order, status_code=201), ResponseSpec(ErrorModel, status_code=409))
    def post(self, order: Body[Order]) -> HttpResponse:
        if order.quantity > 3:
            # Translated when raised, in the request's language (your catalogue's job).
            raise APIError(gettext('Out of stock'), status_code=409)
        return self.to_response(order, status_code=201)


view = LocaleMiddleware(OrderController.as_view())
request = RequestFactory().post(
    '/',
    b'{"quantity": 5}',
    content_type='application/json',
    headers={'Accept-Language': 'de'},
)
with translation.override('en'):
    response = view(request)
assert response.status_code == 409
# No catalogue of this project translates it: the text is shown as written.
assert json.loads(response.content)['detail'][0]['msg'] == 'Out of stock'
