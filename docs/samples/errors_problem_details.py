"""RFC 9457 problem details, opted into with ``error_format``."""

import json
from typing import Annotated

import msgspec
from django.test import RequestFactory
from dmr import APIError, Body, Controller, ResponseSpec, modify
from dmr.errors import ProblemDetails
from dmr.openapi import build_schema
from dmr.routing import Router, path


class Booking(msgspec.Struct):
    room: Annotated[str, msgspec.Meta(max_length=10)]
    nights: int


class BookingController(Controller):
    error_format = 'problem_details'  # or DMR_SETTINGS['error_format'] for every controller

    @modify(extra_responses=[ResponseSpec(ProblemDetails, status_code=409)])
    def post(self, booking: Body[Booking]) -> Booking:
        if booking.room == '101':
            raise APIError('Room 101 is taken', status_code=409, loc=['body', 'room'])
        return booking


def post(content: bytes):
    request = RequestFactory().post('/bookings/', content, content_type='application/json')
    return BookingController.as_view()(request)


invalid = post(b'{"room": "12"}')
assert (invalid.status_code, invalid['Content-Type']) == (400, 'application/problem+json')
assert json.loads(invalid.content) == {
    'type': 'about:blank',
    'title': 'Bad Request',
    'status': 400,
    'detail': 'This field is required.',  # the first message
    'errors': [
        {
            'msg': 'This field is required.',
            'loc': ['body', 'nights'],
            'type': 'missing',
        },
    ],
}

taken = post(b'{"room": "101", "nights": 2}')
assert (taken.status_code, taken['Content-Type']) == (409, 'application/problem+json')
assert json.loads(taken.content)['errors'] == [
    {'msg': 'Room 101 is taken', 'loc': ['body', 'room'], 'type': 'api_error'},
]

schema = build_schema(Router('', [path('bookings/', BookingController.as_view())]))
conflict = schema['paths']['/bookings/']['post']['responses']['409']['content']
assert conflict == {
    'application/problem+json': {'schema': {'$ref': '#/components/schemas/ProblemDetails'}},
}
