"""``error_format = 'problem_details'``: RFC 9457 error bodies, opt in."""

import json
from typing import Any

import pytest
from django.test import RequestFactory, override_settings
from openapi_spec_validator import validate

from dmr import APIError, Body, Controller, ResponseSpec, modify
from dmr.errors import EndpointDefinitionError, ProblemDetails
from dmr.openapi import OpenAPIConfig, build_schema
from dmr.routing import Router, path
from tests.models import User, UserCreate

factory = RequestFactory()
PROBLEMS = {'serializer': 'tests.stub_backend.StubSerializer', 'error_format': 'problem_details'}


class Problems(Controller):
    @modify(extra_responses=[ResponseSpec(ProblemDetails, status_code=404)])
    def post(self, user: Body[UserCreate]) -> User:
        raise APIError('No such user', status_code=404, loc=['body', 'email'])

    def get(self) -> User:
        raise RuntimeError('boom')


class PerController(Controller):
    error_format = 'problem_details'

    def post(self, user: Body[UserCreate]) -> UserCreate:
        return user


def post(controller: type[Controller[Any]], payload: bytes) -> Any:
    request = factory.post('/', payload, content_type='application/json')
    return controller.as_view()(request)


@override_settings(DMR_SETTINGS=PROBLEMS)
def test_validation_errors_are_problem_details():
    """A 400 is an RFC 9457 document whose ``errors`` hold the usual details."""
    response = post(Problems, b'{}')
    assert response.status_code == 400
    assert response['Content-Type'] == 'application/problem+json'
    assert json.loads(response.content) == {
        'type': 'about:blank',
        'title': 'Bad Request',
        'status': 400,
        'detail': 'This field is required.',
        'errors': [
            {
                'msg': 'This field is required.',
                'loc': ['body', 'email'],
                'type': 'missing',
            },
        ],
    }


@override_settings(DMR_SETTINGS=PROBLEMS)
def test_message_api_errors_follow_the_format():
    """``APIError('...')`` answers in the configured format, validated as declared."""
    response = post(Problems, b'{"email": "a@b.c"}')
    assert response.status_code == 404
    assert response['Content-Type'] == 'application/problem+json'
    body = json.loads(response.content)
    assert (body['title'], body['detail']) == ('Not Found', 'No such user')
    assert body['errors'][0]['loc'] == ['body', 'email']


@override_settings(DMR_SETTINGS=PROBLEMS)
def test_server_errors_are_problem_details_without_internals():
    """A 500 is a problem document with nothing of the exception in it."""
    response = Problems.as_view()(factory.get('/'))
    assert response.status_code == 500
    assert json.loads(response.content)['detail'] == 'Internal server error'
    assert b'boom' not in response.content


def test_a_controller_can_choose_the_format():
    """``error_format`` on a controller overrides the settings."""
    response = post(PerController, b'[]')
    assert response.status_code == 400
    assert json.loads(response.content)['status'] == 400


def test_unknown_controller_format_is_refused():
    """An unknown ``error_format`` on a controller fails its class, naming the choices."""
    with pytest.raises(EndpointDefinitionError, match='use one of: default, problem_details'):

        class Wrong(Controller):
            error_format = 'xml'

            def get(self) -> int:
                return 1


@pytest.mark.parametrize('version', ['3.0.3', '3.1.0', '3.2.0'])
@override_settings(DMR_SETTINGS=PROBLEMS)
def test_documents_describe_problem_details(version: str):
    """Error responses are documented as ``ProblemDetails`` in ``application/problem+json``."""
    router = Router('api/', [path('problems/', Problems.as_view())])
    document = build_schema(router, OpenAPIConfig(openapi_version=version))
    validate(document)
    responses = document['paths']['/api/problems/']['post']['responses']
    assert responses['400']['content'] == {
        'application/problem+json': {'schema': {'$ref': '#/components/schemas/ProblemDetails'}},
    }
    assert responses['404']['content'].keys() == {'application/problem+json'}
    assert 'ErrorModel' not in document['components']['schemas']


def test_unknown_statuses_get_a_generic_title():
    """A status with no reason phrase is titled by its number; no details, no message."""
    from dmr.errors import problem_details

    assert problem_details(599, []) == {
        'type': 'about:blank',
        'title': 'Status 599',
        'status': 599,
        'detail': 'Status 599',
        'errors': [],
    }
