"""``dmr.asgi``: Django's ASGI handler without the thread hand-offs nothing needs.

Requests are served over the ASGI protocol (:func:`dmr.testing.asgi.serve`),
under Django's ``ASGIHandler`` and under dmr's, on an event loop per test.
"""

import asyncio
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from asgiref.sync import ThreadSensitiveContext, async_to_sync, sync_to_async
from django.core.handlers.asgi import ASGIHandler as DjangoASGIHandler
from django.core.signals import request_finished, request_started
from django.db import connection
from django.test import Client, override_settings

from dmr.asgi import ASGIHandler, get_asgi_application
from dmr.testing.asgi import Served, ServedHandler, serve
from tests import asgi_app

HANDLERS = [DjangoASGIHandler, ASGIHandler]
MIDDLEWARE = ['tests.asgi_app.sync_middleware', 'tests.asgi_app.async_middleware']
EMAIL = b'{"email": "a@example.com"}'
SYNC_STREAM = pytest.mark.filterwarnings(
    'ignore:StreamingHttpResponse must consume synchronous iterators:Warning',
)


@pytest.fixture(autouse=True)
def _app() -> Iterator[None]:
    asgi_app.events.clear()
    with override_settings(ROOT_URLCONF='tests.asgi_app', MIDDLEWARE=[]):
        yield


def scope(method: str, path: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        'type': 'http',
        'asgi': {'version': '3.0'},
        'http_version': '1.1',
        'method': method,
        'scheme': 'http',
        'path': path,
        'query_string': b'',
        'headers': [
            (b'host', b'testserver'),
            *((name.encode(), value.encode()) for name, value in (headers or {}).items()),
        ],
    }


def json_post(path: str, body: bytes = EMAIL) -> dict[str, Any]:
    headers = {'content-type': 'application/json', 'content-length': str(len(body))}
    return scope('POST', path, headers)


def run(
    handler: type[DjangoASGIHandler],
    request: dict[str, Any],
    *args: Any,
    **kw: Any,
) -> Served:
    """Serve ``request`` with a new ``handler`` on a new event loop."""

    async def main() -> Served:
        asgi_app.loop_thread[:] = [threading.get_ident()]
        return await asyncio.wait_for(serve(handler(), request, *args, **kw), 10)

    return asyncio.run(main())


class Receivers:
    """Sync and async receivers of both signals, recording each call."""

    def started(self, **kwargs: Any) -> None:
        asgi_app.record('started')

    async def started_async(self, **kwargs: Any) -> None:
        asgi_app.record('started-async')

    def finished(self, **kwargs: Any) -> None:
        asgi_app.record('finished')

    async def finished_async(self, **kwargs: Any) -> None:
        asgi_app.record('finished-async')


@pytest.fixture
def receivers() -> Iterator[Receivers]:
    found = Receivers()
    pairs = [
        (request_started, found.started),
        (request_started, found.started_async),
        (request_finished, found.finished),
        (request_finished, found.finished_async),
    ]
    for signal, receiver in pairs:
        signal.connect(receiver)
    yield found
    for signal, receiver in pairs:
        signal.disconnect(receiver)


