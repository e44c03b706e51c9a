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


def test_json_body_is_not_coerced_from_text(client):
    """JSON carries its own types: a number sent as a string is refused."""
    status, body = post(client, '/api/constrained/', b'{"age": "30"}')

    assert status == 400
    assert body['detail'][0]['loc'] == ['body', 'age']
    assert body['detail'][0]['type'] == 'type_error'


def test_unknown_field_on_a_forbidding_struct_is_extra_forbidden(client):
    """`forbid_unknown_fields` reports the unknown field at its own loc."""
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
    """Structs without `forbid_unknown_fields` ignore unknown fields."""
    status, _ = post(client, '/api/users/', b'{"email": "a@example.com", "x": 1}')

    assert status == 201


@pytest.mark.parametrize(
    ('payload', 'loc', 'error_type'),
    [
        ({'tags': ['a', 'b', 'c']}, ['body', 'tags'], 'too_long'),
        ({'color': 'blue'}, ['body', 'color'], 'invalid_choice'),
        ({'ref': 'not-a-uuid'}, ['body', 'ref'], 'invalid_format'),
        ({'tags': ['a', 1]}, ['body', 'tags', 1], 'type_error'),
    ],
)
def test_constraint_violations_map_to_the_shared_vocabulary(
    client,
    payload,
    loc,
    error_type,
):
    """Each `msgspec.Meta` constraint and value check has its own error type."""
    status, body = post(client, '/api/constrained/', json.dumps(payload).encode())

    assert status == 400
    [detail] = body['detail']
    assert detail['loc'] == loc
    assert detail['type'] == error_type


def test_integer_too_large_for_msgspec_is_out_of_range(client):
    """An integer literal of 5,000 digits is `out_of_range`, not a 500."""
    status, body = post(client, '/api/constrained/', b'{"age": ' + b'9' * 5000 + b'}')

    assert status == 400
    [detail] = body['detail']
    assert detail['loc'] == ['body', 'age']
    assert detail['type'] == 'out_of_range'


@settings(max_examples=200, deadline=None)
@given(content=st.binary(max_size=64) | st.text(max_size=64).map(str.encode))
def test_arbitrary_json_bodies_never_cause_a_server_error(content):
    """Whatever the bytes, a JSON body is answered with 201 or 400."""
    response = Client().post('/api/users/', content, content_type=JSON, CONTENT_TYPE=JSON)

    assert response.status_code in {201, 400}
