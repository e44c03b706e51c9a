"""``Vary: Accept-Language`` in the OpenAPI document: documented exactly where it is sent.

While ``USE_I18N`` is on, every answer in the error model carries
``Vary: Accept-Language`` (its messages are in the request's language), and
the document says so on those responses, in every OpenAPI version; answers
in another model, successes and everything with ``USE_I18N`` off carry
neither the header nor its documentation.
"""

import json
from typing import Any

import pytest
from django.test import RequestFactory, override_settings

from dmr import APIError, Body, Controller, ResponseSpec, modify
from dmr.errors import ErrorModel
from tests.models import Conflict, UserCreate
from tests.openapi_support import VERSIONS, document, operation, served

factory = RequestFactory()


class Accounts(Controller):
    @modify(
        extra_responses=[
            ResponseSpec(Conflict, status_code=409),
            ResponseSpec(ErrorModel, status_code=404),
            ResponseSpec(ErrorModel, status_code=410),
        ],
    )
    def post(self, user: Body[UserCreate]) -> UserCreate:
        if user.email == 'taken':
            raise APIError(Conflict(reason='taken'), status_code=409)
        if user.email == 'gone':
            raise APIError({'detail': [{'msg': 'Gone for good'}]}, status_code=410)
        if user.email == 'nobody':
            raise APIError('No such account', status_code=404)
        return user


def _headers(version: str = '3.1.0') -> dict[str, set[str]]:
    responses = operation(document(served(Accounts), openapi_version=version), 'post')['responses']
    return {status: set(response.get('headers', ())) for status, response in responses.items()}


def _post(body: bytes) -> Any:
    request = factory.post('/', body, content_type='application/json')
    return Accounts.as_view()(request)


@pytest.mark.parametrize('version', VERSIONS)
def test_error_model_answers_document_vary(version: str) -> None:
    """Each error-model response documents ``Vary``; the success and the ``Conflict`` do not."""
    assert _headers(version) == {
        '201': set(),
        '400': {'Vary'},
        '404': {'Vary'},
        '406': {'Vary'},
        '409': set(),
        '410': {'Vary'},
        '415': {'Vary'},
        '422': {'Vary'},
    }


def test_vary_is_described_as_a_string_header() -> None:
    """The documented header is a string that names ``Accept-Language``."""
    responses = operation(document(served(Accounts)), 'post')['responses']
    vary = responses['400']['headers']['Vary']
    assert vary['schema'] == {'type': 'string'}
    assert '`Accept-Language`' in vary['description']


@override_settings(USE_I18N=False)
def test_nothing_documented_without_translation() -> None:
    """With ``USE_I18N`` off no answer varies by language, and none documents it."""
    assert not any(_headers().values())


@pytest.mark.parametrize(
    ('email', 'status'),
    [('taken', 409), ('gone', 410), ('nobody', 404), ('ada', 201)],
)
def test_the_wire_matches_the_document(email: str, status: int) -> None:
    """An answer sends ``Vary: Accept-Language`` exactly when its status documents it."""
    response = _post(json.dumps({'email': email}).encode())
    assert response.status_code == status
    sends = 'Accept-Language' in response.get('Vary', '')
    assert sends is ('Vary' in _headers()[str(status)])


def test_a_framework_answer_matches_the_document() -> None:
    """A 400 of the parse stage sends the header its documentation announces."""
    response = _post(b'{')
    assert response.status_code == 400
    assert response['Vary'] == 'Accept-Language'
    assert 'Vary' in _headers()['400']


@override_settings(USE_I18N=False)
def test_no_header_sent_without_translation() -> None:
    """With ``USE_I18N`` off an error answer in the error model sends no ``Vary``."""
    response = _post(json.dumps({'email': 'nobody'}).encode())
    assert response.status_code == 404
    assert not response.has_header('Vary')
