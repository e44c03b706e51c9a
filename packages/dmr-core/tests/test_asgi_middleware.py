"""``dmr.asgi`` runs the sync hooks of adjacent ``MiddlewareMixin`` middleware in one hand-off.

Each test serves the same requests under Django's ``ASGIHandler`` and under
dmr's, and requires the same responses and the same hooks called in the
same order, in the same threads.
"""

import asyncio
from collections.abc import Iterator

import pytest
from django.core.handlers.asgi import ASGIHandler as DjangoASGIHandler
from django.test import override_settings

from dmr.asgi import ASGIHandler
from dmr.testing.asgi import Served
from tests import asgi_app
from tests.conftest import STARTPROJECT_MIDDLEWARE
from tests.test_asgi import EMAIL, json_post, run, scope

PATHS = [
    '/sync/',
    '/async/',
    '/answer-a/',
    '/answer-b/',
    '/raise-request-a/',
    '/raise-request-b/',
    '/raise-response-a/',
    '/raise-response-b/',
    '/view-a/',
    '/view-b/',
    '/failing/',
    '/missing/',
]
ADJACENT = [
    *STARTPROJECT_MIDDLEWARE,
    'tests.asgi_app.RecordingA',
    'tests.asgi_app.OnlyResponse',
    'tests.asgi_app.NotUsed',
    'tests.asgi_app.RecordingB',
    'tests.asgi_app.async_middleware',
]
MIXED = [
    'tests.asgi_app.RecordingA',
    'tests.asgi_app.sync_middleware',
    'tests.asgi_app.RecordingB',
    'tests.asgi_app.AsyncViewHook',
    'tests.asgi_app.async_middleware',
    'tests.asgi_app.OnlyResponse',
]


@pytest.fixture(autouse=True)
def _app() -> Iterator[None]:
    with override_settings(ROOT_URLCONF='tests.asgi_app'):
        yield


def a_round(handler: type[DjangoASGIHandler]) -> tuple[list[Served], list[str]]:
    asgi_app.events.clear()
    served = [run(handler, scope('GET', path)) for path in PATHS]
    served.append(run(handler, json_post('/echo/'), (EMAIL,)))
    return served, list(asgi_app.events)


@pytest.mark.parametrize('middleware', [ADJACENT, MIXED], ids=['adjacent', 'mixed'])
def test_the_chain_answers_and_calls_hooks_as_djangos_does(middleware: list[str]) -> None:
    """Answers, exceptions, short cuts and hook order: the same under both handlers."""
    with override_settings(MIDDLEWARE=middleware):
        django_round = a_round(DjangoASGIHandler)
        dmr_round = a_round(ASGIHandler)
    assert dmr_round == django_round


def test_adjacent_mixin_middleware_share_their_hand_offs(monkeypatch: pytest.MonkeyPatch) -> None:
    """startproject's middleware: one hand-off before the view, one for views, one after."""
    handoffs: list[object] = []
    run_in_executor = asyncio.BaseEventLoop.run_in_executor

    def counted(loop: asyncio.BaseEventLoop, *args: object) -> object:
        handoffs.append(args)
        return run_in_executor(loop, *args)  # type: ignore[arg-type]  # passed through

    monkeypatch.setattr(asyncio.BaseEventLoop, 'run_in_executor', counted)
    with override_settings(MIDDLEWARE=STARTPROJECT_MIDDLEWARE):
        served = run(ASGIHandler, scope('GET', '/async/'))
    assert served.status == 200
    # Before the view, process_view, after the view, then the response's close.
    assert len(handoffs) == 4


@override_settings(MIDDLEWARE=['tests.asgi_app.RecordingA', 'tests.asgi_app.sync_middleware'])
def test_mixin_middleware_outside_sync_only_middleware_runs_as_django_runs_it() -> None:
    """Around sync-only middleware the chain is sync already: nothing is batched."""
    served = run(ASGIHandler, scope('GET', '/async/'))
    assert served.status == 200
    assert asgi_app.events[:2] == ['a:request@thread', 'sync-middleware:request@thread']
