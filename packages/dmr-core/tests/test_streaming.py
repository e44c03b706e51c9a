"""Streams through HTTP: Django's test clients, sync and async controllers, either handler.

Each behaviour runs on the four ways a stream is served: a sync controller
under WSGI (Django's ``Client``) and under ASGI (``AsyncClient``), and an
async controller under both; the crossed ones are bridged per chunk.
"""

import asyncio
import json
import logging
from collections.abc import Callable
from typing import Any

import pytest
from django.http import StreamingHttpResponse
from django.test import AsyncClient, Client, override_settings
from django.utils import translation

from tests.streaming_app import CLOSED

pytestmark = pytest.mark.urls('tests.streaming_app')

Get = Callable[..., tuple[StreamingHttpResponse, bytes]]
SERVINGS = [('sync', 'wsgi'), ('async', 'asgi'), ('sync', 'asgi'), ('async', 'wsgi')]


async def _read_async(response: Any) -> bytes:
    if not response.streaming:
        return response.content  # type: ignore[no-any-return]
    return b''.join([chunk async for chunk in response])


@pytest.fixture(params=SERVINGS, ids=['-'.join(serving) for serving in SERVINGS])
def serving(request: pytest.FixtureRequest) -> tuple[str, str]:
    """Which controller (sync or async) and which handler (WSGI or ASGI)."""
    CLOSED.clear()
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def get(serving: tuple[str, str]) -> Get:
    """``get(name, **headers)``: the response of stream ``name`` and its whole body."""
    kind, handler = serving

    def get(name: str, **headers: str) -> tuple[StreamingHttpResponse, bytes]:
        url = f'/{kind}/{name}/'
        if handler == 'wsgi':
            response = Client().get(url, headers=headers)
            return response, b''.join(response)

        async def fetch() -> tuple[Any, bytes]:
            answer = await AsyncClient().get(url, headers=headers)
            return answer, await _read_async(answer)

        return asyncio.run(fetch())

    return get


def test_sse_sends_each_event_with_its_fields(get: Get, serving: tuple[str, str]):
    """SSE is the default: one ``data`` line per event, after its id, event and retry."""
    response, body = get('ticks')
    assert response.status_code == 200
    assert response['Content-Type'] == 'text/event-stream'
    assert body == (
        b'data: {"n":0}\n\n'
        b'id: 1\nevent: tick\nretry: 500\ndata: {"n":1}\n\n'
        b'id: 2\nevent: tick\nretry: 500\ndata: {"n":2}\n\n'
    )
    assert [f'{serving[0]}-ticks'] == CLOSED


def test_stream_is_not_cached_and_varies_by_accept(get: Get):
    """A stream answers ``Cache-Control: no-cache`` and names ``Accept`` in ``Vary``."""
    response, _body = get('ticks')
    assert response['Cache-Control'] == 'no-cache'
    assert response['Vary'] == 'Accept'


def test_last_event_id_resumes_the_stream(get: Get):
    """The endpoint reads ``Last-Event-ID`` as a typed header and resumes after it."""
    _response, body = get('ticks', **{'Last-Event-ID': '1'})
    assert body == b'id: 2\nevent: tick\nretry: 500\ndata: {"n":2}\n\n'


@pytest.mark.parametrize(
    ('value', 'error_type'),
    [
        ('a\0b', 'value_error'),
        ('a\rb', 'value_error'),
        ('a\nb', 'value_error'),
        ('7' * 257, 'too_long'),
    ],
    ids=['nul', 'cr', 'lf', 'too-long'],
)
def test_bad_last_event_id_is_400(get: Get, value: str, error_type: str):
    """A ``Last-Event-ID`` with NUL, CR or LF, or too long, is refused before the endpoint runs."""
    response, body = get('ticks', **{'Last-Event-ID': value})
    assert response.status_code == 400
    assert response['Content-Type'] == 'application/json'
    [detail] = json.loads(body)['detail']
    assert (detail['loc'], detail['type']) == (['headers', 'last_event_id'], error_type)
    assert CLOSED == []


@pytest.mark.parametrize('media_type', ['application/jsonl', 'application/x-ndjson'])
def test_json_lines_is_negotiated_from_accept(get: Get, media_type: str):
    """An SSE endpoint serves JSON Lines, under either name, to a client that asks for it."""
    response, body = get('ticks', Accept=media_type)
    assert response['Content-Type'] == media_type
    assert body == b'{"n":0}\n{"n":1}\n{"n":2}\n'


def test_unacceptable_stream_is_406(get: Get):
    """A JSON Lines endpoint refuses ``Accept: text/event-stream`` in the error model."""
    response, body = get('export', Accept='text/event-stream')
    assert response.status_code == 406
    [detail] = json.loads(body)['detail']
    assert (detail['loc'], detail['type']) == (['headers', 'accept'], 'not_acceptable')


