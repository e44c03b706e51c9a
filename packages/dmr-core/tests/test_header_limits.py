"""Header values of any length cost bounded time and leave nothing behind."""

import asyncio
import gc
import json
import tracemalloc
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import AsyncRequestFactory, RequestFactory

from dmr import Body, Controller
from dmr._media_types import MAX_HEADER_LENGTH, MAX_MEDIA_RANGES
from dmr._negotiation import CACHEABLE_LENGTH, ParserTable, RendererTable
from tests.models import UserCreate

factory = RequestFactory()
async_factory = AsyncRequestFactory()
EMAIL = b'{"email": "a@example.com"}'


class Emails(Controller):
    def post(self, user: Body[UserCreate]) -> str:
        return user.email


class AsyncEmails(Controller):
    async def post(self, user: Body[UserCreate]) -> str:
        return user.email


def send(
    controller: type[Controller[Any]],
    accept: str | None = None,
    content_type: str = 'application/json',
) -> HttpResponse:
    """POST the same valid body with these headers, through the controller's view."""
    headers = {} if accept is None else {'accept': accept}
    if controller is AsyncEmails:
        request = async_factory.post('/', EMAIL, content_type=content_type, headers=headers)
        return asyncio.run(controller.as_view()(request))  # type: ignore[no-any-return]
    request = factory.post('/', EMAIL, content_type=content_type, headers=headers)
    return controller.as_view()(request)  # type: ignore[no-any-return]


both = pytest.mark.parametrize('controller', [Emails, AsyncEmails])


def retained_after(flood: Any) -> int:
    """Bytes still allocated after ``flood()`` ran, once garbage is collected."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        flood()
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


@both
def test_long_accept_flood_does_not_grow_memory(controller: type[Controller[Any]]) -> None:
    """300 distinct 20 KB ``Accept`` values leave well under 1 MB behind."""
    send(controller, accept='application/json')

    def flood() -> None:
        for number in range(300):
            accept = f'application/json, text/x-{number}' + ', image/png' * 2000
            assert send(controller, accept=accept).status_code == 201

    assert retained_after(flood) < 1_000_000


@both
def test_long_content_type_flood_does_not_grow_memory(
    controller: type[Controller[Any]],
) -> None:
    """300 distinct 4 KB ``Content-Type`` values leave well under 1 MB behind."""
    send(controller)

    def flood() -> None:
        for number in range(300):
            content_type = f'application/json; a{number}=' + 'b' * 4000
            assert send(controller, content_type=content_type).status_code == 201

    assert retained_after(flood) < 1_000_000


@both
def test_long_accept_is_negotiated(controller: type[Controller[Any]]) -> None:
    """An ``Accept`` value longer than the read limit still picks a renderer."""
    accept = 'application/json' + ', text/plain' * MAX_HEADER_LENGTH
    response = send(controller, accept=accept)
    assert response.status_code == 201
    assert response['Content-Type'] == 'application/json'


@both
def test_ranges_after_the_limit_are_not_considered(controller: type[Controller[Any]]) -> None:
    """A range listed after the first ``MAX_MEDIA_RANGES`` elements is ignored: 406."""
    accept = 'image/png, ' * MAX_MEDIA_RANGES + 'application/json'
    response = send(controller, accept=accept)
    assert response.status_code == 406
    [detail] = json.loads(response.content)['detail']
    assert detail['loc'] == ['headers', 'accept']
    assert detail['type'] == 'not_acceptable'


@both
def test_not_acceptable_message_does_not_repeat_a_long_header(
    controller: type[Controller[Any]],
) -> None:
    """The 406 quotes the start of a long ``Accept``, not all of it."""
    response = send(controller, accept='image/png, ' * 1000)
    assert response.status_code == 406
    assert len(response.content) < 500


@both
def test_over_long_content_type_is_unsupported(controller: type[Controller[Any]]) -> None:
    """A ``Content-Type`` longer than the read limit is a 415, unread."""
    content_type = 'application/json; a=' + 'b' * MAX_HEADER_LENGTH
    response = send(controller, content_type=content_type)
    assert response.status_code == 415
    [detail] = json.loads(response.content)['detail']
    assert detail['loc'] == ['headers', 'content-type']
    assert detail['type'] == 'unsupported_media_type'
    assert len(response.content) < 500


class Fake:
    media_type = 'application/json'


def test_long_accept_values_are_not_remembered() -> None:
    """A value longer than ``CACHEABLE_LENGTH`` is answered but not cached."""
    table = RendererTable([Fake()])
    table.select('application/json,' + ' ' * CACHEABLE_LENGTH)
    table.select('application/json')
    assert table.select.cache_info().currsize == 1


def test_long_content_type_values_are_not_remembered() -> None:
    """A ``Content-Type`` longer than ``CACHEABLE_LENGTH`` is answered but not cached."""
    table = ParserTable([Fake()])
    table.select('application/json; a=' + 'b' * CACHEABLE_LENGTH)
    table.select('application/json')
    assert table.select.cache_info().currsize == 1
