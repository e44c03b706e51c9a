"""Response validation: a response that breaks its declaration answers 422."""

import json

import msgspec
from django.http import HttpResponse
from django.test import RequestFactory
from dmr import Controller, ResponseSpec, modify, validate


class Price(msgspec.Struct):
    currency: str
    cents: int


class PriceController(Controller):
    def get(self) -> Price:
        # A bug: cents must be an int. Nothing checks this before rendering...
        return Price(currency='EUR', cents='12.50')  # type: ignore[arg-type]


broken = PriceController.as_view()(RequestFactory().get('/price/'))
assert broken.status_code == 422  # ...but the rendered bytes are checked.
(error,) = json.loads(broken.content)['detail']
assert (error['loc'], error['type']) == (['response', 'cents'], 'type_error')


class UndeclaredController(Controller):
    @validate(ResponseSpec(Price, status_code=200))
    def get(self) -> HttpResponse:
        return self.to_response(None, status_code=204)  # 204 was never declared


undeclared = UndeclaredController.as_view()(RequestFactory().get('/price/'))
assert undeclared.status_code == 422
assert json.loads(undeclared.content)['detail'] == [
    {  # with DEBUG off: no code in the body; the details go to the `dmr.responses` log
        'msg': 'The response does not match what this endpoint declares',
        'loc': ['response'],
        'type': 'response_invalid',
    },
]


class TrustedController(Controller):
    @modify(validate_responses=False)  # or `validate_responses = False` on the class
    def get(self) -> Price:
        return Price(currency='EUR', cents='12.50')  # type: ignore[arg-type]


trusted = TrustedController.as_view()(RequestFactory().get('/price/'))
assert (trusted.status_code, trusted.content) == (200, b'{"currency":"EUR","cents":"12.50"}')
