"""The documentation pages work in a real browser, with no internet.

Headless Chromium (Debian's ``chromium``, which ``scripts/test`` installs)
opens the single-file example's Swagger UI, ReDoc and Scalar pages, served on
loopback. Every request that would leave the machine is refused and
recorded, so a page that needs the internet fails here.
"""

import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application
from django.urls import clear_url_caches, path
from playwright.sync_api import Browser, ConsoleMessage, Page, Route, sync_playwright

import single_file
from dmr.openapi.views import RedocView, ScalarView, SwaggerView

CHROMIUM = os.environ.get('DMR_CHROMIUM') or shutil.which('chromium')
# The flags that keep Chromium from calling home or needing a GPU or sandbox.
FLAGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
]
TIMEOUT_MS = 30_000
METHODS = {'get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query'}
OPERATIONS = sorted(
    (method.upper(), route, operation['operationId'])
    for route, item in single_file.schema['paths'].items()
    for method, operation in item.items()
    if method in METHODS
)


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:
        """No access log in the test output."""


@pytest.fixture(scope='module')
def base_url() -> Iterator[str]:
    """The single-file example, served on a free loopback port."""
    server = ThreadedWSGIServer(('127.0.0.1', 0), QuietHandler)
    server.set_app(get_wsgi_application())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f'http://127.0.0.1:{server.server_address[1]}'
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope='module')
def browser() -> Iterator[Browser]:
    """Headless Chromium; without one, skip locally and fail in CI."""
    if CHROMIUM is None:
        message = 'no chromium: apt-get install chromium (scripts/test does, as root)'
        if os.environ.get('CI'):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watched:
    """A page and what went wrong on it."""

    page: Page
    errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == 'error':
            self.errors.append(f'console: {message.text}')

    def settle(self) -> None:
        """Wait until the page makes no more requests."""
        self.page.wait_for_load_state('networkidle')


