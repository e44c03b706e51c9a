"""The backend through HTTP: bodies, components, responses and the error model."""

import json

import pytest
from django.test import Client
from dmr.openapi import OpenAPIConfig, build_schema
from openapi_spec_validator import validate as validate_openapi

JSON = 'application/json'


def post(client: Client, url: str, body: object) -> tuple[int, dict]:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = client.post(url, content, content_type=JSON)
    return response.status_code, response.json()


def errors(body: dict) -> list[tuple[list, str]]:
    return [(detail['loc'], detail['type']) for detail in body['detail']]


def test_valid_body_is_loaded_and_the_response_dumped(client):
    """Schema.load reads the body; dump_only fields appear, load_only ones do not."""
    status, body = post(client, '/api/users/', {'email': 'a@example.com', 'password': 'secret-1'})

    assert status == 201
    assert body == {
        'email': 'a@example.com',
        'role': 'reader',
        'uid': '00000000-0000-0000-0000-000000000001',
        'joined': '2024-01-02T03:04:05Z',
    }


def test_every_invalid_field_is_reported(client):
    """marshmallow reports all errors; each gets its loc and type."""
    status, body = post(
        client,
        '/api/users/',
        {'email': 'nope', 'password': 'short', 'role': 'owner', 'uid': 'x'},
    )

    assert status == 400
    assert errors(body) == [
        (['body', 'email'], 'value_error'),
        (['body', 'password'], 'too_short'),
        (['body', 'role'], 'invalid_choice'),
        (['body', 'uid'], 'extra_forbidden'),  # dump_only: unknown to load
    ]
    assert body['detail'][0]['msg'] == 'Not a valid email address.'


def test_nested_errors_are_located_through_lists_and_data_keys(client):
    """Nested schemas, list indexes, dict keys and data_key names all appear in loc."""
    status, body = post(
        client,
        '/api/people/',
        {
            'name': '',
            'age': '30',
            'addresses': [{'city': 'A'}, {'zipCode': '1'}],
            'scores': {'maths': 'high'},
        },
    )

    assert status == 400
    assert errors(body) == [
        (['body', 'name'], 'too_short'),
        (['body', 'age'], 'type_error'),
        (['body', 'addresses', 1, 'city'], 'missing'),
        (['body', 'addresses', 1, 'zipCode'], 'pattern_mismatch'),
        (['body', 'scores', 'maths'], 'type_error'),
    ]


def test_schema_validators_report_at_their_field(client):
    """A @validates_schema error names its field; its type is value_error."""
    status, body = post(client, '/api/bookings/', {'start': '2024-02-02', 'end': '2024-01-01'})

    assert status == 400
    assert body['detail'] == [
        {'msg': 'end is before start', 'loc': ['body', 'end'], 'type': 'value_error'},
    ]


@pytest.mark.parametrize(
    ('content', 'expected'),
    [
        (b'{"name": NaN}', [(['body'], 'parse_error')]),
        (b'null', [(['body'], 'type_error')]),
    ],
    ids=['nan', 'null'],
)
def test_unreadable_or_mistyped_bodies(client, content, expected):
    """Malformed JSON is a parse_error at the body; a body of the wrong kind a type_error."""
    status, body = post(client, '/api/people/', content)

    assert status == 400
    assert errors(body) == expected


def test_query_and_headers_are_coerced_from_text(client):
    """Query strings and headers are text: marshmallow reads '2' as 2 and 'true' as True."""
    response = client.get(
        '/api/search/?q=dmr&page=2&tags=a&tags=b&exact=true&other=ignored',
        headers={'X-API-Token': 'secret', 'X-Trace': 'one, two'},
    )

    assert response.status_code == 200
    assert response.json() == {
        'q': 'dmr',
        'page': 2,
        'tags': ['a', 'b', 'one', 'two'],
        'exact': True,
    }


def test_component_errors_are_reported_together(client):
    """Query and header errors come back in one answer, each under its component."""
    response = client.get('/api/search/?page=0', headers={'X-API-Token': 'x'})

    assert response.status_code == 400
    assert errors(response.json()) == [
        (['query', 'q'], 'missing'),
        (['query', 'page'], 'out_of_range'),
        (['headers', 'x_api_token'], 'too_short'),
    ]


