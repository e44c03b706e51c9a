"""Undeclared responses go through pydantic's own ``Any`` serializer."""

import asyncio
import datetime
import uuid

from django.http import HttpResponse
from django.test import RequestFactory
from pydantic import BaseModel, Field

from dmr import Controller, ResponseSpec, validate
from dmr_pydantic import PydanticSerializer

factory = RequestFactory()


class Event(BaseModel):
    name: str
    at: datetime.datetime
    ref: uuid.UUID = Field(alias='reference')


EVENT = Event(
    name='launch',
    at=datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC),
    reference=uuid.UUID(int=1),
)


class Undeclared(Controller[PydanticSerializer]):
    validate_responses = False

    @validate(ResponseSpec(Event, status_code=200))
    def get(self) -> HttpResponse:
        return self.to_response(EVENT, status_code=299)


class UndeclaredAsync(Controller[PydanticSerializer]):
    validate_responses = False

    @validate(ResponseSpec(Event, status_code=200))
    async def get(self) -> HttpResponse:
        return self.to_response(EVENT, status_code=299)


EVENT_JSON = (
    b'{"name":"launch","at":"2024-01-02T03:04:05Z",'
    b'"reference":"00000000-0000-0000-0000-000000000001"}'
)


def test_a_model_returned_with_an_undeclared_status_is_written_by_pydantic():
    """With validation off, a model sent with an undeclared status renders as pydantic writes it.

    pydantic's own serializer writes it: fields by alias, datetimes in ISO 8601.
    """
    response = Undeclared.as_view()(factory.get('/'))

    assert (response.status_code, response.content) == (299, EVENT_JSON)


def test_a_model_returned_with_an_undeclared_status_is_written_by_pydantic_async():
    """The same from an async endpoint."""
    response = asyncio.run(UndeclaredAsync.as_view()(factory.get('/')))

    assert (response.status_code, response.content) == (299, EVENT_JSON)
