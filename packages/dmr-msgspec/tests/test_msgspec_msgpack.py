"""MessagePack bodies and responses, negotiated like JSON."""

import msgspec
import pytest
from django.test import Client, RequestFactory
from hypothesis import given, settings
from hypothesis import strategies as st

from dmr.errors import ErrorType, RequestValidationError
from dmr.parsers import RequestBody
from dmr_msgspec import MsgpackParser, MsgpackRenderer, MsgspecSerializer
from msgspec_models import UserCreateModel, UserResponseModel

_factory = RequestFactory()

MSGPACK = 'application/msgpack'


def post_msgpack(client: Client, url: str, content: bytes, **headers: str):
    return client.post(url, content, content_type=MSGPACK, CONTENT_TYPE=MSGPACK, headers=headers)


def test_msgpack_body_is_validated_into_the_model(client):
    """A msgpack body is parsed and validated like a JSON one."""
    response = post_msgpack(client, '/api/users/', msgspec.msgpack.encode({'email': 'a@b.c'}))

    assert response.status_code == 201
    assert response.json()['email'] == 'a@b.c'


def test_accept_msgpack_renders_the_response_as_msgpack(client):
    """`Accept: application/msgpack` selects the msgpack renderer."""
    response = post_msgpack(
        client,
        '/api/users/',
        msgspec.msgpack.encode({'email': 'a@b.c'}),
        Accept=MSGPACK,
    )

    assert response.status_code == 201
    assert response['Content-Type'] == MSGPACK
    assert msgspec.msgpack.decode(response.content) == {
        'email': 'a@b.c',
        'uid': '00000000-0000-0000-0000-000000000001',
    }


def test_errors_are_rendered_as_msgpack_when_accepted(client):
    """The error model follows the negotiated renderer too."""
    response = post_msgpack(client, '/api/users/', msgspec.msgpack.encode({}), Accept=MSGPACK)

    assert response.status_code == 400
    assert msgspec.msgpack.decode(response.content)['detail'][0]['loc'] == ['body', 'email']


def test_invalid_msgpack_field_is_located_at_the_field(client):
    """A msgpack value of the wrong type is a `type_error` at its field."""
    response = post_msgpack(client, '/api/users/', msgspec.msgpack.encode({'email': [1]}))

    assert response.status_code == 400
    assert response.json()['detail'][0]['loc'] == ['body', 'email']
    assert response.json()['detail'][0]['type'] == 'type_error'


@pytest.mark.parametrize(
    'content',
    [
        b'\xc1',  # an opcode msgpack never uses
        b'\x81\xa5email',  # truncated map
        b'\xdd\xff\xff\xff\xff',  # an array claiming 4 billion items, then nothing
        b'\x81\xa5email\xa1a\x00',  # trailing bytes
        b'\x81\xa5email\xa2\xff\xfe',  # a str that is not UTF-8
        b'\xd6\xff\x00\x00\x00\x00' + b'\xd7\xff' + b'\xff' * 8,  # trailing timestamp
        b'\x81\xa1t\xd7\xff' + b'\xff' * 8,  # a timestamp with nanoseconds out of range
        b'\x91' * 20_000 + b'\xc0',  # 20,000 nested arrays
        b'\x82\x00\x00\x80\x00',  # a map as a map key
    ],
)
def test_malformed_msgpack_is_a_parse_error(client, content):
    """Malformed msgpack is a 400 `parse_error`, never a 500."""
    response = post_msgpack(client, '/api/users/', content)

    assert response.status_code == 400
    [detail] = response.json()['detail']
    assert detail['loc'] == ['body']
    assert detail['type'] == 'parse_error'


def test_response_too_large_for_msgpack_is_invalid(client):
    """An integer beyond 64 bits cannot be msgpack: a 422, not a 500."""
    response = client.get('/api/huge-int/', headers={'Accept': MSGPACK})

    assert response.status_code == 422
    assert msgspec.msgpack.decode(response.content)['detail'][0]['loc'] == ['response']


def test_renderer_validate_refuses_content_of_the_wrong_shape():
    """`validate` checks rendered msgpack against the adapter's type."""
    adapter = MsgspecSerializer().adapter(UserResponseModel, direction='response')

    with pytest.raises(msgspec.ValidationError, match='uid'):
        MsgpackRenderer().validate(msgspec.msgpack.encode({'email': 'a'}), adapter)


def test_renderer_output_validates_against_its_own_type():
    """What the renderer produces passes its own validation."""
    adapter = MsgspecSerializer().adapter(UserCreateModel, direction='response')
    renderer = MsgpackRenderer()

    content = renderer.render(UserCreateModel(email='a'), adapter)

    renderer.validate(content, adapter)
    assert msgspec.msgpack.decode(content) == {'email': 'a'}


@settings(max_examples=300, deadline=None)
@given(content=st.binary(max_size=48))
def test_arbitrary_bytes_parse_or_fail_as_bad_requests(content):
    """The parser raises only a request error or the backend's validation errors."""
    serializer = MsgspecSerializer()
    adapter = serializer.adapter(UserCreateModel, direction='request')

    details = None
    try:
        request = _factory.generic('POST', '/', content, content_type='application/msgpack')
        MsgpackParser().parse(RequestBody.of(request), adapter)
    except RequestValidationError as exc:
        details = exc.details
    except serializer.validation_errors as exc:
        details = serializer.error_details(exc)
    if details is not None:
        assert details
        assert all(detail.get('type') in set(ErrorType) for detail in details)
