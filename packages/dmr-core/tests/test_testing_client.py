"""``dmr.testing``'s clients and factories: JSON through the backend, and decoding responses."""

import asyncio
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.test.client import MULTIPART_CONTENT
from hypothesis import given, settings
from hypothesis import strategies as st

from dmr.backends import BackendError
from dmr.errors import ErrorModel
from dmr.testing import (
    DecodeError,
    DMRAsyncClient,
    DMRAsyncRequestFactory,
    DMRClient,
    DMRRequestFactory,
)
from tests.models import User
from tests.testing_app import EchoAsync, EchoSync, Note

pytestmark = pytest.mark.urls('tests.testing_app')

NOTE = Note(title='Draft', owner=uuid.UUID(int=1), tags=['a', 'b'])
NOTE_JSON = {'title': 'Draft', 'owner': str(uuid.UUID(int=1)), 'tags': ['a', 'b']}

Call = Callable[..., Any]


@pytest.fixture(params=['sync', 'async'])
def call(request: Any, dmr_client: DMRClient, dmr_async_client: DMRAsyncClient) -> Call:
    """``call(method, url, ...)``: the sync client on ``/sync/...``, or the async one."""
    if request.param == 'sync':
        return lambda method, url, *args, **kwargs: getattr(dmr_client, method)(
            f'/sync{url}', *args, **kwargs
        )
    return lambda method, url, *args, **kwargs: asyncio.run(
        getattr(dmr_async_client, method)(f'/async{url}', *args, **kwargs)
    )


def sent(response: Any) -> Any:
    """The request the test client sent."""
    return getattr(response, 'wsgi_request', None) or response.asgi_request


def test_a_model_is_posted_as_json_through_the_backend(call: Call):
    """A dataclass given as ``data`` is written by the backend, with a JSON content type."""
    response = call('post', '/echo/', NOTE)
    assert response.status_code == 201
    assert response.json() == NOTE_JSON
    assert sent(response).content_type == 'application/json'


@pytest.mark.parametrize('method', ['put', 'patch', 'delete'])
def test_put_patch_and_delete_send_json_too(call: Call, method: str):
    """The other methods with a body send ``data`` as JSON by default as well."""
    response = call(method, '/echo/', NOTE)
    assert response.status_code == 200
    assert response.json() == NOTE_JSON


def test_a_dict_is_posted_as_json_through_the_backend(call: Call):
    """Plain values go through the backend too: a UUID in a dict is written as text."""
    response = call('post', '/echo/', {'title': 'Draft', 'owner': uuid.UUID(int=1)})
    assert response.status_code == 201
    assert response.json() == {'title': 'Draft', 'owner': str(uuid.UUID(int=1)), 'tags': []}


def test_bytes_and_text_are_sent_as_they_are(call: Call):
    """Bytes or text are the body itself: malformed JSON reaches the endpoint as written."""
    response = call('post', '/echo/', b'{"title": ')
    assert response.status_code == 400
    assert response.json()['detail'][0]['type'] == 'parse_error'
    assert sent(response).body == b'{"title": '


def test_a_post_without_data_has_no_body(call: Call):
    """No ``data``: no body and no content type (which the echo endpoint answers with 415)."""
    response = call('post', '/echo/')
    assert response.status_code == 415
    assert sent(response).body == b''
    assert 'CONTENT_TYPE' not in sent(response).META


def test_another_content_type_is_left_to_django(call: Call):
    """An explicit content type is Django's business: a form is sent as a form."""
    response = call('post', '/echo/', {'title': 'Draft'}, content_type=MULTIPART_CONTENT)
    assert response.status_code == 415
    assert response.json()['detail'][0]['type'] == 'unsupported_media_type'


def test_a_value_the_backend_cannot_write_fails_in_the_test(call: Call):
    """A value the backend cannot encode raises ``TypeError`` naming the backend."""
    with pytest.raises(TypeError, match="The 'stub' serializer cannot encode"):
        call('post', '/echo/', {'title': object()})


def test_decode_reads_a_response_into_a_model(call: Call, dmr_client: DMRClient):
    """``decode`` validates the JSON body into the annotation, through the backend."""
    response = call('get', '/echo/')
    assert dmr_client.decode(response, User) == User(email='ada@example.com', uid=uuid.UUID(int=7))


def test_decode_reads_an_error_body(call: Call, dmr_client: DMRClient):
    """The core's own error model decodes like any other annotation."""
    response = call('post', '/echo/', {'title': 'Draft'})
    (detail,) = dmr_client.decode(response, ErrorModel)['detail']
    assert (detail['loc'], detail['type']) == (['body', 'owner'], 'missing')


