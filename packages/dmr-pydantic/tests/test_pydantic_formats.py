"""Formats other than JSON go through the adapters' Python mode."""

import json

import pytest

PLAIN = 'application/x-plain-json'

EVERYTHING = {
    'moment': '2024-05-06T07:08:09.123456Z',
    'day': '2024-05-06',
    'clock': '07:08:09',
    'span': 'P1DT2H3M4.5S',
    'ident': '12345678-1234-5678-1234-567812345678',
    'amount': '12.50',
    'color': 'green',
    'level': 2,
    'pair': [1, 'a'],
    'rest': [1, 2, 3],
    'ids': [3],
    'names': ['x'],
    'scores': {'1': 0.5},
    'raw': 'bytes',
}


@pytest.mark.parametrize('accept', ['application/json', PLAIN])
@pytest.mark.parametrize('content_type', ['application/json', PLAIN])
def test_every_json_type_round_trips_through_strict_response_validation(
    client,
    content_type,
    accept,
):
    """Dates, UUIDs, decimals, enums, tuples and sets pass strict validation
    of what was rendered, in JSON and through Python mode alike."""
    response = client.post(
        '/api/everything/',
        json.dumps(EVERYTHING).encode(),
        content_type=content_type,
        headers={'Accept': accept},
    )

    assert response.status_code == 201, response.content
    assert response['Content-Type'] == accept
    assert json.loads(response.content) == EVERYTHING


def test_python_mode_body_coerces_text(client):
    """A body parsed by another parser is validated like query data: lax."""
    response = client.post('/api/constrained/', b'{"age": "31"}', content_type=PLAIN)

    assert response.status_code == 201
    assert response.json()['age'] == 31


def test_python_mode_body_errors_are_located(client):
    """Errors of a body parsed by another parser are located like JSON ones."""
    response = client.post('/api/nested/', b'{"addresses": [{}]}', content_type=PLAIN)

    assert response.status_code == 400
    assert response['Content-Type'] == 'application/json'
    assert response.json()['detail'] == [
        {
            'msg': 'This field is required.',
            'loc': ['body', 'addresses', 0, 'city'],
            'type': 'missing',
        },
    ]


def test_errors_are_rendered_in_the_negotiated_format(client):
    """The error model goes through the negotiated renderer too."""
    response = client.post(
        '/api/users/',
        b'{}',
        content_type='application/json',
        headers={'Accept': PLAIN},
    )

    assert response.status_code == 400
    assert response['Content-Type'] == PLAIN
    assert json.loads(response.content)['detail'][0]['loc'] == ['body', 'email']
