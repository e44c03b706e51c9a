"""The views that serve the OpenAPI document and the documentation UIs."""

import hashlib
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
import yaml
from django.core.signals import request_finished
from django.db import close_old_connections
from django.test import Client, RequestFactory, override_settings

from dmr import Body, Controller
from dmr.openapi import OpenAPIConfig, build_schema, views
from dmr.openapi import _ui as ui
from dmr.openapi.views import (
    OpenAPIJsonView,
    OpenAPIYamlView,
    RedocView,
    ScalarView,
    SwaggerView,
)
from dmr.routing import Router, path
from tests.models import User, UserCreate


class Users(Controller):
    def post(self, body: Body[UserCreate]) -> User:
        """Create a user: «ünïcödé» </script><script>alert(1)</script>."""
        raise NotImplementedError


router = Router('api/', [path('users/', Users.as_view())])
schema = build_schema(router, OpenAPIConfig(title='Users <&> "API"', version='1.0.0'))
UI_VIEWS = {'swagger': SwaggerView, 'redoc': RedocView, 'scalar': ScalarView}
urlpatterns = [
    path('openapi.json', OpenAPIJsonView.as_view(schema)),
    path('openapi.yaml', OpenAPIYamlView.as_view(schema)),
    *(path(f'docs/{name}/', view.as_view(schema)) for name, view in UI_VIEWS.items()),
    path('other/mount/swagger', SwaggerView.as_view(schema)),
]


@pytest.fixture(autouse=True)
def _urls() -> Iterator[None]:
    with override_settings(ROOT_URLCONF=__name__):
        yield


class Links(HTMLParser):
    """The ``href``/``src`` URLs of a page and the text of its JSON data block."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.data: list[str] = []
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        url = found.get('src') or (found.get('href') if tag == 'link' else None)
        if url and not url.startswith('data:'):
            self.urls.append(url)
        self._in_data = tag == 'script' and found.get('id') == 'dmr-openapi'

    def handle_endtag(self, tag: str) -> None:
        self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data.append(data)


def page(url: str) -> Links:
    response = Client().get(url)
    assert response.status_code == 200
    assert response['Content-Type'] == 'text/html; charset=utf-8'
    links = Links()
    links.feed(response.content.decode())
    return links


def cache_control(name: str, version: str) -> str:
    response = Client().get('/docs/swagger/', {'asset': name, 'v': version})
    # Close the asset file as Django's test client would: without closing the
    # database connection, which belongs to the test session.
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    return response['Cache-Control']


def test_json_view_serves_the_document():
    """``OpenAPIJsonView`` answers with the document as ``application/json``."""
    response = Client().get('/openapi.json')
    assert response.status_code == 200
    assert response['Content-Type'] == 'application/json'
    assert json.loads(response.content) == schema


def test_json_view_keeps_unicode_as_utf8():
    """Non-ASCII text is sent as UTF-8, not as ``\\u`` escapes."""
    assert '«ünïcödé»'.encode() in Client().get('/openapi.json').content


def test_json_view_renders_the_document_once(monkeypatch: pytest.MonkeyPatch):
    """The bytes are made when the view is created, not per request."""
    view = OpenAPIJsonView.as_view({'openapi': '3.1.0'})

    def no_rendering(*args: object, **kwargs: object) -> str:
        raise AssertionError('rendered during a request')

    monkeypatch.setattr(views.json, 'dumps', no_rendering)
    assert view(RequestFactory().get('/')).content == b'{"openapi":"3.1.0"}'


def test_document_views_answer_head_without_a_body():
    """``HEAD`` is answered like ``GET``, without the body."""
    response = Client().head('/openapi.json')
    assert response.status_code == 200
    assert response.content == b''


@pytest.mark.parametrize('url', ['/openapi.json', '/openapi.yaml', '/docs/swagger/'])
def test_views_are_read_only(url: str):
    """Writing methods are 405 with the allowed ones listed."""
    response = Client().post(url)
    assert response.status_code == 405
    assert response['Allow'] == 'GET, HEAD, OPTIONS'


@pytest.mark.parametrize(
    'view',
    [OpenAPIJsonView, OpenAPIYamlView, SwaggerView, RedocView, ScalarView],
)
def test_views_need_the_document(view: type[OpenAPIJsonView]):
    """Creating a view from something that is not a document is a ``TypeError``."""
    with pytest.raises(TypeError, match=rf'{view.__name__}\.as_view\(\) takes the OpenAPI'):
        view.as_view('openapi.json')  # type: ignore[arg-type]


def test_yaml_view_serves_the_same_document():
    """``OpenAPIYamlView`` answers with YAML that reads back as the document."""
    response = Client().get('/openapi.yaml')
    assert response.status_code == 200
    assert response['Content-Type'] == 'application/yaml; charset=utf-8'
    assert yaml.safe_load(response.content) == schema


@pytest.mark.parametrize('name', sorted(UI_VIEWS))
def test_ui_page_embeds_the_document(name: str):
    """Each UI page carries the whole document in a JSON data block."""
    links = page(f'/docs/{name}/')
    assert json.loads(''.join(links.data)) == schema


def test_embedded_document_cannot_close_its_script():
    """Text in the document cannot end the data block and run as script."""
    content = Client().get('/docs/swagger/').content.decode()
    assert '</script><script>alert(1)' not in content
    assert content.count('</script>') == len(ui.SWAGGER.scripts) + 1


def test_ui_page_title_is_the_escaped_api_title():
    """The page's title is ``info.title``, HTML-escaped."""
    content = Client().get('/docs/redoc/').content.decode()
    assert '<title>Users &lt;&amp;&gt; &quot;API&quot;</title>' in content


