"""Response validation: what an endpoint returns must match its declaration."""

import json

from django.test import Client

PLAIN = 'application/x-plain-json'


def test_wrong_shape_in_another_format_is_answered_with_422(client):
    """Python-mode rendering is validated the same way."""
    response = client.get('/api/wrong-shape/', headers={'Accept': PLAIN})

    assert response.status_code == 422
    assert response['Content-Type'] == PLAIN
    assert json.loads(response.content)['detail'][0]['loc'] == ['response', 'uid']


def test_unencodable_value_is_answered_with_422(client, settings):
    """A value pydantic cannot serialize is a `type_error`, not a server error."""
    settings.DEBUG = True
    response = client.get('/api/unencodable/')

    assert response.status_code == 422
    assert response.json()['detail'] == [
        {
            'msg': "Unable to serialize unknown type: <class 'pydantic_controllers.Unencodable'>",
            'loc': ['response'],
            'type': 'type_error',
        },
    ]


def test_unencodable_value_in_another_format_is_answered_with_422(client):
    """Unstructuring for another format fails the same way as JSON encoding."""
    response = client.get('/api/unencodable/', headers={'Accept': PLAIN})

    assert response.status_code == 422
    assert json.loads(response.content)['detail'][0]['type'] == 'type_error'


def test_wrong_shape_without_validation_is_a_server_error():
    """With validation off, a value the model cannot render is a bug: a 500, not sent as it is."""
    client = Client(raise_request_exception=False)

    response = client.get('/api/unvalidated/wrong-shape/')

    assert response.status_code == 500
    assert response.json()['detail'][0]['type'] == 'internal_error'


def test_unencodable_value_without_validation_is_a_server_error():
    """With validation off, an unencodable value is a bug: a 500, no internals."""
    client = Client(raise_request_exception=False)

    response = client.get('/api/unvalidated/unencodable/')

    assert response.status_code == 500
    assert response.json()['detail'] == [
        {'msg': 'Internal server error', 'loc': [], 'type': 'internal_error'},
    ]
