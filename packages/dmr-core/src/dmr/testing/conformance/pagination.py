"""The pagination suite: every paginator through HTTP, on one backend, sync and async.

    # tests/test_pagination.py of a backend package
    from dmr.testing.conformance.pagination import pagination_suite

    TestPagination = pagination_suite(Catalogue(serializer=MySerializer, ...))

The listings page through the kit's own rows, with the catalogue's
``Scalars`` as items, so the backend's settings need ``'dmr.testing.rows'``
in ``INSTALLED_APPS`` (:mod:`dmr.testing.rows`), a database and a
``SECRET_KEY``; the cases use pytest-django's ``django_db`` mark.
"""

import datetime
import json
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.http import HttpResponse
from django.test import RequestFactory

from dmr.openapi import OpenAPIConfig, build_schema
from dmr.testing.conformance._catalogue import Catalogue
from dmr.testing.conformance._suite import OPENAPI_VERSIONS

_factory = RequestFactory()
_START = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
SIZES = (0, 5)
"""The tables every listing case runs on: empty, and five users."""


def _users(count: int) -> None:
    """``count`` rows; rows 2 and 3 joined at the same moment, to test ties."""
    from dmr.testing.rows.models import Row  # noqa: PLC0415 - needs the kit's app ready

    for number in range(1, count + 1):
        moment = _START + datetime.timedelta(days=min(number, 3) if number != 2 else 3)
        Row.objects.create(name=f'user{number}', joined=moment)


