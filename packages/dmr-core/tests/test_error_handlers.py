"""Error handlers: per endpoint, per controller and global, tried in that order."""

import json
from typing import Any

from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from dmr import APIError, Controller, ResponseSpec, modify
from dmr.errors import ErrorModel

factory = RequestFactory()
calls: list[str] = []


class Boom(Exception):
    """Raised by the endpoints below."""


def endpoint_handler(controller: Controller[Any], exc: Exception) -> HttpResponse | None:
    calls.append('endpoint')
    if str(exc) == 'endpoint':
        return HttpResponse('from endpoint', status=418)
    return None


def global_handler(controller: Controller[Any], exc: Exception) -> HttpResponse | None:
    calls.append('global')
    if str(exc) == 'global':
        return HttpResponse('from settings', status=418)
    if str(exc) == 'convert':
        raise APIError('converted', status_code=409)
    return None


class Handled(Controller):
    def error_handler(self, exc: Exception) -> HttpResponse | None:
        calls.append('controller')
        if str(exc) == 'controller':
            return HttpResponse('from controller', status=418)
        return None

    @modify(
        error_handler=endpoint_handler,
        extra_responses=[ResponseSpec(ErrorModel, status_code=409)],
    )
    def post(self) -> int:
        raise Boom(self.request.GET['where'])


def run(where: str) -> HttpResponse:
    calls.clear()
    return Handled.as_view()(factory.post(f'/?where={where}'))  # type: ignore[no-any-return]


SETTINGS = {
    'serializer': 'tests.stub_backend.StubSerializer',
    'error_handler': 'tests.test_error_handlers.global_handler',
}


@override_settings(DMR_SETTINGS=SETTINGS)
def test_endpoint_handler_runs_first():
    """The endpoint's handler answers before the others are asked."""
    assert run('endpoint').content == b'from endpoint'
    assert calls == ['endpoint']


@override_settings(DMR_SETTINGS=SETTINGS)
def test_controller_handler_runs_second():
    """The controller's handler answers what the endpoint's passed on."""
    assert run('controller').content == b'from controller'
    assert calls == ['endpoint', 'controller']


@override_settings(DMR_SETTINGS=SETTINGS)
def test_global_handler_runs_last():
    """The settings' handler is asked after endpoint and controller."""
    assert run('global').content == b'from settings'
    assert calls == ['endpoint', 'controller', 'global']


@override_settings(DMR_SETTINGS=SETTINGS)
def test_handler_may_raise_api_error():
    """A handler that raises ``APIError`` answers with it."""
    response = run('convert')
    assert response.status_code == 409
    assert json.loads(response.content)['detail'][0]['msg'] == 'converted'


@override_settings(DMR_SETTINGS=SETTINGS)
def test_unanswered_errors_reach_the_default():
    """When no handler answers, the default 500 does."""
    assert run('nobody').status_code == 500
    assert calls == ['endpoint', 'controller', 'global']
