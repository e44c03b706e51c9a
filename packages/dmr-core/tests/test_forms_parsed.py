"""Upload limits hold when Django parsed the form before the view.

A middleware that reads ``request.POST`` or ``request.FILES``, or the CSRF
check of a cookie auth (Django's ``CsrfViewMiddleware`` reads the
``csrfmiddlewaretoken`` field of a form ``POST``), makes Django parse the
body with none of the multipart parser's limits. The limits are then
checked against what Django parsed, with the same answers.
"""

import dataclasses
from collections.abc import Callable
from typing import Annotated, Any

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth.models import User as DjangoUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest, HttpResponse
from django.test import AsyncClient, Client, override_settings
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import path

from dmr import Body, Controller, Files
from dmr.files import FileLimit, UploadedFile
from dmr.parsers import MultipartParser
from dmr.security import DjangoSession
from tests.conftest import STARTPROJECT_MIDDLEWARE

pytestmark = pytest.mark.urls('tests.test_forms_parsed')

MAX_FILE = 100
MAX_REQUEST = 2000
PARSERS = (MultipartParser(max_file_size=MAX_FILE, max_request_size=MAX_REQUEST),)


@dataclasses.dataclass
class Note:
    title: str


@dataclasses.dataclass
class Scan:
    scan: Annotated[UploadedFile, FileLimit(max_size=10, content_types=('image/png',))]
    extras: list[UploadedFile] = dataclasses.field(default_factory=list)


class Scans(Controller):
    parsers = PARSERS

    def post(self, note: Body[Note], files: Files[Scan]) -> dict[str, Any]:
        return {'title': note.title, 'scan': files.scan.size}

    def put(self, note: Body[Note], files: Files[Scan]) -> dict[str, Any]:
        return {'title': note.title, 'scan': files.scan.size}


class AsyncScans(Controller):
    parsers = PARSERS

    async def post(self, note: Body[Note], files: Files[Scan]) -> dict[str, Any]:
        return {'title': note.title, 'scan': files.scan.size}

    async def put(self, note: Body[Note], files: Files[Scan]) -> dict[str, Any]:
        return {'title': note.title, 'scan': files.scan.size}


class SessionScans(Scans):
    auth = (DjangoSession(),)


class AsyncSessionScans(AsyncScans):
    auth = (DjangoSession(),)


urlpatterns = [
    path('sync/', Scans.as_view()),
    path('async/', AsyncScans.as_view()),
    path('session/sync/', SessionScans.as_view()),
    path('session/async/', AsyncSessionScans.as_view()),
]


def reads_the_form(get_response: Callable[[HttpRequest], Any]) -> Callable[[HttpRequest], Any]:
    """A middleware that looks at the form before the view, as many do."""

    def middleware(request: HttpRequest) -> Any:
        request.POST.get('title')
        return get_response(request)

    return middleware


MIDDLEWARE = [*STARTPROJECT_MIDDLEWARE, 'tests.test_forms_parsed.reads_the_form']
KINDS = ['sync', 'async']
TOKEN = 'a' * 32


def _png(size: int, name: str = 'scan.png') -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b'x' * size, content_type='image/png')


def _errors(response: HttpResponse) -> list[tuple[list[Any], str]]:
    assert response['Content-Type'] == 'application/json'
    return [(detail['loc'], detail['type']) for detail in response.json()['detail']]


async def _send(kind: str, data: dict[str, Any]) -> HttpResponse:
    if kind == 'sync':
        return Client().post(f'/{kind}/', data)
    return await AsyncClient().post(f'/{kind}/', data)


async def _put(kind: str, body: bytes) -> HttpResponse:
    if kind == 'sync':
        return Client().put(f'/{kind}/', body, content_type=MULTIPART_CONTENT)
    return await AsyncClient().put(f'/{kind}/', body, content_type=MULTIPART_CONTENT)


@pytest.fixture
def post() -> Callable[..., HttpResponse]:
    """Send a multipart POST through a middleware that reads ``request.POST``."""

    def send(kind: str, data: dict[str, Any]) -> HttpResponse:
        with override_settings(MIDDLEWARE=MIDDLEWARE):
            return async_to_sync(_send)(kind, data)

    return send


@pytest.mark.parametrize('kind', KINDS)
def test_a_form_read_by_a_middleware_is_served(kind: str, post: Any) -> None:
    """Within the limits, the form Django parsed is the one the endpoint gets."""
    response = post(kind, {'title': 'Hi', 'scan': _png(5)})
    assert response.status_code == 201, response.content
    assert response.json() == {'title': 'Hi', 'scan': 5}


