"""Dataclasses and TypedDicts work like models; aliases and unions over HTTP."""

import pytest

FLAVOURS = [
    '/api/dataclass/',
    '/api/pydantic-dataclass/',
    '/api/typeddict/',
    '/api/extensions-typeddict/',
    '/api/validated/',
]


@pytest.mark.parametrize('url', FLAVOURS)
def test_valid_body_round_trips(client, url):
    """Each model flavour decodes the body and encodes the result."""
    response = client.post(url, b'{"x": 1, "y": 2}', content_type='application/json')

    assert response.status_code == 201
    assert response.json() == {'x': 1, 'y': 2}


@pytest.mark.parametrize('url', FLAVOURS)
def test_missing_field_is_missing(client, url):
    """Each model flavour reports a missing field at its name."""
    response = client.post(url, b'{"y": 2}', content_type='application/json')

    assert response.status_code == 400
    assert response.json()['detail'] == [
        {'msg': 'This field is required.', 'loc': ['body', 'x'], 'type': 'missing'},
    ]


@pytest.mark.parametrize('url', FLAVOURS)
def test_wrong_field_type_is_a_type_error(client, url):
    """Each model flavour reports a wrong type at the field."""
    response = client.post(url, b'{"x": [1], "y": 2}', content_type='application/json')

    assert response.status_code == 400
    assert response.json()['detail'][0]['loc'] == ['body', 'x']
    assert response.json()['detail'][0]['type'] == 'type_error'


def test_validator_failure_is_a_value_error(client):
    """A field validator's `ValueError` becomes a 400 `value_error` at the field."""
    response = client.post('/api/validated/', b'{"x": -1}', content_type='application/json')

    assert response.status_code == 400
    assert response.json()['detail'] == [
        {'msg': 'Value error, x must be >= 0', 'loc': ['body', 'x'], 'type': 'value_error'},
    ]


def test_aliases_are_read_and_written(client):
    """A body sent by alias is answered by alias."""
    response = client.post(
        '/api/aliased/',
        b'{"userName": "ann", "tagList": ["a"]}',
        content_type='application/json',
    )

    assert response.status_code == 201
    assert response.json() == {'userName': 'ann', 'tagList': ['a']}


def test_names_are_read_when_the_config_allows_it(client):
    """`validate_by_name=True` accepts field names; the answer still uses aliases."""
    response = client.post(
        '/api/aliased/',
        b'{"user_name": "ann"}',
        content_type='application/json',
    )

    assert response.status_code == 201
    assert response.json() == {'userName': 'ann', 'tagList': []}


def test_missing_aliased_field_is_located_by_alias(client):
    """The client sees the wire name, the alias, in `loc`."""
    response = client.post('/api/aliased/', b'{}', content_type='application/json')

    assert response.status_code == 400
    assert response.json()['detail'] == [
        {'msg': 'This field is required.', 'loc': ['body', 'userName'], 'type': 'missing'},
    ]


@pytest.mark.parametrize(
    ('payload', 'expected'),
    [
        (b'{"number_or_text": [1]}', [(['body', 'number_or_text'], 'type_error')]),
        (
            b'{"number_or_address": {"city": 1}}',
            [(['body', 'number_or_address', 'city'], 'type_error')],
        ),
        (b'{"number_or_address": "x"}', [(['body', 'number_or_address'], 'type_error')]),
        (b'{"choice_or_number": "c"}', [(['body', 'choice_or_number'], 'invalid_choice')]),
        (b'{"pet": {"kind": "cat"}}', [(['body', 'pet', 'meows'], 'missing')]),
        (b'{"pet": {"kind": "dog", "barks": "x"}}', [(['body', 'pet', 'barks'], 'type_error')]),
        (b'{"pet": {"kind": "cow"}}', [(['body', 'pet'], 'value_error')]),
        (
            b'{"animals": [{"kind": "dog", "barks": "x"}]}',
            [(['body', 'animals', 0, 'barks'], 'type_error')],
        ),
        (
            b'{"animals": [{"meows": 1}, {}]}',
            [(['body', 'animals', 1, 'meows'], 'missing')],
        ),
        (b'{"counts": {"a": "x"}}', [(['body', 'counts', 'a'], 'type_error')]),
    ],
)
def test_union_errors_are_located_in_the_data(client, payload, expected):
    """Union member labels never reach `loc`; the closest member's errors do."""
    response = client.post('/api/unions/', payload, content_type='application/json')

    assert response.status_code == 400
    assert [(detail['loc'], detail['type']) for detail in response.json()['detail']] == expected
