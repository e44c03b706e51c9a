"""dmr.pagination in the core: declarations, settings, page classes and the cursor token.

The HTTP cases of every paginator run on each backend in the conformance kit
(``dmr.testing.conformance.pagination``); these check what needs no backend.
"""

import datetime
import decimal
import json
import uuid
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import models
from django.test import AsyncRequestFactory, RequestFactory, override_settings
from hypothesis import given
from hypothesis import strategies as st
from typing_extensions import TypedDict

from dmr import Controller, Query, modify
from dmr.pagination import (
    CursorPage,
    CursorPaginator,
    LimitOffset,
    LimitOffsetPaginator,
    OffsetPage,
    Page,
    PageCursor,
    PageNumber,
    PageNumberPaginator,
)
from dmr.pagination._token import MAX_LENGTH, CursorError, decode, encode
from dmr.settings import SettingsError, parse_settings

SERIALIZER = 'tests.stub_backend.StubSerializer'
factory = RequestFactory()


class Named(TypedDict):
    name: str


def named(user: User) -> Named:
    return {'name': user.username}


_offsets = LimitOffsetPaginator()
_values = CursorPaginator(User, ('username',), per_page=2)


class Offsets(Controller):
    def get(self, query: Query[LimitOffset]) -> OffsetPage[Named]:
        return _offsets.paginate(User.objects.order_by('id'), query, named)


class Values(Controller):
    async def get(self, query: Query[PageCursor]) -> CursorPage[Any]:
        rows = User.objects.values('id', 'username')
        return await _values.apaginate(rows, query)


def _get(view: Any, query: str = '') -> Any:
    with override_settings(DMR_SETTINGS={'serializer': SERIALIZER}):
        return view.as_view()(factory.get(f'/?{query}'))


@pytest.mark.django_db
def test_settings_set_the_default_size() -> None:
    """``DMR_SETTINGS['pagination']`` sizes a page when the paginator does not."""
    for number in range(4):
        User.objects.create(username=f'u{number}')
    settings = {'serializer': SERIALIZER, 'pagination': {'per_page': 3, 'max_per_page': 3}}
    with override_settings(DMR_SETTINGS=settings):
        page = json.loads(Offsets.as_view()(factory.get('/')).content)
        refused = Offsets.as_view()(factory.get('/?limit=4'))
    assert (len(page['items']), page['limit'], page['next_offset']) == (3, 3, 3)
    assert refused.status_code == 400


@pytest.mark.django_db(transaction=True)
def test_cursor_pages_values_rows() -> None:
    """A cursor pages ``values()`` rows (dicts) as well as model instances."""
    for name in ('c', 'a', 'b'):
        User.objects.create(username=name)
    request = AsyncRequestFactory().get('/')
    with override_settings(DMR_SETTINGS={'serializer': SERIALIZER}):
        from asgiref.sync import async_to_sync

        first = json.loads(async_to_sync(Values.as_view())(request).content)
    assert [row['username'] for row in first['items']] == ['a', 'b']
    assert first['next'] is not None


@pytest.mark.parametrize(
    ('value', 'message'),
    [
        ([], 'must be a dict'),
        ({'size': 3}, "unknown key 'size'"),
        ({'per_page': '3'}, "'per_page' must be an integer"),
        ({'per_page': True}, "'per_page' must be an integer"),
        ({'per_page': 0}, "'per_page' must be at least 1"),
        ({'max_offset': -1}, "'max_offset' must not be negative"),
        ({'per_page': 50, 'max_per_page': 10}, "'per_page' must not be more than"),
    ],
)
def test_bad_pagination_settings(value: Any, message: str) -> None:
    """Bad ``DMR_SETTINGS['pagination']`` values are settings errors naming the key."""
    with pytest.raises(SettingsError, match=message):
        parse_settings({'pagination': value})


@pytest.mark.parametrize(
    ('arguments', 'message'),
    [
        ({'per_page': 0}, 'per_page must be at least 1'),
        ({'max_per_page': 0}, 'max_per_page must be at least 1'),
        ({'per_page': 9, 'max_per_page': 3}, 'must not be more than max_per_page'),
        ({'max_offset': -1}, 'max_offset must not be negative'),
    ],
)
def test_bad_paginator_arguments(arguments: dict[str, Any], message: str) -> None:
    """A paginator refuses sizes that could never answer a page."""
    with pytest.raises(ValueError, match=message):
        LimitOffsetPaginator(**arguments)


@pytest.mark.parametrize(
    ('model', 'ordering', 'message'),
    [
        (User, (), 'non-empty sequence'),
        (User, 'username', 'non-empty sequence'),
        (User, ('nickname',), "no field 'nickname'"),
        (User, ('groups',), 'not a column'),
        (Group, ('user',), 'not a column'),
        (User, ('last_login',), 'may be NULL'),
    ],
)
def test_bad_cursor_ordering(model: Any, ordering: Any, message: str) -> None:
    """A cursor ordering of unknown, relation or nullable fields fails at declaration."""
    with pytest.raises(ValueError, match=message):
        CursorPaginator(model, ordering)


