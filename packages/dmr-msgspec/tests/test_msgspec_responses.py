"""Response validation: what an endpoint returns must match its declaration."""

from django.test import Client


def test_unencodable_value_is_answered_with_422(client, settings):
    """A value msgspec cannot encode is a `type_error`, not a server error."""
    settings.DEBUG = True
    response = client.get('/api/unencodable/')

    assert response.status_code == 422
    assert response.json()['detail'] == [
        {
            'msg': 'Encoding objects of type Unencodable is unsupported',
            'loc': ['response'],
            'type': 'type_error',
        },
    ]


def test_unencodable_value_as_msgpack_is_answered_with_422(client):
    """Unstructuring for msgpack fails the same way as JSON encoding."""
    response = client.get('/api/unencodable/', headers={'Accept': 'application/msgpack'})

    assert response.status_code == 422


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
