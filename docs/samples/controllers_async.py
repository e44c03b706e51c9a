"""An async controller: every endpoint is ``async def``."""

import asyncio

import msgspec
from django.test import AsyncRequestFactory
from dmr import Controller, Path


class Ticket(msgspec.Struct):
    id: int
    status: str


class TicketPath(msgspec.Struct):
    ticket_id: int


async def load_ticket(ticket_id: int) -> Ticket:
    await asyncio.sleep(0)  # a database or an HTTP call, awaited
    return Ticket(id=ticket_id, status='open')


class TicketController(Controller):
    async def get(self, path: Path[TicketPath]) -> Ticket:
        return await load_ticket(path.ticket_id)


async def main() -> None:
    view = TicketController.as_view()
    response = await view(AsyncRequestFactory().get('/tickets/9/'), ticket_id='9')
    assert response.status_code == 200
    assert response.content == b'{"id":9,"status":"open"}'


asyncio.run(main())
