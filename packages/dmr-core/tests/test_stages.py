"""The stages of the pipeline: what they add on the way out, and the error stage."""

import asyncio
import json
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from dmr import APIError, Controller, ResponseSpec, modify
from dmr._pipeline.exchange import Exchange
from dmr._pipeline.stage import Stage, entries, exits
from dmr.renderers import JsonRenderer
from dmr.serializer import TypeAdapter
from tests.models import User
from tests.renderers import TextRenderer

factory = RequestFactory()


def call(controller: type[Controller[Any]], request: Any) -> HttpResponse:
    response = controller.as_view()(request)
    if asyncio.iscoroutine(response):
        response = asyncio.run(response)
    return response  # type: ignore[no-any-return]


def detail(response: HttpResponse) -> Any:
    return json.loads(response.content)['detail'][0]


class TwoFormats(Controller):
    renderers = (JsonRenderer(), TextRenderer())

    def get(self) -> list[int]:
        return [1, 2]

    def post(self) -> list[int]:
        raise APIError('No', status_code=400)


class OneFormat(Controller):
    def get(self) -> list[int]:
        return [1, 2]


def test_a_choice_of_renderers_varies_by_accept():
    """With several renderers, every response names ``Accept`` in ``Vary``.

    The framework's own error answers (the 422 and 406) vary on the language too.
    """
    assert call(TwoFormats, factory.get('/'))['Vary'] == 'Accept'
    assert call(TwoFormats, factory.post('/'))['Vary'] == 'Accept-Language, Accept'
    refused = call(TwoFormats, factory.get('/', HTTP_ACCEPT='image/png'))
    assert refused['Vary'] == 'Accept-Language, Accept'


def test_one_renderer_does_not_vary():
    """With one renderer the answer is the same whatever ``Accept`` says."""
    assert not call(OneFormat, factory.get('/')).has_header('Vary')


class AsyncList(Controller):
    async def get(self) -> list[int]:
        return [1, 2]


@pytest.mark.parametrize('controller', [OneFormat, AsyncList])
def test_head_answers_without_the_body(controller: type[Controller[Any]]):
    """``HEAD`` is ``GET`` without the body, keeping its length and type."""
    get = call(controller, factory.get('/'))
    head = call(controller, factory.head('/'))
    assert head.status_code == 200
    assert head.content == b''
    assert head['Content-Length'] == str(len(get.content))
    assert head['Content-Type'] == get['Content-Type']


class BadHeader(Controller):
    @modify(extra_responses=[ResponseSpec(User, status_code=409)])
    def get(self) -> list[int]:
        raise APIError('Taken', status_code=409, headers={'X-A': 'a\r\nb'})


class AsyncBadHeader(Controller):
    async def get(self) -> list[int]:
        raise APIError('Taken', status_code=409, headers={'X-A': 'a\r\nb'})


@pytest.mark.parametrize('controller', [BadHeader, AsyncBadHeader])
def test_a_header_that_cannot_be_sent_is_a_500_in_the_error_model(
    controller: type[Controller[Any]],
):
    """A header value with CR/LF fails in dmr's response path: an error-model 500."""
    response = call(controller, factory.get('/'))
    assert response.status_code == 500
    assert detail(response) == {
        'msg': 'Internal server error',
        'loc': [],
        'type': 'internal_error',
    }


class Unrenderable(Controller):
    validate_responses = False

    def get(self) -> list[int]:
        raise APIError(object(), status_code=409)


def test_a_body_the_backend_cannot_render_is_a_500_in_the_error_model():
    """Rendering an ``APIError`` body that fails is answered in the error model."""
    response = call(Unrenderable, factory.get('/'))
    assert response.status_code == 500
    assert detail(response)['type'] == 'internal_error'


class BrokenRenderer:
    media_type = 'application/json'

    def render(self, value: Any, adapter: TypeAdapter, /) -> bytes:
        raise RuntimeError('broken')

    def validate(self, content: bytes, adapter: TypeAdapter, /) -> None:
        raise RuntimeError('broken')


class BrokenRendering(Controller):
    renderers = (BrokenRenderer(),)

    def get(self) -> list[int]:
        return [1]


def test_a_renderer_that_fails_for_errors_too_still_answers_the_error_model():
    """When even the error body cannot be rendered, a fixed error model is sent."""
    response = call(BrokenRendering, factory.get('/'))
    assert response.status_code == 500
    assert response['Content-Type'] == 'application/json'
    assert detail(response)['type'] == 'internal_error'


class Recorder(Stage):
    def __init__(self, name: str, log: list[str]) -> None:
        self.name = name
        self.log = log

    def enter(self, exchange: Exchange, /) -> None:
        self.log.append(f'{self.name} in')

    def leave(self, exchange: Exchange, response: Any, /) -> None:
        self.log.append(f'{self.name} out')


class AsyncRecorder(Recorder):
    async def arrive(self, exchange: Exchange) -> None:
        self.log.append(f'{self.name} in, async')

    def enter_async(self, exchange: Exchange, /) -> Any:
        return self.arrive(exchange)


class Silent(Stage):
    """A stage that does nothing on either way."""


def exchange() -> Exchange:
    return Exchange(factory.get('/'), None, {}, JsonRenderer())


def test_stages_enter_in_order_and_leave_in_reverse():
    """Entries keep the sequence; exits unwind it; a stage with nothing to do is left out."""
    log: list[str] = []
    stages = (Recorder('a', log), Silent(), Recorder('b', log))
    for enter in entries(stages, is_async=False):
        enter(exchange())
    for leave in exits(stages):
        leave(exchange(), HttpResponse())
    assert log == ['a in', 'b in', 'b out', 'a out']
    assert len(entries(stages, is_async=False)) == 2


def test_async_endpoints_take_the_async_path_of_a_stage():
    """A stage with an async path gives it to async endpoints, its sync one to sync ones."""
    log: list[str] = []
    stages = (AsyncRecorder('a', log), Recorder('b', log))

    async def run_async() -> None:
        for enter in entries(stages, is_async=True):
            pending = enter(exchange())
            if pending is not None:
                await pending

    asyncio.run(run_async())
    for enter in entries(stages, is_async=False):
        enter(exchange())
    assert log == ['a in, async', 'b in', 'a in', 'b in']


def test_the_default_async_path_is_the_sync_one():
    """``enter_async`` of a stage without one runs ``enter`` and has nothing to await."""
    log: list[str] = []
    assert Recorder('a', log).enter_async(exchange()) is None
    assert log == ['a in']


def test_an_async_endpoint_awaits_its_async_stages():
    """The async pipeline awaits what a stage's async path returns."""
    log: list[str] = []
    endpoint = AsyncList.compiled().endpoints['GET']
    endpoint.entries = (*endpoint.entries, AsyncRecorder('auth', log).enter_async)
    try:
        response = call(AsyncList, factory.get('/'))
    finally:
        AsyncList._compiled = None
    assert response.status_code == 200
    assert log == ['auth in, async']