def test_ui_page_title_defaults_for_a_document_without_one():
    """A document with no ``info.title`` gets a generic page title."""
    view = RedocView.as_view({'openapi': '3.1.0'})
    content = view(RequestFactory().get('/docs/')).content.decode()
    assert '<title>API</title>' in content


@pytest.mark.parametrize('name', sorted(UI_VIEWS))
def test_ui_page_files_are_served_by_its_view(name: str):
    """Every file a page links is served, with its type, under the page's URL."""
    urls = page(f'/docs/{name}/').urls
    assert urls
    for url in urls:
        assert url.startswith(f'/docs/{name}/?asset=')
        response = Client().get(url)
        assert response.status_code == 200, url
        assert response['Content-Type'].startswith(('text/javascript', 'text/css')), url
        assert b''.join(response.streaming_content)  # type: ignore[attr-defined]


def test_ui_files_follow_the_mount_point():
    """Mounted elsewhere, the page links its files under its own path."""
    urls = page('/other/mount/swagger').urls
    assert all(url.startswith('/other/mount/swagger?asset=') for url in urls)


def test_versioned_file_is_cached_for_a_year():
    """A file asked for with its current digest may be kept by browsers."""
    name = 'swagger-ui/swagger-ui.css'
    assert cache_control(name, ui.digest(name)) == 'public, max-age=31536000, immutable'


def test_unversioned_file_is_revalidated():
    """Without the current digest, the browser must ask again each time."""
    assert cache_control('swagger-ui/swagger-ui.css', 'old') == 'no-cache'


@pytest.mark.parametrize(
    'asset',
    ['../views.py', '/etc/passwd', 'README.md', 'redoc/redoc.standalone.js', ''],
)
def test_only_the_pages_own_files_are_served(asset: str):
    """Any other name, including another UI's file, is 404."""
    assert Client().get('/docs/swagger/', {'asset': asset}).status_code == 404


@pytest.mark.parametrize('shown', [ui.SWAGGER, ui.REDOC, ui.SCALAR], ids=lambda shown: shown.name)
def test_every_ui_file_ships_with_the_package(shown: ui.UI):
    """Each file a UI lists exists in the package's ``static`` folder."""
    for name in shown.assets:
        assert (ui.STATIC / name).is_file(), name


def test_vendored_files_match_their_readme():
    """``static/README.md`` gives each vendored file's true size and SHA-256."""
    rows = re.findall(r'^\| `([^`]+)` \| (\d+) \| `([0-9a-f]{64})` \|$', _readme(), re.MULTILINE)
    assert len(rows) >= 3
    for name, size, sha256 in rows:
        content = (ui.STATIC / name).read_bytes()
        assert (len(content), hashlib.sha256(content).hexdigest()) == (int(size), sha256), name


def test_every_vendored_ui_has_a_licence():
    """Each third-party folder ships its licence."""
    folders = {path.parent for path in ui.STATIC.glob('*/*')} - {ui.STATIC / 'dmr'}
    assert folders
    for folder in folders:
        assert (folder / 'LICENSE').is_file(), folder


def _readme() -> str:
    return (ui.STATIC / 'README.md').read_text()
