"""Other responses an endpoint may give: ``extra_responses`` and ``APIError``."""

import json
from typing import Annotated

import msgspec
from django.test import RequestFactory
from dmr import APIError, Body, Controller, ResponseSpec, modify


class Transfer(msgspec.Struct):
    account: Annotated[str, msgspec.Meta(max_length=34)]
    cents: int


class Refusal(msgspec.Struct):
    reason: str
    balance: int


class TransferController(Controller):
    @modify(
        extra_responses=[
            ResponseSpec(
                Refusal,
                status_code=409,
                description='The account cannot cover the transfer',
                headers={'Retry-After': 'When the account may be credited again'},
            ),
        ],
    )
    def post(self, transfer: Body[Transfer]) -> Transfer:
        balance = 500
        if transfer.cents > balance:
            raise APIError(
                Refusal(reason='insufficient funds', balance=balance),
                status_code=409,
                headers={'Retry-After': '3600'},
            )
        return transfer


def post(cents: int):
    content = json.dumps({'account': 'ACC-1', 'cents': cents}).encode()
    request = RequestFactory().post('/transfers/', content, content_type='application/json')
    return TransferController.as_view()(request)


assert post(100).status_code == 201
refused = post(10_000)
assert (refused.status_code, refused['Retry-After']) == (409, '3600')
assert json.loads(refused.content) == {'reason': 'insufficient funds', 'balance': 500}
