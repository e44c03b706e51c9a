"""Error handlers: per endpoint, per controller, then in settings, in that order."""

import json
from typing import Annotated

import msgspec
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from dmr import APIError, Controller, Query, ResponseSpec, modify
from dmr.errors import ErrorModel


class QuotaExceeded(Exception):
    pass


class Timeout(Exception):
    pass


class Unknown(Exception):
    pass


class Problem(msgspec.Struct):
    problem: str


class Which(msgspec.Struct):
    fail: Annotated[str, msgspec.Meta(max_length=20)] = ''


def endpoint_handler(controller: Controller, exc: Exception) -> HttpResponse | None:
    if isinstance(exc, Timeout):
        return controller.to_response(Problem(problem='try again'), status_code=503)
    return None  # not mine: the next handler decides


def project_handler(controller: Controller, exc: Exception) -> HttpResponse | None:
    if isinstance(exc, Unknown):
        raise APIError('Nobody knows', status_code=404)  # a handler may raise APIError too
    return None


class QuotaController(Controller):
    responses = (
        ResponseSpec(Problem, status_code=429),
        ResponseSpec(Problem, status_code=503),
        ResponseSpec(ErrorModel, status_code=404),  # undeclared, it would be a 422
    )

    def error_handler(self, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, QuotaExceeded):
            return self.to_response(Problem(problem='slow down'), status_code=429)
        return None

    @modify(error_handler=endpoint_handler)
    def get(self, which: Query[Which]) -> Problem:
        errors = {'quota': QuotaExceeded, 'timeout': Timeout, 'unknown': Unknown}
        if which.fail in errors:
            raise errors[which.fail]
        return Problem(problem='none')


def get(fail: str) -> tuple[int, object]:
    response = QuotaController.as_view()(RequestFactory().get(f'/?fail={fail}'))
    return response.status_code, json.loads(response.content)


with override_settings(
    DMR_SETTINGS={'serializer': 'msgspec', 'error_handler': project_handler},
):
    assert get('') == (200, {'problem': 'none'})
    assert get('timeout') == (503, {'problem': 'try again'})  # the endpoint's handler
    assert get('quota') == (429, {'problem': 'slow down'})  # the controller's
    assert get('unknown') == (  # the project's, from the settings
        404,
        {'detail': [{'msg': 'Nobody knows', 'loc': [], 'type': 'api_error'}]},
    )