@pytest.fixture
def watched(browser: Browser, base_url: str) -> Iterator[Watched]:
    """A fresh page that refuses every request leaving loopback."""
    context = browser.new_context(base_url=base_url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watched = Watched(page)

    def route(route: Route) -> None:
        if route.request.url.startswith(base_url + '/'):
            route.continue_()
        else:
            watched.external.append(route.request.url)
            route.abort()

    context.route(re.compile(r'.*'), route)
    page.on('console', watched.on_console)
    page.on('pageerror', lambda error: watched.errors.append(f'uncaught: {error}'))
    try:
        yield watched
    finally:
        context.close()


def open_swagger(page: Page) -> None:
    page.goto('/docs/swagger/')
    page.locator('.opblock').first.wait_for()


def open_redoc(page: Page) -> None:
    page.goto('/docs/redoc/')
    page.locator('[role=menuitem][data-item-id]').first.wait_for()


def open_scalar(page: Page) -> None:
    page.goto('/docs/scalar/')
    page.locator('aside a[href^="#"]').first.wait_for()


def test_swagger_renders_every_operation(watched: Watched):
    """Swagger UI shows one block per operation of the document."""
    open_swagger(watched.page)
    rendered = watched.page.locator('.opblock').evaluate_all(
        """blocks => blocks.map(block => [
            block.querySelector('.opblock-summary-method').textContent,
            block.querySelector('.opblock-summary-path').dataset.path,
        ])""",
    )
    assert sorted(map(tuple, rendered)) == [(method, path) for method, path, _ in OPERATIONS]


def test_swagger_try_it_out_creates_a_user(watched: Watched):
    """Try it out on ``POST /api/user/`` sends the body and shows the 201."""
    page = watched.page
    open_swagger(page)
    operation = page.locator('#operations-default-postUsercontrollerApiUser')
    operation.locator('.opblock-summary').click()
    operation.get_by_role('button', name='Try it out').click()
    operation.locator('textarea.body-param__text').fill(
        json.dumps({'email': 'browser@example.com'}),
    )
    operation.get_by_role('button', name='Execute').click()
    live = operation.locator('.live-responses-table .response')
    live.locator('.response-col_status').wait_for()
    assert live.locator('.response-col_status').inner_text().strip() == '201'
    body = json.loads(live.locator('.response-col_description pre').first.inner_text())
    assert body['email'] == 'browser@example.com'


def test_redoc_renders_every_operation(watched: Watched):
    """ReDoc's menu lists every operation of the document."""
    open_redoc(watched.page)
    items = watched.page.locator('[role=menuitem][data-item-id^="operation/"]').evaluate_all(
        'items => items.map(item => item.dataset.itemId)',
    )
    assert sorted(items) == sorted(f'operation/{op_id}' for _, _, op_id in OPERATIONS)


def test_scalar_renders_every_operation(watched: Watched):
    """Scalar's sidebar links to every operation of the document."""
    open_scalar(watched.page)
    links = watched.page.locator('aside a[href^="#"]').evaluate_all(
        'links => links.map(link => link.getAttribute("href"))',
    )
    assert {f'#{method}{path}' for method, path, _ in OPERATIONS} <= set(links)


@pytest.mark.parametrize('open_page', [open_swagger, open_redoc, open_scalar])
def test_page_is_silent_and_offline(watched: Watched, open_page):
    """The page logs no error and asks nothing of the internet."""
    open_page(watched.page)
    watched.settle()
    assert watched.errors == []
    assert watched.external == []


# Markup in descriptions that would run script if a UI rendered it as HTML:
# each payload records itself in `window.dmrInjected`.
INJECTIONS = (
    '<img src="x" onerror="(window.dmrInjected = window.dmrInjected || []).push(\'img\')">'
    '<script>(window.dmrInjected = window.dmrInjected || []).push("script")</script>'
    '<svg onload="(window.dmrInjected = window.dmrInjected || []).push(\'svg\')"></svg>'
)
MARKER = 'Described by an untrusted author'
HOSTILE_DOCUMENT = {
    'openapi': '3.1.0',
    'info': {'title': 'Hostile', 'version': '1', 'description': f'{MARKER} {INJECTIONS}'},
    'paths': {
        '/items/': {
            'get': {
                'operationId': 'listItems',
                'summary': 'List items',
                'description': f'{MARKER} {INJECTIONS}',
                'parameters': [
                    {
                        'name': 'q',
                        'in': 'query',
                        'description': INJECTIONS,
                        'schema': {'type': 'string', 'description': INJECTIONS},
                    },
                ],
                'responses': {
                    '200': {
                        'description': INJECTIONS,
                        'content': {
                            'application/json': {
                                'schema': {'$ref': '#/components/schemas/Item'},
                            },
                        },
                    },
                },
            },
        },
    },
    'components': {
        'schemas': {
            'Item': {
                'type': 'object',
                'description': INJECTIONS,
                'properties': {'name': {'type': 'string', 'description': INJECTIONS}},
            },
        },
    },
}
HOSTILE_PAGES = {
    SwaggerView: ('/hostile/swagger/', '.opblock'),
    RedocView: ('/hostile/redoc/', '[role=menuitem][data-item-id]'),
    ScalarView: ('/hostile/scalar/', 'aside a[href^="#"]'),
}


@pytest.fixture(scope='module')
def hostile_pages(base_url: str) -> Iterator[None]:
    """The three UIs on a document whose descriptions carry script, served too."""
    added = [
        path(route.lstrip('/'), view.as_view(HOSTILE_DOCUMENT))
        for view, (route, _) in HOSTILE_PAGES.items()
    ]
    single_file.urlpatterns.extend(added)
    clear_url_caches()
    try:
        yield
    finally:
        del single_file.urlpatterns[-len(added) :]
        clear_url_caches()


@pytest.mark.usefixtures('hostile_pages')
@pytest.mark.parametrize('view', list(HOSTILE_PAGES), ids=lambda view: view.__name__)
def test_descriptions_cannot_run_script(watched: Watched, view: type) -> None:
    """Script in a document's descriptions stays inert in every UI."""
    route, rendered = HOSTILE_PAGES[view]
    page = watched.page
    page.goto(route)
    page.locator(rendered).first.wait_for()
    page.get_by_text(MARKER).first.wait_for()
    # Time for an image to fail to load and for its handler to run.
    page.wait_for_timeout(1500)
    assert page.evaluate('window.dmrInjected') is None
