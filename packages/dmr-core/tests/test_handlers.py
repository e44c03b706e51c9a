"""``dmr.handlers``: Django's own 400/403/404/500 and CSRF failures in the error model."""

import asyncio
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.test import AsyncClient, Client, override_settings

from dmr.openapi import build_schema
from tests.handler_urls import router

pytestmark = pytest.mark.urls('tests.handler_urls')

CSRF = override_settings(
    MIDDLEWARE=['django.middleware.csrf.CsrfViewMiddleware'],
    CSRF_FAILURE_VIEW='dmr.handlers.csrf_failure',
)


def fetch(kind: str, url: str, method: str = 'get', **kwargs: Any) -> HttpResponse:
    """``url`` through Django's sync or async test client; exceptions become responses."""
    if kind == 'sync':
        client = Client(raise_request_exception=False, **kwargs)
        return getattr(client, method)(url)  # type: ignore[no-any-return]
    async_client = AsyncClient(raise_request_exception=False, **kwargs)
    return asyncio.run(getattr(async_client, method)(url))  # type: ignore[no-any-return]


def body(response: HttpResponse) -> Any:
    assert response['Content-Type'] == 'application/json'
    return json.loads(response.content)


STUB = 'tests.stub_backend.StubSerializer'
CLIENTS = pytest.mark.parametrize('kind', ['sync', 'async'])


@CLIENTS
def test_unmatched_url_under_the_api_is_a_404_in_the_error_model(kind: str):
    """The router's catch-all answers an unknown URL under its prefix with the error model."""
    response = fetch(kind, '/api/nope/')
    assert response.status_code == 404
    assert body(response) == {'detail': [{'msg': 'Not found', 'loc': [], 'type': 'not_found'}]}


@CLIENTS
@override_settings(DEBUG=True)
def test_catch_all_answers_json_when_debug_is_on(kind: str):
    """With ``DEBUG`` on Django ignores ``handler404``; the catch-all still answers JSON."""
    response = fetch(kind, '/api/nope/')
    assert (response.status_code, body(response)['detail'][0]['type']) == (404, 'not_found')


@CLIENTS
@CSRF
def test_catch_all_is_not_behind_the_csrf_check(kind: str):
    """A POST to an unknown API URL is a 404, not a CSRF failure."""
    response = fetch(kind, '/api/nope/', 'post', enforce_csrf_checks=True)
    assert response.status_code == 404


@CLIENTS
def test_routes_before_the_catch_all_still_answer(kind: str):
    """The catch-all comes last: the router's own routes are served as before."""
    response = fetch(kind, '/api/ping/')
    assert (response.status_code, json.loads(response.content)) == (200, 'pong')


@CLIENTS
def test_unmatched_url_outside_the_api_uses_handler404(kind: str):
    """``handler404 = 'dmr.handlers.not_found'`` answers other unmatched URLs in JSON."""
    response = fetch(kind, '/elsewhere/')
    assert (response.status_code, body(response)['detail'][0]['type']) == (404, 'not_found')


@CLIENTS
def test_bad_request_is_a_400_in_the_error_model(kind: str):
    """``handler400``: Django's ``BadRequest`` is a 400 without its internal message."""
    response = fetch(kind, '/refused/')
    assert response.status_code == 400
    assert body(response) == {'detail': [{'msg': 'Bad request', 'loc': [], 'type': 'parse_error'}]}


@CLIENTS
def test_permission_denied_is_a_403_in_the_error_model(kind: str):
    """``handler403``: ``PermissionDenied`` outside dmr's endpoints is a JSON 403."""
    response = fetch(kind, '/forbidden/')
    assert response.status_code == 403
    assert body(response)['detail'] == [
        {'msg': 'Permission denied', 'loc': [], 'type': 'permission_denied'},
    ]


@CLIENTS
def test_server_error_is_a_500_without_internals(kind: str):
    """``handler500``: an exception outside dmr's endpoints is a JSON 500 that hides it."""
    response = fetch(kind, '/broken/')
    assert response.status_code == 500
    assert b'secret' not in response.content
    assert body(response)['detail'] == [
        {'msg': 'Internal server error', 'loc': [], 'type': 'internal_error'},
    ]


@CLIENTS
@CSRF
def test_csrf_failure_is_a_403_naming_the_reason(kind: str):
    """``CSRF_FAILURE_VIEW``: a POST without a CSRF cookie is a JSON 403 with Django's reason."""
    response = fetch(kind, '/form/', 'post', enforce_csrf_checks=True)
    assert response.status_code == 403
    assert body(response)['detail'] == [
        {
            'msg': 'CSRF verification failed. CSRF cookie not set.',
            'loc': [],
            'type': 'permission_denied',
        },
    ]


@CLIENTS
@override_settings(DMR_SETTINGS={'serializer': STUB, 'error_format': 'problem_details'})
def test_handlers_follow_the_problem_details_format(kind: str):
    """With ``error_format='problem_details'`` the handlers answer RFC 9457 bodies."""
    response = fetch(kind, '/api/nope/')
    assert response['Content-Type'] == 'application/problem+json'
    assert json.loads(response.content) == {
        'type': 'about:blank',
        'title': 'Not Found',
        'status': 404,
        'detail': 'Not found',
        'errors': [{'msg': 'Not found', 'loc': [], 'type': 'not_found'}],
    }


def test_handler_signatures_pass_djangos_checks():
    """``manage.py check`` accepts the handlers in a root URLconf."""
    call_command('check')


def test_catch_all_is_not_in_the_openapi_document():
    """The catch-all route is not documented: the document lists the router's routes only."""
    assert list(build_schema(router)['paths']) == ['/api/ping/']
