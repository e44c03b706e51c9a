"""``OperationInfo``: summaries, tags, ids, deprecation, hiding an operation."""

import msgspec
from dmr import Controller, modify
from dmr.openapi import OperationInfo, build_schema
from dmr.routing import Router, path


class Invoice(msgspec.Struct):
    number: str


class InvoiceController(Controller):
    operation = OperationInfo(tags=['billing'])  # every endpoint of this controller

    def get(self) -> Invoice:
        """Download the invoice.

        The docstring's first paragraph is the summary, the rest the description.
        """
        return Invoice(number='2024-001')

    @modify(operation=OperationInfo(operation_id='voidInvoice', deprecated=True))
    def delete(self) -> None:
        """Void the invoice."""

    @modify(operation=OperationInfo(include_in_schema=False))
    def put(self) -> Invoice:
        return Invoice(number='internal')


schema = build_schema(Router('', [path('invoice/', InvoiceController.as_view())]))
operations = schema['paths']['/invoice/']
assert sorted(operations) == ['delete', 'get']  # PUT is served, not documented

assert operations['get']['tags'] == ['billing']
assert operations['get']['summary'] == 'Download the invoice.'
assert operations['get']['description'].startswith("The docstring's first paragraph")
assert operations['get']['operationId'] == 'getInvoicecontrollerInvoice'

assert operations['delete']['tags'] == ['billing']
assert operations['delete']['operationId'] == 'voidInvoice'
assert operations['delete']['deprecated'] is True
