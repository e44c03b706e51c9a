"""The core compiles adapters once, and answers ``Any`` and its error bodies itself."""

import asyncio
import json
from typing import Annotated, Any

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from dmr import Body, Controller, Query, ResponseSpec, validate
from dmr._adapters import adapter_for
from dmr.renderers import JsonRenderer
from tests.adapter_backends import CountingSerializer, NoAnySerializer, UnhashableSerializer
from tests.models import UserCreate
from tests.renderers import TextRenderer
from tests.stub_backend import StubSerializer

factory = RequestFactory()


def post(controller: type[Controller[Any]], body: bytes, **headers: str) -> Any:
    request = factory.post('/', body, content_type='application/json', headers=headers)
    return controller.as_view()(request)


class Tagged:
    """Marks an annotation ``Annotated`` with metadata that cannot be hashed."""


UNHASHABLE_USER = Annotated[UserCreate, {'tag': Tagged}]


class CountedFirst(Controller[CountingSerializer]):
    def post(self, user: Body[UserCreate]) -> UserCreate:
        return user


class CountedSecond(Controller[CountingSerializer]):
    def post(self, user: Body[UserCreate]) -> UserCreate:
        return user


class UnhashableFirst(Controller[CountingSerializer]):
    def post(self, user: Body[UNHASHABLE_USER]) -> int:  # type: ignore[valid-type]
        return 1


class UnhashableSecond(Controller[CountingSerializer]):
    def post(self, user: Body[UNHASHABLE_USER]) -> int:  # type: ignore[valid-type]
        return 2


class UncachedFirst(Controller[UnhashableSerializer]):
    def post(self, user: Body[UserCreate]) -> UserCreate:
        return user


class UncachedSecond(Controller[UnhashableSerializer]):
    async def post(self, user: Body[UserCreate]) -> UserCreate:
        return user


def test_endpoints_sharing_a_model_share_its_adapters():
    """Two endpoints of one backend with the same model compile it once per direction."""
    assert post(CountedFirst, b'{"email": "a@example.com"}').status_code == 201
    assert post(CountedSecond, b'{"email": "b@example.com"}').status_code == 201
    assert CountingSerializer.compiled[repr(UserCreate), 'request'] == 1
    assert CountingSerializer.compiled[repr(UserCreate), 'response'] == 1


def compiled_afresh(*controllers: type[Controller[Any]]) -> None:
    """Compile ``controllers`` again, as after a settings change."""
    for controller in controllers:
        controller._compiled = None
        controller.compiled()


def test_an_unhashable_annotation_is_compiled_each_time():
    """An annotation that cannot be hashed is compiled for each endpoint, and works."""
    before = CountingSerializer.compiled[repr(UNHASHABLE_USER), 'request']
    compiled_afresh(UnhashableFirst, UnhashableSecond)
    assert post(UnhashableFirst, b'{"email": "a@example.com"}').content == b'1'
    assert post(UnhashableSecond, b'{"email": "a@example.com"}').content == b'2'
    assert CountingSerializer.compiled[repr(UNHASHABLE_USER), 'request'] - before == 2


def test_a_serializer_that_cannot_be_hashed_gets_no_cache():
    """A backend instance the core cannot key a cache on is asked for every adapter."""
    before = UnhashableSerializer.compiled[repr(UserCreate), 'request']
    compiled_afresh(UncachedFirst, UncachedSecond)
    assert post(UncachedFirst, b'{"email": "a@example.com"}').status_code == 201
    assert UnhashableSerializer.compiled[repr(UserCreate), 'request'] - before == 2


def test_a_serializer_that_cannot_be_hashed_serves_async_endpoints():
    """An async endpoint of a backend without a cache serves requests."""
    request = factory.post('/', b'{"email": "a@example.com"}', content_type='application/json')
    response = asyncio.run(UncachedSecond.as_view()(request))
    assert (response.status_code, response.content) == (201, b'{"email":"a@example.com"}')


def test_an_unknown_direction_is_refused():
    """The direction is checked once, by the core, before any backend is asked."""
    with pytest.raises(ValueError, match="not 'sideways'"):
        adapter_for(StubSerializer(), int, 'sideways')  # type: ignore[arg-type]


# A backend without `Any`: the core's own JSON pass-through adapter.


class NoAny(Controller[NoAnySerializer]):
    renderers = (JsonRenderer(), TextRenderer())

    def post(self, user: Body[UserCreate]) -> UserCreate:
        return user


