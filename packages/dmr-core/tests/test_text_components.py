"""Text components read by the table, and NUL refused everywhere, through HTTP."""

import asyncio
import json
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import AsyncRequestFactory, RequestFactory, override_settings

from dmr import Body, Controller, Cookies, Headers, Path, Query
from dmr.settings import SettingsError, parse_settings
from tests.models import Page, PathArgs, Session, Token, UserCreate

factory = RequestFactory()
async_factory = AsyncRequestFactory()


class Everything(Controller):
    def get(
        self,
        page: Query[Page],
        path: Path[PathArgs],
        token: Headers[Token],
        session: Cookies[Session],
    ) -> list[str]:
        return [str(page.page), *page.tags, str(path['user_id'])]

    def post(self, user: Body[UserCreate]) -> str:
        return user.email


class AsyncEverything(Controller):
    async def get(
        self,
        page: Query[Page],
        path: Path[PathArgs],
        token: Headers[Token],
        session: Cookies[Session],
    ) -> list[str]:
        return [str(page.page), *page.tags, str(path['user_id'])]

    async def post(self, user: Body[UserCreate]) -> str:
        return user.email


def _get(
    query: str = 'page=1',
    user_id: Any = '5',
    token: str = 't',
    session: str = 's',
    *,
    is_async: bool,
    controller: Any = None,
) -> HttpResponse:
    maker = async_factory if is_async else factory
    request = maker.get(f'/?{query}', headers={'X-Token': token})
    request.COOKIES['sessionid'] = session
    view = (controller or (AsyncEverything if is_async else Everything)).as_view()
    result = view(request, user_id=user_id)
    return asyncio.run(result) if is_async else result  # type: ignore[no-any-return]


def _post(content: bytes, *, is_async: bool, controller: Any = None) -> HttpResponse:
    maker = async_factory if is_async else factory
    request = maker.post('/', content, content_type='application/json')
    view = (controller or (AsyncEverything if is_async else Everything)).as_view()
    result = view(request)
    return asyncio.run(result) if is_async else result  # type: ignore[no-any-return]


def _errors(response: HttpResponse) -> list[tuple[list[Any], str]]:
    assert response.status_code == 400, response.content
    return [(detail['loc'], detail['type']) for detail in json.loads(response.content)['detail']]


modes = pytest.mark.parametrize('is_async', [False, True], ids=['sync', 'async'])


@modes
def test_text_is_read_into_values(is_async: bool) -> None:
    """Query and path text become the integers the model declares."""
    response = _get('page=2&tags=a&tags=b', user_id='7', is_async=is_async)
    assert json.loads(response.content) == ['2', 'a', 'b', '7']


@modes
def test_path_values_django_converted_are_kept(is_async: bool) -> None:
    """A path value a URL converter already made an ``int`` is not read again."""
    response = _get(user_id=7, is_async=is_async)
    assert json.loads(response.content) == ['1', '7']


@modes
@pytest.mark.parametrize('text', ['1e3', '1.0', '+5', '1_000', '%2012%20', '007', ''])
def test_integers_outside_the_table_are_type_errors(text: str, is_async: bool) -> None:
    """Only canonical integer text is an integer, in the query as in the path."""
    assert _errors(_get(f'page={text}', is_async=is_async)) == [(['query', 'page'], 'type_error')]
    assert _errors(_get(user_id=text.replace('%20', ' '), is_async=is_async)) == [
        (['path', 'user_id'], 'type_error'),
    ]


@modes
def test_table_errors_join_the_backend_errors(is_async: bool) -> None:
    """A text error is reported beside the backend's errors of other fields and components."""
    response = _get('tags=a', user_id='x', is_async=is_async)
    assert _errors(response) == [
        (['query', 'page'], 'missing'),
        (['path', 'user_id'], 'type_error'),
    ]


