"""The single-file example answers every row of the wire contract (DESIGN §4)."""

import json
import uuid

import pytest
from django.test import Client, override_settings

import single_file

URL = '/api/user/'
SEED_BODY = b'{"email": "djangomodernrest@wemake.services"}'


def post(body: bytes, content_type: str = 'application/json', **headers: str):
    return Client().post(URL, body, content_type=content_type, headers=headers)


def details(response) -> list[dict]:
    assert response['Content-Type'] == 'application/json'
    return json.loads(response.content)['detail']


def test_seed_request_creates_user():
    """The seed's curl gets 201 with the email and a fresh UUID."""
    response = post(SEED_BODY)
    assert response.status_code == 201
    payload = json.loads(response.content)
    assert payload['email'] == 'djangomodernrest@wemake.services'
    assert uuid.UUID(payload['uid']).version == 4


def test_malformed_json_is_400():
    """A syntax error in the body is a parse error on the body."""
    response = post(b'{"email": ')
    assert response.status_code == 400
    assert details(response)[0]['loc'] == ['body']
    assert details(response)[0]['type'] == 'parse_error'


def test_array_instead_of_object_is_400():
    """A JSON array where an object is expected is a type error."""
    response = post(b'[{"email": "a@b.c"}]')
    assert response.status_code == 400
    assert details(response) == [
        {'msg': 'Expected a value of type `object`.', 'loc': ['body'], 'type': 'type_error'},
    ]


def test_missing_field_names_its_location():
    """A missing field is reported at ``["body", "email"]``."""
    response = post(b'{}')
    assert response.status_code == 400
    assert details(response)[0]['loc'] == ['body', 'email']
    assert details(response)[0]['type'] == 'missing'


def test_wrong_type_is_400():
    """A field of the wrong type is a type error at its location."""
    response = post(b'{"email": 42}')
    assert response.status_code == 400
    assert details(response)[0]['loc'] == ['body', 'email']
    assert details(response)[0]['type'] == 'type_error'


def test_invalid_utf8_is_400():
    """Bytes that are not UTF-8 are a parse error, not a crash."""
    response = post(b'{"email": "\xff\xfe"}')
    assert response.status_code == 400
    assert details(response)[0]['type'] == 'parse_error'


def test_deeply_nested_json_is_400():
    """JSON nested 20,000 deep is refused quickly."""
    response = post(b'[' * 20_000 + b']' * 20_000)
    assert response.status_code == 400
    response = post(b'{"email": ' + b'[' * 20_000 + b']' * 20_000 + b'}')
    assert response.status_code == 400


def test_unsupported_content_type_is_415():
    """A body in a media type no parser accepts is 415."""
    response = post(b'email=a', content_type='application/x-www-form-urlencoded')
    assert response.status_code == 415
    assert details(response)[0]['loc'] == ['headers', 'content-type']


def test_unsatisfiable_accept_is_406():
    """An ``Accept`` header no renderer satisfies is 406, rendered as JSON."""
    response = post(SEED_BODY, Accept='text/html')
    assert response.status_code == 406
    assert details(response)[0]['type'] == 'not_acceptable'


def test_only_json_is_served_by_default():
    """Without configured renderers, ``Accept: application/msgpack`` is 406."""
    response = post(SEED_BODY, Accept='application/msgpack')
    assert response.status_code == 406


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_body_over_the_limit_is_413():
    """A body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is 413."""
    response = post(b'{"email": "' + b'a' * 2048 + b'"}')
    assert response.status_code == 413
    assert details(response)[0]['type'] == 'body_too_large'


def test_wrong_method_is_405_with_allow():
    """A method the controller does not implement is 405 with ``Allow``."""
    response = Client().get(URL)
    assert response.status_code == 405
    assert response['Allow'] == 'OPTIONS, POST'
    assert details(response)[0]['type'] == 'method_not_allowed'


def test_wrong_response_shape_is_422(monkeypatch: pytest.MonkeyPatch):
    """A controller returning data that breaks its response model is 422."""
    monkeypatch.setattr(single_file.uuid, 'uuid4', lambda: 'not-a-uuid')
    response = post(SEED_BODY)
    assert response.status_code == 422
    assert details(response)[0]['loc'] == ['response', 'uid']


def test_exception_is_500_without_internals(monkeypatch: pytest.MonkeyPatch):
    """An unhandled exception is a 500 that leaks neither message nor traceback."""

    def explode() -> uuid.UUID:
        raise RuntimeError('database password is hunter2')

    monkeypatch.setattr(single_file.uuid, 'uuid4', explode)
    response = Client(raise_request_exception=False).post(
        URL,
        SEED_BODY,
        content_type='application/json',
    )
    assert response.status_code == 500
    assert details(response) == [
        {'msg': 'Internal server error', 'loc': [], 'type': 'internal_error'},
    ]
    assert b'hunter2' not in response.content
    assert b'Traceback' not in response.content


@pytest.mark.parametrize('debug', [False, True])
def test_unknown_api_url_is_404_in_the_error_model(debug):
    """The router's catch-all answers an unknown URL under api/ in JSON, DEBUG or not."""
    with override_settings(DEBUG=debug):
        response = Client().get('/api/nope/')
    assert response.status_code == 404
    assert details(response) == [{'msg': 'Not found', 'loc': [], 'type': 'not_found'}]


def test_unknown_url_elsewhere_is_404_in_the_error_model():
    """``handler404`` answers the other unknown URLs in the error model."""
    response = Client().get('/nowhere/')
    assert (response.status_code, details(response)[0]['type']) == (404, 'not_found')


def test_errors_do_not_vary_by_language():
    """English only (``USE_I18N = False``): no ``Vary: Accept-Language``, as its document says."""
    response = post(b'{"email": ', **{'Accept-Language': 'de'})
    assert response.status_code == 400
    assert 'Accept-Language' not in response.get('Vary', '')
    assert 'headers' not in single_file.schema['paths']['/api/user/']['post']['responses']['400']
