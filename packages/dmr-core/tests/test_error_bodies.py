"""Error bodies an endpoint sends are checked against ``ErrorModel`` or ``ProblemDetails``."""

import asyncio
import json
from typing import Any

import pytest
from django.test import RequestFactory

from dmr import APIError, Body, Controller, ResponseSpec, modify
from dmr.errors import ErrorModel, ProblemDetails
from tests.adapter_backends import NoAnySerializer

factory = RequestFactory()


class Raising(Controller):
    @modify(extra_responses=[ResponseSpec(ErrorModel, status_code=404)])
    def post(self, body: Body[Any]) -> int:
        raise APIError(body, status_code=404)


class RaisingAsync(Controller[NoAnySerializer]):
    @modify(extra_responses=[ResponseSpec(ErrorModel, status_code=404)])
    async def post(self, body: Body[Any]) -> int:
        raise APIError(body, status_code=404)


class RaisingProblems(Controller):
    error_format = 'problem_details'

    @modify(extra_responses=[ResponseSpec(ProblemDetails, status_code=404)])
    def post(self, body: Body[Any]) -> int:
        raise APIError(body, status_code=404)


class Echo(Controller):
    def post(self, body: Body[ErrorModel]) -> int:
        return len(body)


def send(controller: type[Controller[Any]], body: Any) -> Any:
    request = factory.post('/', json.dumps(body), content_type='application/json')
    response = controller.as_view()(request)
    if asyncio.iscoroutine(response):
        response = asyncio.run(response)
    return response


def details(response: Any) -> list[tuple[list[str | int], str]]:
    return [(detail['loc'], detail['type']) for detail in json.loads(response.content)['detail']]


def test_a_valid_error_body_is_sent_as_it_is():
    """A body of the error model's shape passes; keys it does not name go through."""
    body = {'detail': [{'msg': 'gone', 'loc': ['path', 0], 'type': 'not_found'}], 'hint': 'x'}
    response = send(Raising, body)
    assert (response.status_code, json.loads(response.content)) == (404, body)


@pytest.mark.parametrize(
    ('body', 'expected'),
    [
        ({'oops': 1}, [(['response', 'detail'], 'missing')]),
        ({'detail': 'gone'}, [(['response', 'detail'], 'type_error')]),
        ({'detail': ['gone']}, [(['response', 'detail', 0], 'type_error')]),
        ({'detail': [{'loc': []}]}, [(['response', 'detail', 0, 'msg'], 'missing')]),
        (
            {'detail': [{'msg': 'm', 'loc': [1.5], 'type': 3}]},
            [
                (['response', 'detail', 0, 'loc', 0], 'type_error'),
                (['response', 'detail', 0, 'type'], 'type_error'),
            ],
        ),
        ([], [(['response'], 'type_error')]),
    ],
    ids=['missing', 'not-a-list', 'not-an-object', 'no-msg', 'bad-loc-and-type', 'array'],
)
def test_an_error_body_of_the_wrong_shape_is_a_422(body, expected):
    """Each mistake in an error body is located under ``response`` with its type."""
    response = send(Raising, body)
    assert response.status_code == 422
    assert details(response) == expected


def test_an_error_body_of_the_wrong_shape_is_a_422_async():
    """The same check for an async endpoint of a backend without ``Any``."""
    response = send(RaisingAsync, {'detail': 'gone'})
    assert response.status_code == 422
    assert json.loads(response.content)['detail'][0]['loc'] == ['response', 'detail']


def test_problem_details_of_the_wrong_shape_are_a_422():
    """``ProblemDetails`` bodies are checked field by field too."""
    body = {'type': 'about:blank', 'title': 'Gone', 'status': '404', 'detail': 'd', 'errors': []}
    response = send(RaisingProblems, body)
    assert response.status_code == 422
    [detail] = json.loads(response.content)['errors']
    assert (detail['loc'], detail['type']) == (['response', 'status'], 'type_error')


def test_a_request_body_annotated_with_the_error_model_is_not_checked():
    """No request carries an error body: one annotated so is read as any JSON value."""
    response = send(Echo, {'anything': 1, 'else': 2})
    assert (response.status_code, response.content) == (201, b'2')