@pytest.fixture
def threads(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """The threads started from now on."""
    started: list[threading.Thread] = []
    start = threading.Thread.start

    def counted(thread: threading.Thread) -> None:
        started.append(thread)
        start(thread)

    monkeypatch.setattr(threading.Thread, 'start', counted)
    return started


def a_round(handler: type[DjangoASGIHandler]) -> tuple[list[Served], list[str]]:
    asgi_app.events.clear()
    served = [
        run(handler, scope('GET', '/sync/')),
        run(handler, scope('GET', '/async/')),
        run(handler, json_post('/echo/'), (EMAIL,)),
        run(handler, json_post('/sync-echo/'), (EMAIL,)),
        run(handler, json_post('/echo/', b'{"email": 1}'), (b'{"email": 1}',)),
        run(handler, scope('GET', '/orm-from-async/')),
        run(handler, scope('GET', '/failing/')),
        run(handler, scope('GET', '/missing/')),
        run(handler, scope('GET', '/streaming/')),
    ]
    return served, list(asgi_app.events)


@SYNC_STREAM
@pytest.mark.usefixtures('receivers')
def test_both_handlers_answer_alike_and_call_the_same_code_in_the_same_order() -> None:
    """Sync and async middleware, views and receivers: the same responses, calls and threads."""
    with override_settings(MIDDLEWARE=MIDDLEWARE):
        django_round = a_round(DjangoASGIHandler)
        dmr_round = a_round(ASGIHandler)
    assert dmr_round == django_round
    statuses = [served.status for served in dmr_round[0]]
    assert statuses == [200, 200, 201, 201, 400, 200, 500, 404, 200]
    assert dmr_round[1].count('started@thread') == 9
    assert dmr_round[1].count('finished@thread') == 9


def test_an_async_request_that_runs_no_sync_code_starts_no_thread(
    threads: list[threading.Thread],
) -> None:
    """No middleware, an async view and Django's own receivers: served on the loop alone."""
    served = run(ASGIHandler, scope('GET', '/async/'))
    assert (served.status, served.body) == (200, b'async')
    assert threads == []


def test_django_starts_threads_for_the_same_request(threads: list[threading.Thread]) -> None:
    """The measure of the previous test, under Django's handler: it starts threads."""
    run(DjangoASGIHandler, scope('GET', '/async/'))
    assert threads != []


def test_an_async_dmr_controller_is_served_without_a_thread(
    threads: list[threading.Thread],
) -> None:
    """A dmr controller's body, validation and rendering all run on the loop."""
    served = run(ASGIHandler, json_post('/echo/'), (EMAIL,))
    assert (served.status, json.loads(served.body)) == (201, 'a@example.com')
    assert threads == []


def test_a_sync_view_still_runs_in_a_thread() -> None:
    """Sync code keeps its thread."""
    run(ASGIHandler, scope('GET', '/sync/'))
    assert asgi_app.events == ['sync-view@thread']


@pytest.mark.usefixtures('receivers')
def test_third_party_receivers_are_called_once_each_sync_ones_in_a_thread() -> None:
    """A sync receiver keeps its hand-off; every receiver is called exactly once."""
    run(ASGIHandler, scope('GET', '/async/'))
    assert sorted(asgi_app.events) == sorted(
        ['started@thread', 'started-async', 'async-view', 'finished@thread', 'finished-async'],
    )


def test_async_receivers_alone_keep_requests_on_the_loop(threads: list[threading.Thread]) -> None:
    """An async receiver of ``request_started`` is awaited on the loop, without a thread."""
    receivers = Receivers()
    request_started.connect(receivers.started_async)
    try:
        run(ASGIHandler, scope('GET', '/async/'))
    finally:
        request_started.disconnect(receivers.started_async)
    assert asgi_app.events == ['started-async', 'async-view']
    assert threads == []


def test_the_orm_used_the_sync_way_from_async_code_still_raises() -> None:
    """Django's ``SynchronousOnlyOperation`` guard fires under dmr's handler."""
    served = run(ASGIHandler, scope('GET', '/orm-from-async/'))
    assert served.body == b'SynchronousOnlyOperation'


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures('thread_connections_closed')
def test_the_async_orm_runs_in_the_requests_thread_and_answers() -> None:
    """One async ORM query: one hop to the request's thread, whose connection is closed after."""
    served = run(ASGIHandler, scope('GET', '/orm-async/'))
    assert (served.status, served.body) == (200, b'0')


@pytest.mark.django_db
def test_the_loops_own_database_connection_is_left_alone() -> None:
    """A connection the loop's thread holds is not closed by the request's end."""
    connection.ensure_connection()
    with override_settings(MIDDLEWARE=[]):
        served = run(ASGIHandler, scope('GET', '/async/'))
    assert served.status == 200
    assert connection.connection is not None
    assert not connection.needs_rollback


def test_a_disconnect_cancels_the_view_and_finishes_the_request_once() -> None:
    """The client leaves while the view waits: the view is cancelled, one ``request_finished``."""
    finished: list[str] = []

    def on_finished(**kwargs: Any) -> None:
        finished.append('finished')

    request_finished.connect(on_finished)
    try:
        served = run(ASGIHandler, scope('GET', '/slow/'), leave=True)
    finally:
        request_finished.disconnect(on_finished)
    assert served.status == 0
    assert asgi_app.events == ['slow:started', 'slow:cancelled']
    assert finished == ['finished']


def test_a_disconnect_without_third_party_receivers_finishes_on_the_loop() -> None:
    """With Django's receivers only, the cancelled request's end needs no thread."""
    served = run(ASGIHandler, scope('GET', '/slow/'), leave=True)
    assert served.status == 0
    assert asgi_app.events == ['slow:started', 'slow:cancelled']


@SYNC_STREAM
def test_a_streaming_response_is_closed_in_the_requests_thread() -> None:
    """A sync iterator may hold sync resources: it is closed where sync code runs."""
    served = run(ASGIHandler, scope('GET', '/streaming/'))
    assert served.body == b'ab'
    assert asgi_app.events == ['stream:closed@thread']


def test_a_client_that_leaves_before_its_body_is_complete_gets_nothing() -> None:
    """A disconnect while the body is read ends the request unanswered."""
    served = run(ASGIHandler, json_post('/echo/'), (b'{"em',), ends=False, leave=True)
    assert (served.status, served.complete) == (0, False)


@pytest.mark.django_db(transaction=True)
def test_served_under_async_to_sync_the_callers_thread_runs_sync_code() -> None:
    """Inside ``async_to_sync`` the hand-offs go to the caller's thread, as Django's do."""
    served = async_to_sync(serve)(ASGIHandler(), scope('GET', '/sync/'))
    assert served.body == b'sync'
    assert asgi_app.events == ['sync-view']


def test_get_asgi_application_returns_djangos_handler_class_extended() -> None:
    """Tools that patch Django's ``ASGIHandler`` still see an instance of it."""
    application = get_asgi_application()
    assert isinstance(application, ASGIHandler)
    assert isinstance(application, DjangoASGIHandler)


def test_a_test_client_served_over_asgi_sees_the_response_that_went_over_the_wire() -> None:
    """``ServedHandler``: status, headers and body as sent, with the request attached."""
    client = Client()
    client.handler = ServedHandler()
    response = client.get('/async/')
    assert (response.status_code, response.content, response['X-View']) == (200, b'async', 'async')
    assert response.wsgi_request.path == '/async/'  # type: ignore[attr-defined]  # set by the handler


def test_a_test_client_served_over_asgi_keeps_its_cookies() -> None:
    """A cookie set over ASGI comes back with the next request."""
    client = Client()
    client.handler = ServedHandler(handler_class=DjangoASGIHandler)
    assert client.get('/cookie/').content == b'first'
    assert client.post('/cookie/', {'a': 'b'}).content == b'again'


def test_inside_another_thread_sensitive_context_sync_code_uses_its_thread() -> None:
    """Nested in a caller's context, the request's sync code runs in the caller's thread."""

    async def main() -> Served:
        asgi_app.loop_thread[:] = [threading.get_ident()]
        async with ThreadSensitiveContext():
            await sync_to_async(asgi_app.record)('caller')
            return await serve(ASGIHandler(), scope('GET', '/sync/'))

    served = asyncio.run(main())
    assert served.body == b'sync'
    assert asgi_app.events == ['caller@thread', 'sync-view@thread']


def test_a_connection_other_than_http_is_refused() -> None:
    """Only HTTP is served, as by Django's handler."""

    async def nothing() -> dict[str, Any]:
        return {}

    async def ignore(message: Any) -> None:
        return None

    with pytest.raises(ValueError, match='websocket'):
        asyncio.run(ASGIHandler()({'type': 'websocket'}, nothing, ignore))
