"""Answering validation errors with a body of your own shape."""

import json
from typing import Annotated

import msgspec
from django.http import HttpResponse
from django.test import RequestFactory
from dmr import Body, Controller, ResponseSpec
from dmr.errors import RequestValidationError
from dmr.openapi import build_schema
from dmr.routing import Router, path


class InvalidFields(msgspec.Struct):
    """The request is invalid: one message per field path."""

    title: str
    fields: dict[str, str]


class Invoice(msgspec.Struct):
    customer: Annotated[str, msgspec.Meta(max_length=100)]
    total_cents: int


class CustomErrorsController(Controller):
    """A base class: every controller deriving from it answers 400 this way."""

    # Declared here, the 400 replaces the default error model in the schema
    # and in response validation.
    responses = (ResponseSpec(InvalidFields, status_code=400),)

    def error_handler(self, exc: Exception) -> HttpResponse | None:
        if not isinstance(exc, RequestValidationError):
            return None
        fields = {
            '.'.join(str(part) for part in detail.get('loc', [])): detail['msg']
            for detail in exc.details
        }
        return self.to_response(
            InvalidFields(title='Your request is invalid', fields=fields),
            status_code=400,
        )


class InvoiceController(CustomErrorsController):
    def post(self, invoice: Body[Invoice]) -> Invoice:
        return invoice


request = RequestFactory().post('/invoices/', b'{"customer": 7}', content_type='application/json')
response = InvoiceController.as_view()(request)
assert response.status_code == 400
assert json.loads(response.content) == {
    'title': 'Your request is invalid',
    'fields': {'body.customer': 'Expected a value of type `string`.'},
}

schema = build_schema(Router('', [path('invoices/', InvoiceController.as_view())]))
bad_request = schema['paths']['/invoices/']['post']['responses']['400']
assert bad_request['content']['application/json']['schema'] == {
    '$ref': '#/components/schemas/InvalidFields',
}