@pytest.mark.parametrize('kind', KINDS)
def test_a_put_read_by_a_middleware_is_parsed_by_dmr(kind: str) -> None:
    """Django reads no PUT form: the middleware's empty look leaves the body to dmr."""
    body = encode_multipart(BOUNDARY, {'title': 'Hi', 'scan': _png(5)})
    with override_settings(MIDDLEWARE=MIDDLEWARE):
        response = async_to_sync(_put)(kind, body)
    assert response.status_code == 200, response.content
    assert response.json() == {'title': 'Hi', 'scan': 5}


@pytest.mark.parametrize('kind', KINDS)
def test_field_limit_holds_after_a_middleware(kind: str, post: Any) -> None:
    """A file over its field's ``FileLimit`` is ``file_too_large`` at its field."""
    response = post(kind, {'title': 'Hi', 'scan': _png(50)})
    assert response.status_code == 400
    assert _errors(response) == [(['files', 'scan'], 'file_too_large')]


@pytest.mark.parametrize('kind', KINDS)
def test_content_type_limit_holds_after_a_middleware(kind: str, post: Any) -> None:
    """A file of a type its field refuses is ``file_type_not_allowed``."""
    text = SimpleUploadedFile('scan.txt', b'x', content_type='text/plain')
    response = post(kind, {'title': 'Hi', 'scan': text})
    assert response.status_code == 400
    assert _errors(response) == [(['files', 'scan'], 'file_type_not_allowed')]


@pytest.mark.parametrize('kind', KINDS)
def test_parser_file_limit_holds_after_a_middleware(kind: str, post: Any) -> None:
    """A file over ``max_file_size`` is refused even in a field without a limit."""
    response = post(kind, {'title': 'Hi', 'scan': _png(5), 'extras': [_png(MAX_FILE + 1)]})
    assert response.status_code == 400
    assert _errors(response) == [(['files', 'extras'], 'file_too_large')]


@pytest.mark.parametrize('kind', KINDS)
def test_request_limit_holds_after_a_middleware(kind: str, post: Any) -> None:
    """A body over ``max_request_size`` is a 413, though Django read it whole."""
    extras = [_png(MAX_FILE) for _ in range(MAX_REQUEST // MAX_FILE + 1)]
    response = post(kind, {'title': 'Hi', 'scan': _png(5), 'extras': extras})
    assert response.status_code == 413
    assert _errors(response) == [([], 'body_too_large')]


@pytest.fixture
def session() -> Client:
    """A logged-in client whose CSRF cookie holds ``TOKEN``."""
    user = DjangoUser.objects.create_user('alice', password='alice-pw')
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.cookies['csrftoken'] = TOKEN
    return client


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize('kind', KINDS)
def test_csrf_check_reading_the_form_leaves_it_valid(kind: str, session: Client) -> None:
    """The CSRF token read from the form passes, and the form is served."""
    data = {'csrfmiddlewaretoken': TOKEN, 'title': 'Hi', 'scan': _png(5)}
    response = session.post(f'/session/{kind}/', data)
    assert response.status_code == 201, response.content
    assert response.json() == {'title': 'Hi', 'scan': 5}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize('kind', KINDS)
def test_file_limit_holds_after_the_csrf_check(kind: str, session: Client) -> None:
    """The CSRF check parsed the form: a file over its limit is still refused."""
    data = {'csrfmiddlewaretoken': TOKEN, 'title': 'Hi', 'scan': _png(50)}
    response = session.post(f'/session/{kind}/', data)
    assert response.status_code == 400
    assert _errors(response) == [(['files', 'scan'], 'file_too_large')]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize('kind', KINDS)
def test_request_limit_holds_after_the_csrf_check(kind: str, session: Client) -> None:
    """The CSRF check parsed the form: a body over ``max_request_size`` is a 413."""
    data = {
        'csrfmiddlewaretoken': TOKEN,
        'title': 'Hi',
        'scan': _png(5),
        'extras': [_png(MAX_FILE) for _ in range(MAX_REQUEST // MAX_FILE + 1)],
    }
    response = session.post(f'/session/{kind}/', data)
    assert response.status_code == 413
    assert _errors(response) == [([], 'body_too_large')]
