"""``dmr.testing`` under msgspec: Structs sent and decoded by msgspec, ``as_user``, fixtures."""

import asyncio
import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dmr.testing import (
    DecodeError,
    DMRAsyncClient,
    DMRAsyncRequestFactory,
    DMRClient,
    DMRRequestFactory,
)
from msgspec_testing_app import Caller, EchoAsync, EchoSync, Member, Note, StaffAsync, StaffSync

pytestmark = pytest.mark.urls('msgspec_testing_app')

CREATED = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
NOTE = Note(title='Draft', owner=uuid.UUID(int=1), created_at=CREATED, tags=['a'])
NOTE_JSON = {
    'title': 'Draft',
    'owner': str(uuid.UUID(int=1)),
    'createdAt': '2026-01-02T03:04:05Z',
    'tags': ['a'],
}

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


@pytest.mark.parametrize(('method', 'status'), [('post', 201), ('put', 200)])
def test_a_struct_is_sent_as_msgspec_writes_it(call: Call, method: str, status: int):
    """A Struct is encoded by msgspec (camelCase names, RFC 3339 datetimes) as JSON."""
    response = call(method, '/echo/', NOTE)
    assert response.status_code == status
    assert response.json() == NOTE_JSON


def test_a_dict_is_sent_through_msgspec(call: Call):
    """Values msgspec knows (a UUID, a datetime) inside a plain dict are written by msgspec."""
    data = {'title': 'Draft', 'owner': uuid.UUID(int=1), 'createdAt': CREATED, 'tags': ('a',)}
    assert call('post', '/echo/', data).json() == NOTE_JSON


def test_decode_gives_back_the_struct(call: Call, dmr_client: DMRClient):
    """``decode`` reads the response into the Struct, through msgspec."""
    assert dmr_client.decode(call('post', '/echo/', NOTE), Note) == NOTE


def test_a_response_of_another_shape_is_a_decode_error(call: Call, dmr_client: DMRClient):
    """A mismatch raises ``DecodeError`` with msgspec's error as details."""
    with pytest.raises(DecodeError) as caught:
        dmr_client.decode(call('post', '/echo/', NOTE), Caller)
    assert [(d['loc'], d['type']) for d in caught.value.details] == [(['name'], 'missing')]


@pytest.mark.parametrize(
    ('user', 'expected'),
    [(Member('ada', is_staff=True), 200), (Member('bob'), 403), (None, 401)],
)
def test_as_user_authenticates_and_permissions_judge(call: Call, user: Any, expected: int):
    """``as_user`` stands for the credentials; ``IsStaff`` still refuses a non-staff user."""
    response = call('get', '/staff/', as_user=user)
    assert response.status_code == expected
    if expected == 200:
        assert response.json() == {'name': 'ada'}


@pytest.mark.parametrize('kind', ['sync', 'async'])
def test_the_request_factories_send_structs_and_act_as_users(
    kind: str, dmr_rf: DMRRequestFactory, dmr_async_rf: DMRAsyncRequestFactory
):
    """``dmr_rf`` and ``dmr_async_rf`` build msgspec-encoded bodies and ``as_user`` requests."""
    staff = Member('ada', is_staff=True)
    if kind == 'sync':
        echoed = EchoSync.as_view()(dmr_rf.post('/', NOTE))
        caller = StaffSync.as_view()(dmr_rf.get('/', as_user=staff))
    else:
        echoed = asyncio.run(EchoAsync.as_view()(dmr_async_rf.post('/', NOTE)))
        caller = asyncio.run(StaffAsync.as_view()(dmr_async_rf.get('/', as_user=staff)))
    assert dmr_rf.decode(echoed, Note) == NOTE
    assert dmr_async_rf.decode(caller, Caller) == Caller(name='ada')


@settings(max_examples=60, deadline=None)
# Text the wire carries (UTF-8, so no lone surrogates) without NUL, which the
# wire contract refuses (DMR_SETTINGS['allow_nul']).
@given(
    title=st.text(st.characters(codec='utf-8', exclude_characters='\x00')),
    created_at=st.datetimes(timezones=st.just(dt.UTC)),
    tags=st.lists(
        st.text(st.characters(codec='utf-8', exclude_characters='\x00'), max_size=5), max_size=5
    ),
)
def test_what_is_posted_decodes_back_to_itself(
    title: str, created_at: dt.datetime, tags: list[str]
):
    """Any Struct, posted and echoed, decodes back equal."""
    client = DMRClient()
    note = Note(title=title, owner=uuid.UUID(int=2), created_at=created_at, tags=tags)
    assert client.decode(client.post('/sync/echo/', note), Note) == note
