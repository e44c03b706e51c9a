"""Request bodies through HTTP: JSON is structured strictly, errors are located."""

import json

import pytest


def _post(client, url, body, **kwargs):
    content = body if isinstance(body, bytes) else json.dumps(body)
    return client.post(url, content, content_type='application/json', **kwargs)


@pytest.mark.parametrize(
    ('body', 'loc', 'error_type'),
    [
        ({'email': 'ab'}, ['body', 'email'], 'too_short'),
    ],
    ids=['validator'],
)
def test_invalid_body_is_answered_with_one_located_error(client, body, loc, error_type):
    """Each mistake has its `loc` under `body` and its shared `type`."""
    response = _post(client, '/api/users/', body)

    assert response.status_code == 400
    [detail] = response.json()['detail']
    assert (detail['loc'], detail['type']) == (loc, error_type)


def test_json_text_is_not_coerced(client):
    """JSON carries its own types: the string "1" is not an integer."""
    response = _post(client, '/api/list/', ['1'])

    assert response.status_code == 400
    assert response.json()['detail'][0]['loc'] == ['body', 0]


def test_every_error_of_a_body_is_reported_with_its_path(client):
    """cattrs collects every error: list indices, dict keys and nested fields."""
    response = _post(
        client,
        '/api/profile/',
        {
            'addresses': [{'city': 'Oslo', 'zip_code': '0150'}, {'zip_code': '12345'}],
            'skills': {'python': {'name': 'Python', 'level': 'guru'}},
            'scores': [1, -2],
            'best': {'name': 3},
        },
    )

    assert response.status_code == 400
    assert [(d['loc'], d['type']) for d in response.json()['detail']] == [
        (['body', 'addresses', 0, 'zip_code'], 'pattern_mismatch'),
        (['body', 'addresses', 1, 'city'], 'missing'),
        (['body', 'skills', 'python', 'level'], 'invalid_choice'),
        (['body', 'best', 'name'], 'type_error'),
    ]


def test_validators_are_located_after_the_types_are_right(client):
    """attrs validators run once every field has the right type; each is located."""
    response = _post(client, '/api/profile/', {'addresses': [], 'scores': [1, -2, 3, 4]})

    assert [(d['loc'], d['type']) for d in response.json()['detail']] == [
        (['body', 'scores'], 'too_long'),
        (['body', 'scores', 1], 'out_of_range'),
    ]


def test_unknown_fields_are_allowed_by_default(client):
    """Without `forbid_extra_keys`, unknown keys are ignored."""
    response = _post(client, '/api/profile/', {'addresses': [], 'unknown': 1})

    assert response.status_code == 201


def test_forbidden_unknown_fields_are_each_reported(client):
    """With `forbid_extra_keys`, each unknown key is an `extra_forbidden` error."""
    response = _post(client, '/api/preferences/', {'theme': 'dark', 'b': 1, 'a': 2})

    assert response.status_code == 400
    assert [(d['loc'], d['type']) for d in response.json()['detail']] == [
        (['body', 'a'], 'extra_forbidden'),
        (['body', 'b'], 'extra_forbidden'),
    ]


def test_nesting_too_deep_for_an_any_field_is_a_parse_error(client):
    """20,000 nested arrays never reach the converter, and are no server error."""
    body = b'{"data": ' + b'[' * 20_000 + b']' * 20_000 + b'}'

    response = _post(client, '/api/any/', body)

    assert response.status_code == 400
    assert response.json()['detail'][0]['type'] == 'parse_error'


def test_typed_dict_bodies_are_supported(client):
    """`TypedDict` bodies are structured like classes."""
    assert _post(client, '/api/point/', {'x': 1, 'y': 2}).json() == {'x': 1, 'y': 2}
    response = _post(client, '/api/point/', {'x': 1})
    assert response.json()['detail'][0]['loc'] == ['body', 'y']


def test_temporal_values_keep_their_wire_format(client):
    """Datetimes keep their offset (`Z` for UTC) and durations are ISO 8601."""
    body = {'at': '2024-01-02T03:04:05+02:00', 'took': 'P1DT30S'}

    assert _post(client, '/api/event/', body).json() == body
    utc = {'at': '2024-01-02T03:04:05Z', 'took': 'PT0.5S'}
    assert _post(client, '/api/event/', utc).json() == utc