class NoAnyAsync(Controller[NoAnySerializer]):
    async def post(self, user: Body[UserCreate]) -> UserCreate:
        return user


class NoAnyProblems(Controller[NoAnySerializer]):
    error_format = 'problem_details'

    def post(self, user: Body[UserCreate]) -> UserCreate:
        return user


class NoAnyUndeclared(Controller[NoAnySerializer]):
    validate_responses = False

    @validate(ResponseSpec(UserCreate, status_code=200))
    def post(self, body: Body[Any]) -> HttpResponse:
        return self.to_response(body, status_code=299)


class NoAnyDeclared(Controller[NoAnySerializer]):
    @validate(ResponseSpec(Any, status_code=200))
    def post(self, body: Body[Any]) -> HttpResponse:
        return HttpResponse(body['content'], status=200, content_type='application/json')


class NoAnyQuery(Controller[NoAnySerializer]):
    def get(self, query: Query[Any]) -> Any:
        return query


MISSING_EMAIL = {'msg': 'This field is required.', 'loc': ['body', 'email']}


def test_error_bodies_need_no_backend_support():
    """A backend that knows neither ``Any`` nor TypedDicts answers errors in the error model."""
    response = post(NoAny, b'{}')
    assert response.status_code == 400
    assert json.loads(response.content) == {'detail': [{**MISSING_EMAIL, 'type': 'missing'}]}


def test_error_bodies_need_no_backend_support_async():
    """The same for an async endpoint."""
    request = factory.post('/', b'{}', content_type='application/json')
    response = asyncio.run(NoAnyAsync.as_view()(request))
    assert response.status_code == 400
    assert json.loads(response.content) == {'detail': [{**MISSING_EMAIL, 'type': 'missing'}]}


def test_problem_details_need_no_backend_support():
    """RFC 9457 bodies are written by the core's pass-through adapter as well."""
    response = post(NoAnyProblems, b'{}')
    assert (response.status_code, response['Content-Type']) == (400, 'application/problem+json')
    assert json.loads(response.content)['errors'] == [{**MISSING_EMAIL, 'type': 'missing'}]


def test_error_bodies_reach_other_renderers_as_plain_values():
    """Renderers of other media types receive the error body as plain values."""
    response = post(NoAny, b'{}', accept='text/plain')
    assert response.status_code == 400
    assert response.content.decode() == repr({'detail': [{**MISSING_EMAIL, 'type': 'missing'}]})


def test_undeclared_responses_are_written_as_compact_utf8_json():
    """With validation off, an undeclared status renders its value as compact UTF-8 JSON."""
    response = post(NoAnyUndeclared, '{"name": "Zoë", "tags": [1, 2.5]}'.encode())
    assert (response.status_code, response.content) == (
        299,
        '{"name":"Zoë","tags":[1,2.5]}'.encode(),
    )


def test_an_any_body_that_is_not_json_is_a_parse_error():
    """Malformed JSON for ``Body[Any]`` answers 400, ``parse_error`` at ``body``."""
    response = post(NoAnyDeclared, b'{"content": ')
    assert response.status_code == 400
    [detail] = json.loads(response.content)['detail']
    assert (detail['loc'], detail['type']) == (['body'], 'parse_error')


def test_a_response_that_is_not_json_is_refused():
    """A hand-built response declared ``Any`` that is not JSON answers 422."""
    response = post(NoAnyDeclared, b'{"content": "NaN"}')
    assert response.status_code == 422
    [detail] = json.loads(response.content)['detail']
    assert (detail['loc'], detail['type']) == (['response'], 'parse_error')


def test_a_value_json_cannot_hold_is_refused():
    """A value the standard library's JSON cannot write answers 422, ``type_error``."""

    class Unwritable(Controller[NoAnySerializer]):
        validate_responses = False

        @validate(ResponseSpec(UserCreate, status_code=201))
        def get(self) -> HttpResponse:
            return self.to_response({1, 2}, status_code=200)

    response = Unwritable.as_view()(factory.get('/'))
    assert response.status_code == 422
    [detail] = json.loads(response.content)['detail']
    assert (detail['loc'], detail['type']) == (['response'], 'type_error')


def test_an_any_query_receives_the_query_as_it_is():
    """``Query[Any]`` receives the parsed query string unchanged."""
    response = NoAnyQuery.as_view()(factory.get('/?page=2'))
    assert (response.status_code, json.loads(response.content)) == (200, {'page': '2'})