def test_returned_iterator_is_streamed(get: Get):
    """An endpoint may return an iterator instead of being a generator."""
    response, body = get('export')
    assert response['Content-Type'] == 'application/jsonl'
    assert body == b'{"n":1}\n{"n":2}\n'


def test_invalid_event_ends_the_stream_with_an_error(
    get: Get, serving: tuple[str, str], caplog: pytest.LogCaptureFixture
):
    """An invalid event becomes a last error line, is logged, and the generator is closed."""
    with caplog.at_level(logging.ERROR, logger='dmr.responses'):
        response, body = get('invalid')
    assert response.status_code == 200
    first, error = body.splitlines()
    assert json.loads(first) == {'n': 1}
    [detail] = json.loads(error)['detail']
    assert (detail['loc'], detail['type']) == (['response', 'n'], 'type_error')
    assert 'does not match its declaration' in caplog.text
    assert [f'{serving[0]}-invalid'] == CLOSED


def test_failing_generator_ends_the_stream_with_an_error_event(
    get: Get, caplog: pytest.LogCaptureFixture
):
    """An exception in the generator ends an SSE stream with an ``error`` event, no internals."""
    with caplog.at_level(logging.ERROR, logger='dmr.responses'):
        _response, body = get('broken')
    assert body == (
        b'data: {"n":1}\n\n'
        b'event: error\n'
        b'data: {"detail":[{"msg":"The stream failed","loc":["response"],'
        b'"type":"internal_error"}]}\n\n'
    )
    assert 'database went away' in caplog.text


@pytest.mark.parametrize(
    ('language', 'message'),
    [('de', 'Der Stream ist fehlgeschlagen'), ('ja', 'ストリームが失敗しました')],
)
def test_error_event_is_in_the_clients_language(
    get: Get, language: str, message: str, caplog: pytest.LogCaptureFixture
):
    """The error event that ends a failed stream is written in the request's language."""
    middleware = ['django.middleware.locale.LocaleMiddleware']
    with (
        caplog.at_level(logging.ERROR, logger='dmr.responses'),
        override_settings(MIDDLEWARE=middleware),
        translation.override(translation.get_language()),  # LocaleMiddleware leaves it active
    ):
        _response, body = get('broken', **{'Accept-Language': language})
    error = body.split(b'event: error\ndata: ')[1]
    assert json.loads(error)['detail'] == [
        {'msg': message, 'loc': ['response'], 'type': 'internal_error'},
    ]


@pytest.mark.parametrize(
    ('headers', 'message'),
    [
        ({}, 'The response does not match what this endpoint declares'),
        (
            {'Accept-Language': 'de'},
            'Die Antwort entspricht nicht dem, was dieser Endpunkt deklariert',
        ),
    ],
    ids=['en', 'de'],
)
def test_invalid_event_is_told_in_the_clients_language(
    get: Get, headers: dict[str, str], message: str, caplog: pytest.LogCaptureFixture
):
    """An invalid event's error line says what a 422 says, in the request's language."""
    middleware = ['django.middleware.locale.LocaleMiddleware']
    with (
        caplog.at_level(logging.ERROR, logger='dmr.responses'),
        override_settings(MIDDLEWARE=middleware),
        translation.override(translation.get_language()),  # LocaleMiddleware leaves it active
    ):
        _response, body = get('invalid', **headers)
    [detail] = json.loads(body.splitlines()[-1])['detail']
    assert detail == {'msg': message, 'loc': ['response', 'n'], 'type': 'type_error'}


def test_idle_stream_sends_keep_alive_comments(get: Get, serving: tuple[str, str]):
    """While the generator is idle, comments keep the connection alive; the event follows."""
    _response, body = get('idle')
    beats, _, event = body.partition(b'data: ')
    assert beats.count(b': keep-alive\n\n') >= 2
    assert beats == b': keep-alive\n\n' * beats.count(b': keep-alive\n\n')
    assert event == b'{"n":1}\n\n'
    assert [f'{serving[0]}-idle'] == CLOSED


@pytest.mark.django_db  # closing the response ends the request, which checks the connections
def test_head_sends_the_headers_only(serving: tuple[str, str]):
    """``HEAD`` on a stream answers its headers with no body, and never starts the generator."""
    kind, _handler = serving
    response = Client().head(f'/{kind}/ticks/')
    assert response.status_code == 200
    assert response['Content-Type'] == 'text/event-stream'
    assert b''.join(response) == b''
    assert CLOSED == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures('thread_connections_closed')
def test_orm_in_a_stream(get: Get):
    """A stream may query the database with the ORM, sync or async, per event."""
    _response, body = get('users', Accept='application/jsonl')
    assert body == b'{"n":0}\n' * 3