@modes
@pytest.mark.parametrize(
    ('kwargs', 'loc'),
    [
        ({'query': 'page=1&tags=a%00b'}, ['query', 'tags', 0]),
        ({'query': 'page=1&t%00=1'}, ['query', 't\x00']),
        ({'user_id': '5\x00'}, ['path', 'user_id']),
        ({'token': 't\x00'}, ['headers', 'x_token']),
        ({'session': '\x00'}, ['cookies', 'sessionid']),
    ],
    ids=['query-value', 'query-key', 'path', 'header', 'cookie'],
)
def test_nul_in_text_is_a_value_error(
    kwargs: dict[str, Any], loc: list[Any], is_async: bool
) -> None:
    """NUL in any text component is refused at its field."""
    assert _errors(_get(**kwargs, is_async=is_async)) == [(loc, 'value_error')]


@modes
def test_nul_in_a_non_ascii_query_is_refused(is_async: bool) -> None:
    """A query string Django decodes itself is checked too."""
    response = _get('page=1&tags=%C3%A9%00', is_async=is_async)
    assert _errors(response) == [(['query', 'tags', 0], 'value_error')]


@modes
def test_nul_in_a_json_string_is_a_value_error(is_async: bool) -> None:
    """An escaped NUL in a JSON body is refused at its field."""
    response = _post(b'{"email": "a\\u0000@example.com"}', is_async=is_async)
    assert _errors(response) == [(['body', 'email'], 'value_error')]


@modes
def test_nul_in_a_json_key_is_a_value_error(is_async: bool) -> None:
    """An escaped NUL in a JSON key is refused at the key."""
    response = _post(b'{"email": "a", "x": [{"\\u0000": 1}]}', is_async=is_async)
    assert _errors(response) == [(['body', 'x', 0, '\x00'], 'value_error')]


@modes
def test_an_escaped_backslash_before_u0000_is_text(is_async: bool) -> None:
    """``\\\\u0000`` in JSON is a backslash and five characters, not NUL."""
    response = _post(b'{"email": "\\\\u0000"}', is_async=is_async)
    assert response.status_code == 201
    assert json.loads(response.content) == '\\u0000'


@modes
def test_malformed_json_with_an_escape_is_a_parse_error(is_async: bool) -> None:
    """A body that is not JSON is reported by its parser, NUL or not."""
    response = _post(b'{"email": "\\u0000', is_async=is_async)
    assert _errors(response) == [(['body'], 'parse_error')]


@modes
def test_allow_nul_lets_nul_through(is_async: bool) -> None:
    """With ``allow_nul``, NUL reaches the endpoint in bodies and text."""
    with override_settings(
        DMR_SETTINGS={'serializer': 'tests.stub_backend.StubSerializer', 'allow_nul': True},
    ):
        if is_async:

            class Lenient(Controller):
                async def get(self, page: Query[Page]) -> list[str]:
                    return page.tags

                async def post(self, user: Body[UserCreate]) -> str:
                    return user.email

        else:

            class Lenient(Controller):  # type: ignore[no-redef]  # one of two variants
                def get(self, page: Query[Page]) -> list[str]:
                    return page.tags

                def post(self, user: Body[UserCreate]) -> str:
                    return user.email

        body = _post(b'{"email": "a\\u0000"}', is_async=is_async, controller=Lenient)
        query = _get('page=1&tags=%00', is_async=is_async, controller=Lenient)
    assert body.status_code == 201
    assert json.loads(body.content) == 'a\x00'
    assert json.loads(query.content) == ['\x00']


@pytest.mark.parametrize('value', [True, False])
def test_allow_nul_takes_a_bool(value: bool) -> None:
    """``allow_nul`` keeps the boolean it is given."""
    assert parse_settings({'allow_nul': value}).allow_nul is value


def test_allow_nul_refuses_other_values() -> None:
    """``allow_nul`` is a boolean; anything else names the key."""
    with pytest.raises(SettingsError, match='allow_nul'):
        parse_settings({'allow_nul': 'yes'})