def test_cursor_ordering_ends_in_a_unique_field() -> None:
    """The primary key ends an ordering whose last field is not unique; a unique one stays last."""
    assert CursorPaginator(User, ('-date_joined',)).ordering == ('-date_joined', '-id')
    assert CursorPaginator(User, ('username',)).ordering == ('username',)
    assert CursorPaginator(Permission, ('codename',)).ordering == ('codename', 'id')


def test_cursor_refuses_another_model() -> None:
    """Paginating rows of another model than the declared one is a programming error."""
    with pytest.raises(TypeError, match='orders User, not Group'):
        _values.paginate(Group.objects.all(), {})


@pytest.mark.parametrize('paginator', [PageNumberPaginator(), LimitOffsetPaginator()])
def test_unordered_queryset_is_refused(paginator: Any) -> None:
    """Pages of an unordered queryset could overlap: it is a programming error."""
    with pytest.raises(TypeError, match='needs an ordered queryset'):
        paginator.paginate(User.objects.all(), {})


def test_page_classes_are_built_once_per_item() -> None:
    """``Page[T]`` is one concrete class per item type, named after it."""
    assert Page[Named] is Page[Named]
    assert Page[Named].__name__ == 'NamedPage'
    assert CursorPage[Named].__name__ == 'NamedCursorPage'
    assert repr(OffsetPage) == 'dmr.pagination.OffsetPage'


@pytest.mark.parametrize('item', [list[int], dict[str, list[int]]])
def test_page_of_an_unnamed_type_is_refused(item: Any) -> None:
    """A page's class is named after its items, which must be a named class."""
    with pytest.raises(TypeError, match='must be a named class'):
        Page[item]


def test_page_of_an_unhashable_type_is_refused() -> None:
    """An item annotation that cannot be hashed cannot key the class cache."""
    from typing import Annotated

    with pytest.raises(TypeError, match='must be hashable'):
        Page[Annotated[int, {}]]


_FIELDS: list[tuple[Any, st.SearchStrategy[Any]]] = [
    (models.IntegerField(), st.integers()),
    (models.CharField(), st.text()),
    (
        models.DateTimeField(),
        st.datetimes(timezones=st.just(datetime.UTC)),
    ),
    (models.DateField(), st.dates()),
    (models.UUIDField(), st.uuids()),
    (
        models.DecimalField(max_digits=12, decimal_places=3),
        st.decimals(places=3, allow_nan=False, allow_infinity=False, max_value=10**8),
    ),
    (models.BooleanField(), st.booleans()),
]


@given(st.data(), st.sampled_from(['n', 'p']))
def test_cursor_round_trip(data: st.DataObject, direction: str) -> None:
    """A token decodes to the direction and values it was made of, whatever their type."""
    chosen = data.draw(st.lists(st.sampled_from(_FIELDS), min_size=1, max_size=4))
    fields = [field for field, _ in chosen]
    position = [data.draw(strategy) for _, strategy in chosen]
    with override_settings(SECRET_KEY='round-trip'):
        token = encode(direction, position, 'salt')
        assert len(token) <= MAX_LENGTH
        assert decode(token, fields, 'salt') == (direction, position)


@given(st.integers(), st.integers(min_value=0), st.characters(codec='ascii'))
def test_tampered_cursor_is_refused(value: int, index: int, replacement: str) -> None:
    """Changing any character of a token makes it invalid."""
    token = encode('n', [value], 'salt')
    index %= len(token)
    changed = token[:index] + replacement + token[index + 1 :]
    if changed == token:
        return
    with pytest.raises(CursorError):
        decode(changed, [models.IntegerField()], 'salt')


@pytest.mark.parametrize(
    ('data', 'message'),
    [
        ([0, 'n', 1], 'older version'),
        ([1], 'older version'),
        ({'v': 1}, 'older version'),
        ([1, 'x', 1], 'does not match'),
        ([1, 'n', 1, 2], 'does not match'),
        ([1, 'n', 'one'], 'does not match'),
    ],
)
def test_signed_but_unusable_cursor(data: Any, message: str) -> None:
    """A correctly signed token of another shape or version is refused."""
    from django.core import signing

    token = signing.Signer(salt='salt').sign_object(data, compress=False)
    with pytest.raises(CursorError, match=message):
        decode(token, [models.IntegerField()], 'salt')


def test_decimal_and_uuid_are_text_in_the_token() -> None:
    """Values without a JSON type travel as their exact text."""
    token = encode('n', [decimal.Decimal('1.10'), uuid.UUID(int=1)], 'salt')
    fields = [models.DecimalField(max_digits=4, decimal_places=2), models.UUIDField()]
    assert decode(token, fields, 'salt') == ('n', [decimal.Decimal('1.10'), uuid.UUID(int=1)])


