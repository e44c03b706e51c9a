"""Keywords a parameter model's ``Annotated`` metadata adds to its OpenAPI parameters.

A :class:`dmr.components.ParameterKeywords` (a paginator, or any object with
``parameter_keywords()``) documents bounds that it enforces itself; the
backend never sees it.
"""

import dataclasses
from collections.abc import Mapping
from typing import Annotated, Any, TypedDict

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory, override_settings

from dmr import Body, Controller, Cookies, Headers, Path, Query
from dmr.components import ParameterKeywords
from dmr.errors import EndpointDefinitionError
from dmr.pagination import (
    CursorPaginator,
    LimitOffset,
    LimitOffsetPaginator,
    PageCursor,
    PageNumber,
    PageNumberPaginator,
)
from tests.models import PathArgs, Session, Token
from tests.openapi_support import VERSIONS, document, operation, served

_numbers = PageNumberPaginator(per_page=10, max_per_page=50)
_offsets = LimitOffsetPaginator()
_cursor = CursorPaginator(User, ('username',))


def _schemas(controller: type[Controller[Any]], version: str = '3.1.0') -> dict[str, Any]:
    found = operation(document(served(controller), openapi_version=version), 'get')
    return {parameter['name']: parameter['schema'] for parameter in found['parameters']}


class Numbers(Controller):
    def get(self, query: Query[Annotated[PageNumber, _numbers]]) -> list[int]:
        raise NotImplementedError


class Offsets(Controller):
    def get(self, query: Query[Annotated[LimitOffset, _offsets]]) -> list[int]:
        raise NotImplementedError


class Cursor(Controller):
    def get(self, query: Query[Annotated[PageCursor, _cursor]]) -> list[int]:
        raise NotImplementedError


@pytest.mark.parametrize('version', VERSIONS)
def test_a_paginator_documents_its_own_sizes(version: str) -> None:
    """A paginator built with ``max_per_page=50`` documents 50, in every version."""
    schemas = _schemas(Numbers, version)
    assert schemas['per_page'] | {'type': 'integer'} == schemas['per_page']
    assert {key: schemas['per_page'][key] for key in ('minimum', 'maximum', 'default')} == {
        'minimum': 1,
        'maximum': 50,
        'default': 10,
    }
    assert (schemas['page']['minimum'], schemas['page']['default']) == (1, 1)
    assert 'maximum' not in schemas['page']


def test_settings_bound_a_paginator_without_its_own() -> None:
    """Without sizes of its own, a paginator documents ``DMR_SETTINGS['pagination']``."""
    settings = {
        'serializer': 'tests.stub_backend.StubSerializer',
        'pagination': {'per_page': 5, 'max_per_page': 30, 'max_offset': 900},
    }
    with override_settings(DMR_SETTINGS=settings):
        schemas = _schemas(Offsets)
    assert (schemas['limit']['maximum'], schemas['limit']['default']) == (30, 5)
    assert (schemas['offset']['minimum'], schemas['offset']['maximum']) == (0, 900)


def test_a_cursor_documents_its_length() -> None:
    """The cursor parameter says how long a cursor may be."""
    cursor = _schemas(Cursor)['cursor']
    assert (cursor['type'], cursor['minLength'], cursor['maxLength']) == ('string', 1, 1024)


@pytest.mark.django_db
def test_the_backend_reads_the_model_without_the_paginator() -> None:
    """The model in ``Annotated`` is read as itself: the paginator is not part of it."""

    class Listing(Controller):
        def get(self, query: Query[Annotated[PageNumber, _numbers]]) -> dict[str, int]:
            return {'page': _numbers.paginate(User.objects.order_by('id'), query)['page']}

    request = RequestFactory().get('/?page=1&per_page=50')
    assert Listing.as_view()(request).content == b'{"page":1}'


@dataclasses.dataclass(frozen=True)
class Bounded:
    """Keywords for any names, as a third party might write them."""

    keywords: Mapping[str, Mapping[str, Any]]

    def parameter_keywords(self) -> Mapping[str, Mapping[str, Any]]:
        return self.keywords


def test_any_parameter_component_takes_keywords() -> None:
    """Headers, path and cookie parameters take keywords too; unknown names are skipped."""
    assert isinstance(Bounded({}), ParameterKeywords)

    class Everywhere(Controller):
        def get(
            self,
            path: Path[Annotated[PathArgs, Bounded({'user_id': {'minimum': 1}})]],
            headers: Headers[Annotated[Token, Bounded({'x_token': {'minLength': 8}})]],
            cookies: Cookies[Annotated[Session, Bounded({'absent': {'minimum': 3}})]],
        ) -> list[int]:
            raise NotImplementedError

    routes = served(Everywhere, 'users/<int:user_id>/')
    found = operation(document(routes), 'get', '/api/users/{user_id}/')
    schemas = {parameter['name']: parameter['schema'] for parameter in found['parameters']}
    assert schemas['user_id']['minimum'] == 1
    assert schemas['x-token']['minLength'] == 8
    assert schemas['sessionid'] == {'type': 'string'}


class Inner(TypedDict):
    depth: int


class Outer(TypedDict):
    inner: Inner


@pytest.mark.parametrize('version', VERSIONS)
def test_keywords_beside_a_reference(version: str) -> None:
    """A parameter whose schema is a ``$ref`` keeps it in ``allOf``, beside the keywords."""

    class Referenced(Controller):
        def get(
            self, query: Query[Annotated[Outer, Bounded({'inner': {'title': 'x'}})]]
        ) -> list[int]:
            raise NotImplementedError

    inner = _schemas(Referenced, version)['inner']
    assert inner == {'allOf': [{'$ref': '#/components/schemas/Inner'}], 'title': 'x'}


def test_keywords_on_a_body_are_refused() -> None:
    """A body is no parameter: keywords on it fail when the class is built."""
    with pytest.raises(EndpointDefinitionError, match="'body': Bounded documents query"):

        class Refused(Controller):
            def post(self, body: Body[Annotated[PathArgs, Bounded({})]]) -> list[int]:
                raise NotImplementedError
