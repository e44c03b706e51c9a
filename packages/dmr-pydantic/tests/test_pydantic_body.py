"""Request bodies over HTTP: valid JSON and every kind of invalid input."""

import json

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

JSON = 'application/json'


def post(client: Client, url: str, content: bytes) -> tuple[int, dict]:
    # CONTENT_TYPE again: Django's client drops `content_type` for empty data.
    response = client.post(url, content, content_type=JSON, CONTENT_TYPE=JSON)
    return response.status_code, response.json()


def test_every_error_of_a_body_is_reported(client):
    """pydantic reports each invalid field, not only the first."""
    status, body = post(client, '/api/constrained/', b'{"age": -1, "name": "a"}')

    assert status == 400
    assert [detail['loc'] for detail in body['detail']] == [['body', 'age'], ['body', 'name']]


def test_json_body_is_strict_by_default(client):
    """JSON bodies are strict by default: a number sent as a string is a `type_error`."""
    status, body = post(client, '/api/constrained/', b'{"age": "30"}')

    assert status == 400
    assert body['detail'][0]['type'] == 'type_error'


def test_text_that_is_no_number_is_a_type_error(client):
    """Text where a number is declared, and not a number, is a `type_error`."""
    status, body = post(client, '/api/constrained/', b'{"age": "thirty"}')

    assert status == 400
    [detail] = body['detail']
    assert detail['loc'] == ['body', 'age']
    assert detail['type'] == 'type_error'


def test_unknown_field_on_a_forbidding_model_is_extra_forbidden(client):
    """`extra='forbid'` reports the unknown field at its own loc."""
    status, body = post(client, '/api/strict/', b'{"name": "a", "nickname": "b"}')

    assert status == 400
    assert body['detail'] == [
        {
            'msg': 'This field is not allowed.',
            'loc': ['body', 'nickname'],
            'type': 'extra_forbidden',
        },
    ]


def test_unknown_field_is_ignored_by_default(client):
    """Models without `extra='forbid'` ignore unknown fields."""
    status, _ = post(client, '/api/users/', b'{"email": "a@example.com", "x": 1}')

    assert status == 201


@pytest.mark.parametrize(
    ('payload', 'loc', 'error_type'),
    [
        ({'ratio': 0}, ['body', 'ratio'], 'out_of_range'),
        ({'ratio': 1}, ['body', 'ratio'], 'out_of_range'),
        ({'tags': ['a', 'b', 'c']}, ['body', 'tags'], 'too_long'),
        ({'color': 'blue'}, ['body', 'color'], 'invalid_choice'),
        ({'ref': 'not-a-uuid'}, ['body', 'ref'], 'invalid_format'),
        ({'tags': ['a', 1]}, ['body', 'tags', 1], 'type_error'),
        ({'age': 1.5}, ['body', 'age'], 'type_error'),
        ({'age': None}, ['body', 'age'], 'type_error'),
    ],
)
def test_constraint_violations_map_to_the_shared_vocabulary(
    client,
    payload,
    loc,
    error_type,
):
    """Each constraint and value check has its own error type."""
    status, body = post(client, '/api/constrained/', json.dumps(payload).encode())

    assert status == 400
    [detail] = body['detail']
    assert detail['loc'] == loc
    assert detail['type'] == error_type


def test_integer_far_out_of_range_is_out_of_range(client):
    """An integer of 100 digits is `out_of_range` at its field."""
    status, body = post(client, '/api/constrained/', b'{"age": ' + b'9' * 100 + b'}')

    assert status == 400
    assert [(d['loc'], d['type']) for d in body['detail']] == [(['body', 'age'], 'out_of_range')]


def test_integer_too_long_to_read_is_refused_with_400(client):
    """An integer literal of 5,000 digits is refused, not a 500."""
    status, body = post(client, '/api/constrained/', b'{"age": ' + b'9' * 5000 + b'}')

    assert status == 400
    [detail] = body['detail']
    assert detail['type'] in {'parse_error', 'out_of_range'}


def test_body_of_many_invalid_items_gets_a_bounded_answer(client):
    """50,000 invalid list items are answered with the first 100 errors."""
    content = b'{"addresses": [' + b','.join([b'{}'] * 50_000) + b']}'

    status, body = post(client, '/api/nested/', content)

    assert status == 400
    assert len(body['detail']) == 100
    assert body['detail'][-1]['loc'] == ['body', 'addresses', 99, 'city']


@settings(max_examples=200, deadline=None)
@given(content=st.binary(max_size=64) | st.text(max_size=64).map(str.encode))
def test_arbitrary_json_bodies_never_cause_a_server_error(content):
    """Whatever the bytes, a JSON body is answered with 201 or 400."""
    response = Client().post('/api/users/', content, content_type=JSON, CONTENT_TYPE=JSON)

    assert response.status_code in {201, 400}
