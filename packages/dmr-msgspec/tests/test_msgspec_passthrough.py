"""Undeclared responses and error bodies go through msgspec's own ``Any`` codec."""

import asyncio
import datetime
import uuid

import msgspec
from django.http import HttpResponse
from django.test import RequestFactory

from dmr import Body, Controller, ResponseSpec, validate
from dmr.renderers import JsonRenderer
from dmr_msgspec import MsgpackRenderer, MsgspecSerializer

factory = RequestFactory()


class Event(msgspec.Struct):
    name: str
    at: datetime.datetime
    ref: uuid.UUID


EVENT = Event(
    name='launch',
    at=datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC),
    ref=uuid.UUID(int=1),
)
EVENT_JSON = (
    b'{"name":"launch","at":"2024-01-02T03:04:05Z","ref":"00000000-0000-0000-0000-000000000001"}'
)


class Undeclared(Controller[MsgspecSerializer]):
    validate_responses = False
    renderers = (JsonRenderer(), MsgpackRenderer())

    @validate(ResponseSpec(Event, status_code=200))
    def get(self) -> HttpResponse:
        return self.to_response(EVENT, status_code=299)


class UndeclaredAsync(Controller[MsgspecSerializer]):
    validate_responses = False

    @validate(ResponseSpec(Event, status_code=200))
    async def get(self) -> HttpResponse:
        return self.to_response(EVENT, status_code=299)


class Echo(Controller[MsgspecSerializer]):
    def post(self, event: Body[Event]) -> Event:
        return event


def test_a_struct_returned_with_an_undeclared_status_is_written_by_msgspec():
    """With validation off, a Struct sent with an undeclared status renders as msgspec does."""
    response = Undeclared.as_view()(factory.get('/'))

    assert (response.status_code, response.content) == (299, EVENT_JSON)


def test_a_struct_returned_with_an_undeclared_status_is_written_by_msgspec_async():
    """The same from an async endpoint."""
    response = asyncio.run(UndeclaredAsync.as_view()(factory.get('/')))

    assert (response.status_code, response.content) == (299, EVENT_JSON)


def test_a_struct_returned_with_an_undeclared_status_renders_as_msgpack():
    """Other renderers receive the Struct unstructured by msgspec."""
    response = Undeclared.as_view()(factory.get('/', headers={'Accept': 'application/msgpack'}))

    assert response.status_code == 299
    assert msgspec.msgpack.decode(response.content) == msgspec.json.decode(EVENT_JSON)


def test_error_bodies_are_rendered_as_msgpack():
    """An error body reaches the msgpack renderer as plain values."""

    class EchoMsgpack(Echo):
        renderers = (JsonRenderer(), MsgpackRenderer())

    request = factory.post(
        '/',
        b'{"name": "launch"}',
        content_type='application/json',
        headers={'Accept': 'application/msgpack'},
    )
    response = EchoMsgpack.as_view()(request)

    assert response.status_code == 400
    assert [detail['loc'] for detail in msgspec.msgpack.decode(response.content)['detail']] == [
        ['body', 'at'],
    ]
