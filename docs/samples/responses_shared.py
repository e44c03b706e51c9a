"""Responses every endpoint of a controller (or of the project) may give."""

import msgspec
from django.test import RequestFactory, override_settings
from dmr import APIError, Controller, ResponseSpec
from dmr.openapi import build_schema
from dmr.routing import Router, path


class Maintenance(msgspec.Struct):
    back_at: str


class Forbidden(msgspec.Struct):
    reason: str


class Stats(msgspec.Struct):
    users: int


MAINTENANCE = ResponseSpec(Maintenance, status_code=503, description='Down for maintenance')

with override_settings(DMR_SETTINGS={'serializer': 'msgspec', 'responses': [MAINTENANCE]}):

    class StatsController(Controller):
        responses = (ResponseSpec(Forbidden, status_code=403),)

        def get(self) -> Stats:
            raise APIError(Maintenance(back_at='12:00'), status_code=503)

    answer = StatsController.as_view()(RequestFactory().get('/stats/'))
    assert (answer.status_code, answer.content) == (503, b'{"back_at":"12:00"}')

    schema = build_schema(Router('', [path('stats/', StatsController.as_view())]))
    documented = schema['paths']['/stats/']['get']['responses']
    assert sorted(documented) == ['200', '403', '406', '422', '503']