_numbers = PageNumberPaginator(per_page=2)
_names = CursorPaginator(User, ('username',), per_page=2)


class Numbers(Controller):
    @modify(extra_responses=_numbers.responses)
    def get(self, query: Query[PageNumber]) -> Page[Named]:
        return _numbers.paginate(User.objects.order_by('id'), query, named)


class AsyncNumbers(Controller):
    @modify(extra_responses=_numbers.responses)
    async def get(self, query: Query[PageNumber]) -> Page[Named]:
        return await _numbers.apaginate(User.objects.order_by('id'), query, named)


class UndeclaredNumbers(Controller):
    """Pages by number that do not declare the 404 themselves: ``Page[T]`` brings it."""

    def get(self, query: Query[PageNumber]) -> Page[Named]:
        return _numbers.paginate(User.objects.order_by('id'), query, named)


class AsyncUndeclaredNumbers(Controller):
    async def get(self, query: Query[PageNumber]) -> Page[Named]:
        return await _numbers.apaginate(User.objects.order_by('id'), query, named)


class AsyncOffsets(Controller):
    async def get(self, query: Query[LimitOffset]) -> OffsetPage[Named]:
        return await _offsets.apaginate(User.objects.order_by('id'), query, named)


class Names(Controller):
    def get(self, query: Query[PageCursor]) -> CursorPage[Named]:
        return _names.paginate(User.objects.all(), query, named)


def _call(view: Any, query: str = '') -> tuple[int, Any]:
    from asgiref.sync import async_to_sync

    with override_settings(DMR_SETTINGS={'serializer': SERIALIZER}):
        handler = view.as_view()
        if view.view_is_async:
            response = async_to_sync(handler)(AsyncRequestFactory().get(f'/?{query}'))
        else:
            response = handler(factory.get(f'/?{query}'))
    return response.status_code, json.loads(response.content)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    'view', [Numbers, AsyncNumbers, UndeclaredNumbers, AsyncUndeclaredNumbers]
)
def test_page_numbers_on_the_stub_backend(view: Any) -> None:
    """Pages by number answer their page, a 404 past the end and a 400 for page 0."""
    for number in range(3):
        User.objects.create(username=f'u{number}')
    assert _call(view, 'page=2') == (
        200,
        {'items': [{'name': 'u2'}], 'page': 2, 'per_page': 2, 'total': 3, 'pages': 2},
    )
    status, body = _call(view, 'page=3')
    assert (status, body['detail'][0]['type']) == (404, 'out_of_range')
    assert _call(view, 'page=0')[0] == 400


def test_a_page_by_number_documents_its_404_without_declaring_it() -> None:
    """``Page[T]`` names the 404 past the end; the endpoint documents it as declared."""
    with override_settings(DMR_SETTINGS={'serializer': SERIALIZER}):
        declared = Numbers.compiled().endpoints['GET'].responses
        brought = UndeclaredNumbers.compiled().endpoints['GET'].responses
    assert set(brought) == set(declared)
    assert brought[404].spec.description == 'The requested page is past the last page'


@pytest.mark.django_db(transaction=True)
def test_offsets_on_the_async_orm() -> None:
    """Slices by offset count with ``acount()`` and read with ``async for``."""
    User.objects.create(username='only')
    assert _call(AsyncOffsets, 'offset=0') == (
        200,
        {'items': [{'name': 'only'}], 'limit': 20, 'offset': 0, 'total': 1, 'next_offset': None},
    )


@pytest.mark.django_db
def test_cursor_on_the_stub_backend() -> None:
    """A cursor walks forward and back; a tampered one is a 400 ``invalid_cursor``."""
    for name in ('d', 'b', 'a', 'c', 'e'):
        User.objects.create(username=name)
    _, first = _call(Names)
    _, second = _call(Names, f'cursor={first["next"]}')
    _, back = _call(Names, f'cursor={second["previous"]}')
    assert [item['name'] for item in second['items']] == ['c', 'd']
    assert (back['items'], back['previous']) == (first['items'], None)
    status, body = _call(Names, f'cursor={first["next"]}x')
    assert (status, body['detail'][0]['type']) == (400, 'invalid_cursor')


def test_oversized_cursor_is_refused_unread() -> None:
    """A token longer than the cap is refused before its signature is checked."""
    with pytest.raises(CursorError, match='longer than'):
        decode('x' * (MAX_LENGTH + 1), [models.IntegerField()], 'salt')


@pytest.mark.django_db
def test_params_may_be_the_listings_own_model() -> None:
    """A paginator reads its parameters from any object with the same attribute names."""
    import types

    User.objects.create(username='one')
    User.objects.create(username='two')
    params = types.SimpleNamespace(limit=1, offset=1, search='ignored')
    page = _offsets.paginate(User.objects.order_by('id'), params, named)
    assert (page['items'], page['total']) == ([{'name': 'two'}], 2)