def test_a_body_that_does_not_match_is_a_decode_error(call: Call, dmr_client: DMRClient):
    """A mismatch raises ``DecodeError``, an ``AssertionError`` carrying the error details."""
    response = call('post', '/echo/', NOTE)
    with pytest.raises(DecodeError) as caught:
        dmr_client.decode(response, User)
    assert isinstance(caught.value, AssertionError)
    assert [(d['loc'], d['type']) for d in caught.value.details] == [(['email'], 'missing')]


def test_an_error_body_that_does_not_match_is_a_decode_error(dmr_client: DMRClient):
    """The error model's shape is checked too."""
    response = HttpResponse(b'{"detail": 1}', content_type='application/json')
    with pytest.raises(DecodeError) as caught:
        dmr_client.decode(response, ErrorModel)
    assert caught.value.details


@pytest.mark.parametrize(
    'response',
    [
        HttpResponse(b'{}', content_type='text/plain'),
        HttpResponse(status=204),
        StreamingHttpResponse(iter([b'{}']), content_type='application/json'),
    ],
)
def test_a_response_that_is_not_whole_json_is_a_decode_error(
    dmr_client: DMRClient, response: HttpResponse
):
    """Text, an empty 204 and a streamed body are not decoded."""
    with pytest.raises(DecodeError) as caught:
        dmr_client.decode(response, dict[str, int])
    assert caught.value.details == []


def test_problem_json_is_json(dmr_client: DMRClient):
    """``application/problem+json`` (and any ``+json``) is decoded."""
    response = HttpResponse(b'{"a": 1}', content_type='application/problem+json; charset=utf-8')
    assert dmr_client.decode(response, dict[str, int]) == {'a': 1}


def test_decode_refuses_an_annotation_the_backend_does_not_support(dmr_client: DMRClient):
    """An annotation the backend cannot compile is a ``TypeError`` naming the backend."""
    response = HttpResponse(b'[]', content_type='application/json')
    with pytest.raises(TypeError, match="'stub' serializer does not support"):
        dmr_client.decode(response, set[int])


def test_a_client_may_name_its_backend():
    """``serializer=`` takes what ``DMR_SETTINGS['serializer']`` takes, a list included."""
    client = DMRClient(serializer=['tests.stub_backend.StubSerializer'])
    response = client.post('/sync/echo/', NOTE)
    assert client.decode(response, Note) == NOTE


def test_a_backend_that_is_not_installed_fails_the_request():
    """A client naming a backend that is not installed raises ``BackendError``."""
    with pytest.raises(BackendError, match="'msgpack-only' is not installed"):
        DMRClient(serializer='msgpack-only').post('/sync/echo/', NOTE)


@pytest.mark.parametrize('kind', ['sync', 'async'])
def test_the_request_factories_build_json_requests(
    kind: str, dmr_rf: DMRRequestFactory, dmr_async_rf: DMRAsyncRequestFactory
):
    """``dmr_rf`` and ``dmr_async_rf`` build JSON requests, for views called directly."""
    factory = dmr_rf if kind == 'sync' else dmr_async_rf
    request = factory.post('/', NOTE)
    assert request.content_type == 'application/json'
    if kind == 'sync':
        response = EchoSync.as_view()(request)
    else:
        response = asyncio.run(EchoAsync.as_view()(request))
    assert response.status_code == 201
    assert factory.decode(response, Note) == NOTE


def test_the_fixtures_are_the_clients_and_factories(
    dmr_client: Any, dmr_async_client: Any, dmr_rf: Any, dmr_async_rf: Any
):
    """Each ``dmr_*`` fixture is a fresh instance of its class."""
    assert type(dmr_client) is DMRClient
    assert type(dmr_async_client) is DMRAsyncClient
    assert type(dmr_rf) is DMRRequestFactory
    assert type(dmr_async_rf) is DMRAsyncRequestFactory


@settings(max_examples=60, deadline=None)
# Text the wire carries (UTF-8, so no lone surrogates) without NUL, which the
# wire contract refuses (DMR_SETTINGS['allow_nul']).
@given(
    title=st.text(st.characters(codec='utf-8', exclude_characters='\x00')),
    owner=st.uuids(),
    tags=st.lists(
        st.text(st.characters(codec='utf-8', exclude_characters='\x00'), max_size=5), max_size=5
    ),
)
def test_what_is_posted_decodes_back_to_itself(title: str, owner: uuid.UUID, tags: list[str]):
    """Any note, posted and echoed, decodes back equal: the client's codec is the backend's."""
    client = DMRClient()
    note = Note(title=title, owner=owner, tags=tags)
    assert client.decode(client.post('/sync/echo/', note), Note) == note