def test_path_and_cookies(client):
    """Path kwargs and cookies are validated by their schemas; extra cookies are ignored."""
    item = '00000000-0000-0000-0000-000000000002'
    client.cookies['session_id'] = 's1'
    client.cookies['csrftoken'] = 'other'
    response = client.get(f'/api/items/{item}/first/')

    assert response.status_code == 200
    assert response.json() == {'item': item, 'slug': 'first', 'session': 's1'}

    bad = client.get('/api/items/not-a-uuid/first/')
    assert errors(bad.json()) == [(['path', 'item_id'], 'invalid_format')]


def test_include_keeps_unknown_keys(client):
    """unknown = INCLUDE passes undeclared keys through."""
    status, body = post(client, '/api/anything/', {'kind': 'a', 'extra': [1, 2]})

    assert (status, body) == (201, {'kind': 'a', 'extra': [1, 2]})


def test_plain_types_and_lists_of_schemas(client):
    """list[int] bodies and list[Schema] responses need no Schema of their own."""
    assert post(client, '/api/plain/', [1, 2, '3']) == (201, {'total': 6})
    status, body = post(client, '/api/plain/', [1, 'x'])
    assert (status, errors(body)) == (400, [(['body', 1], 'type_error')])

    response = client.put('/api/people/', json.dumps({'name': 'ann'}), content_type=JSON)
    assert response.status_code == 200
    assert response.json() == [{'name': 'ann', 'addresses': []}] * 2


def test_api_error_with_a_schema_body(client):
    """APIError bodies are dumped and validated like any declared response."""
    status, body = post(client, '/api/people/', {'name': 'taken'})

    assert status == 409
    assert body == {
        'ticket': '00000000-0000-0000-0000-000000000009',
        'issued': '2024-01-02T03:04:05Z',
    }


def test_invalid_response_is_422_located_at_the_first_bad_value(client):
    """A response marshmallow would dump by converting (7 to "7") is refused instead."""
    response = client.get('/api/wrong-shape/')

    assert response.status_code == 422
    assert errors(response.json()) == [(['response', 'name'], 'type_error')]


def test_invalid_response_without_validation_is_a_500(client):
    """With response validation off, the value that cannot be dumped is a server error."""
    client.raise_request_exception = False
    response = client.get('/api/unvalidated/')

    assert response.status_code == 500


def test_hand_built_response_is_validated_strictly(client):
    """An HttpResponse built by hand is read back by the declared schema."""
    response = client.get('/api/hand-built/')

    assert response.status_code == 422
    assert errors(response.json()) == [(['response', 'ticket'], 'invalid_format')]


def test_schema_round_trip_through_modify(client):
    """The response of a POST with @modify(status_code=200) is dumped from the loaded data."""
    payload = {'ticket': '00000000-0000-0000-0000-000000000003', 'issued': '2024-01-02T03:04:05Z'}
    status, body = post(client, '/api/modified/', payload)

    assert (status, body) == (200, payload)


@pytest.mark.parametrize('version', ['3.0.3', '3.1.0', '3.2.0'])
def test_openapi_document_is_valid(version):
    """The test API's document validates; Schemas become definitions named after them.

    ``UserCreate`` (a load_only password) and ``User`` (dump_only fields) have
    other fields in requests and in responses, so the backend names them
    ``...Input`` and ``...Output``; ``Person`` differs only in which fields are
    required, and the core splits it.
    """
    from marshmallow_urls import router

    document = build_schema(router, OpenAPIConfig(openapi_version=version))
    validate_openapi(document)

    schemas = document['components']['schemas']
    assert {'UserCreateInput', 'UserOutput', 'PersonInput', 'PersonOutput'} <= set(schemas)
    assert 'password' not in schemas['UserOutput']['properties']
    assert schemas['UserOutput']['required'] == ['email', 'role', 'uid', 'joined']
    assert schemas['UserCreateInput']['description'] == 'A new user, as clients send it.'