def pagination_suite(catalogue: Catalogue) -> type:
    """A pytest test class that checks the paginators on one backend.

    >>> TestPagination = pagination_suite(Catalogue(serializer=MySerializer, ...))
    """
    from dmr.testing.conformance._pagination_app import pagination_api  # noqa: PLC0415 - a model

    def get(name: str, query: str = '', *, is_async: bool) -> HttpResponse:
        controllers, _ = pagination_api(catalogue)
        view = controllers[f'async-{name}' if is_async else name].as_view()
        request = _factory.get(f'/?{query}')
        if is_async:
            return async_to_sync(view)(request)  # type: ignore[no-any-return]
        return view(request)  # type: ignore[no-any-return]

    def ok(name: str, query: str = '', *, is_async: bool) -> dict[str, Any]:
        response = get(name, query, is_async=is_async)
        assert response.status_code == 200, response.content
        return json.loads(response.content)  # type: ignore[no-any-return]

    def refused(name: str, query: str, *, is_async: bool, status: int = 400) -> list[Any]:
        response = get(name, query, is_async=is_async)
        assert response.status_code == status, response.content
        return [(tuple(d['loc']), d['type']) for d in json.loads(response.content)['detail']]

    def valid_document(version: str) -> dict[str, Any]:
        """The listings' OpenAPI document in ``version``, validated."""
        from openapi_spec_validator import validate  # noqa: PLC0415 - a test dependency

        _, router = pagination_api(catalogue)
        document: dict[str, Any] = build_schema(router, OpenAPIConfig(openapi_version=version))
        validate(document)
        return document

    def texts(page: dict[str, Any]) -> list[str]:
        return [item['text'] for item in page['items']]

    @pytest.mark.django_db(transaction=True)
    @pytest.mark.parametrize('is_async', [False, True], ids=['sync', 'async'])
    class TestPagination:
        """dmr.pagination on one backend, through HTTP."""

        def test_page_numbers(self, is_async: bool) -> None:
            """A page by number holds its items and counts the listing."""
            _users(5)
            page = ok('numbers', 'page=2', is_async=is_async)
            assert texts(page) == ['user3', 'user4']
            assert {k: v for k, v in page.items() if k != 'items'} == {
                'page': 2,
                'per_page': 2,
                'total': 5,
                'pages': 3,
            }
            item = page['items'][0]
            assert item == {'text': 'user3', 'count': item['count'], 'ratio': 0.5, 'flag': False}

        def test_last_page_number(self, is_async: bool) -> None:
            """The last page holds what is left."""
            _users(5)
            assert texts(ok('numbers', 'page=2&per_page=3', is_async=is_async)) == [
                'user4',
                'user5',
            ]

        @pytest.mark.parametrize('size', SIZES)
        def test_page_past_the_end_is_404(self, is_async: bool, size: int) -> None:
            """A page number past the last page is a 404 that names ``page``."""
            _users(size)
            assert refused('numbers', 'page=4', is_async=is_async, status=404) == [
                (('query', 'page'), 'out_of_range'),
            ]

        def test_empty_table_has_page_one(self, is_async: bool) -> None:
            """An empty listing answers its page 1, empty, of one page."""
            page = ok('numbers', '', is_async=is_async)
            assert page == {'items': [], 'page': 1, 'per_page': 2, 'total': 0, 'pages': 1}

        @pytest.mark.parametrize(
            ('query', 'errors'),
            [
                ('page=0', [(('query', 'page'), 'out_of_range')]),
                ('page=-3', [(('query', 'page'), 'out_of_range')]),
                ('per_page=0', [(('query', 'per_page'), 'out_of_range')]),
                ('per_page=6', [(('query', 'per_page'), 'out_of_range')]),
                (
                    'page=0&per_page=1000000',
                    [(('query', 'per_page'), 'out_of_range'), (('query', 'page'), 'out_of_range')],
                ),
                ('page=two', [(('query', 'page'), 'type_error')]),
            ],
            ids=['zero', 'negative', 'empty-size', 'huge-size', 'both', 'text'],
        )
        def test_bad_page_numbers(self, is_async: bool, query: str, errors: list[Any]) -> None:
            """Page parameters out of bounds are a 400 naming each of them."""
            _users(5)
            assert refused('numbers', query, is_async=is_async) == errors

        @pytest.mark.parametrize('size', SIZES)
        def test_offsets(self, is_async: bool, size: int) -> None:
            """A slice holds ``limit`` items from ``offset``, and where the next starts."""
            _users(size)
            page = ok('offsets', 'offset=1&limit=3', is_async=is_async)
            assert texts(page) == ['user2', 'user3', 'user4'][: max(0, size - 1)]
            assert page['total'] == size
            assert page['next_offset'] == (4 if size else None)

        @pytest.mark.parametrize('name', ['offsets', 'uncounted'])
        def test_offset_past_the_end_is_empty(self, is_async: bool, name: str) -> None:
            """An offset past the end is an empty slice, not an error."""
            _users(5)
            page = ok(name, 'offset=40', is_async=is_async)
            assert page['items'] == []
            assert page['next_offset'] is None

        def test_uncounted_offsets(self, is_async: bool) -> None:
            """Uncounted, ``total`` is null and ``next_offset`` still says if more follow."""
            _users(5)
            first = ok('uncounted', 'limit=4', is_async=is_async)
            last = ok('uncounted', 'limit=4&offset=4', is_async=is_async)
            assert (first['total'], first['next_offset'], len(first['items'])) == (None, 4, 4)
            assert (last['total'], last['next_offset'], texts(last)) == (None, None, ['user5'])

        @pytest.mark.parametrize(
            ('query', 'errors'),
            [
                ('offset=-1', [(('query', 'offset'), 'out_of_range')]),
                ('offset=51', [(('query', 'offset'), 'out_of_range')]),
                ('limit=0', [(('query', 'limit'), 'out_of_range')]),
                ('limit=99999999999', [(('query', 'limit'), 'out_of_range')]),
                ('limit=1.5', [(('query', 'limit'), 'type_error')]),
            ],
            ids=['negative', 'too-deep', 'empty', 'huge', 'fraction'],
        )
        def test_bad_offsets(self, is_async: bool, query: str, errors: list[Any]) -> None:
            """Offsets and limits out of bounds are a 400 naming each of them."""
            assert refused('offsets', query, is_async=is_async) == errors

        def test_cursor_walks_forward_and_back(self, is_async: bool) -> None:
            """``next`` visits every row once in the declared order, ``previous`` comes back."""
            _users(5)
            pages = [ok('cursor', '', is_async=is_async)]
            while pages[-1]['next'] is not None:
                pages.append(ok('cursor', f'cursor={pages[-1]["next"]}', is_async=is_async))
            assert [texts(page) for page in pages] == [
                ['user5', 'user4'],
                ['user3', 'user2'],
                ['user1'],
            ]
            assert pages[0]['previous'] is None
            back = ok('cursor', f'cursor={pages[2]["previous"]}', is_async=is_async)
            assert texts(back) == ['user3', 'user2']
            first = ok('cursor', f'cursor={back["previous"]}', is_async=is_async)
            assert (texts(first), first['previous']) == (['user5', 'user4'], None)

        def test_cursor_on_empty_table(self, is_async: bool) -> None:
            """An empty listing is one empty page with no cursors."""
            page = ok('cursor', 'per_page=5', is_async=is_async)
            assert page == {'items': [], 'per_page': 5, 'next': None, 'previous': None}

        def test_cursor_past_the_end_is_empty(self, is_async: bool) -> None:
            """A cursor whose following rows are gone answers an empty page."""
            from dmr.testing.rows.models import Row  # noqa: PLC0415 - see _users

            _users(5)
            cursor = ok('cursor', 'per_page=4', is_async=is_async)['next']
            Row.objects.filter(name='user1').delete()
            page = ok('cursor', f'cursor={cursor}', is_async=is_async)
            assert (page['items'], page['next']) == ([], None)

        @pytest.mark.parametrize(
            'cursor',
            ['garbage', 'W1sibiIsMV0:abc', 'x' * 2000, ''],
            ids=['garbage', 'bad-signature', 'oversized', 'empty'],
        )
        def test_bad_cursor(self, is_async: bool, cursor: str) -> None:
            """A cursor dmr did not sign is a 400 of type ``invalid_cursor``."""
            assert refused('cursor', f'cursor={cursor}', is_async=is_async) == [
                (('query', 'cursor'), 'invalid_cursor'),
            ]

        def test_tampered_cursor(self, is_async: bool) -> None:
            """Changing one character of a real cursor makes it invalid."""
            _users(5)
            cursor = ok('cursor', '', is_async=is_async)['next']
            changed = cursor[:3] + ('A' if cursor[3] != 'A' else 'B') + cursor[4:]
            assert refused('cursor', f'cursor={changed}', is_async=is_async) == [
                (('query', 'cursor'), 'invalid_cursor'),
            ]

        def test_cursor_of_another_listing(self, is_async: bool) -> None:
            """A cursor of one listing is refused by another listing of the same rows."""
            _users(5)
            cursor = ok('other-cursor', '', is_async=is_async)['next']
            assert refused('cursor', f'cursor={cursor}', is_async=is_async) == [
                (('query', 'cursor'), 'invalid_cursor'),
            ]

        def test_cursor_size_out_of_bounds(self, is_async: bool) -> None:
            """``per_page`` past the largest page size is a 400."""
            assert refused('cursor', 'per_page=6', is_async=is_async) == [
                (('query', 'per_page'), 'out_of_range'),
            ]

        @pytest.mark.parametrize('version', OPENAPI_VERSIONS)
        def test_openapi(self, is_async: bool, version: str) -> None:
            """Each listing documents its query parameters, its page and its 404."""
            document = valid_document(version)
            prefix = '/pagination/async-' if is_async else '/pagination/'
            expected = {
                'numbers': (['page', 'per_page'], 'Page', {'200', '400', '404'}),
                'offsets': (['limit', 'offset'], 'OffsetPage', {'200', '400'}),
                'cursor': (['cursor', 'per_page'], 'CursorPage', {'200', '400'}),
            }
            name = catalogue.scalars.__name__
            for listing, (parameters, suffix, statuses) in expected.items():
                operation = document['paths'][f'{prefix}{listing}/']['get']
                assert [p['name'] for p in operation['parameters']] == parameters
                assert statuses <= set(operation['responses'])
                content = operation['responses']['200']['content']['application/json']
                assert content['schema'] == {'$ref': f'#/components/schemas/{name}{suffix}'}

        @pytest.mark.parametrize('version', OPENAPI_VERSIONS)
        def test_openapi_bounds(self, is_async: bool, version: str) -> None:
            """Each query parameter documents the bounds its paginator enforces."""
            document = valid_document(version)
            prefix = '/pagination/async-' if is_async else '/pagination/'
            size = {'minimum': 1, 'maximum': 5, 'default': 2}
            expected = {
                'numbers': {'page': {'minimum': 1, 'default': 1}, 'per_page': size},
                'offsets': {'limit': size, 'offset': {'minimum': 0, 'maximum': 50, 'default': 0}},
                'cursor': {'cursor': {'minLength': 1, 'maxLength': 1024}, 'per_page': size},
            }
            for listing, bounds in expected.items():
                operation = document['paths'][f'{prefix}{listing}/']['get']
                for parameter in operation['parameters']:
                    schema, wanted = parameter['schema'], bounds[parameter['name']]
                    found = {key: schema[key] for key in wanted if key in schema}
                    assert found == wanted, (listing, parameter)

        def test_documented_bounds_are_enforced(self, is_async: bool) -> None:
            """A value one past each documented bound is refused, the bound itself is not."""
            _users(5)
            assert ok('offsets', 'offset=50&limit=5', is_async=is_async)['items'] == []
            assert refused('offsets', 'offset=51', is_async=is_async) == [
                (('query', 'offset'), 'out_of_range'),
            ]
            assert len(ok('numbers', 'per_page=5', is_async=is_async)['items']) == 5

    return TestPagination
