"""Dataclasses, TypedDicts and attrs classes work like Structs."""

import pytest


@pytest.mark.parametrize('url', ['/api/dataclass/', '/api/typeddict/', '/api/attrs/'])
def test_valid_body_round_trips(client, url):
    """Each model flavour decodes the body and encodes the result."""
    response = client.post(url, b'{"x": 1, "y": 2}', content_type='application/json')

    assert response.status_code == 201
    assert response.json() == {'x': 1, 'y': 2}


@pytest.mark.parametrize('url', ['/api/dataclass/', '/api/typeddict/', '/api/attrs/'])
def test_missing_field_is_missing(client, url):
    """Each model flavour reports a missing field at its name."""
    response = client.post(url, b'{"y": 2}', content_type='application/json')

    assert response.status_code == 400
    assert response.json()['detail'] == [
        {
            'msg': 'This field is required.',
            'loc': ['body', 'x'],
            'type': 'missing',
        },
    ]


@pytest.mark.parametrize('url', ['/api/dataclass/', '/api/typeddict/', '/api/attrs/'])
def test_wrong_field_type_is_a_type_error(client, url):
    """Each model flavour reports a wrong type at the field."""
    response = client.post(url, b'{"x": "1", "y": 2}', content_type='application/json')

    assert response.status_code == 400
    assert response.json()['detail'][0]['loc'] == ['body', 'x']
    assert response.json()['detail'][0]['type'] == 'type_error'


def test_attrs_validator_failure_is_a_value_error(client):
    """An attrs validator's error becomes a 400 `value_error`."""
    response = client.post('/api/attrs/', b'{"x": -1}', content_type='application/json')

    assert response.status_code == 400
    assert response.json()['detail'] == [
        {'msg': "'x' must be >= 0: -1", 'loc': ['body'], 'type': 'value_error'},
    ]
