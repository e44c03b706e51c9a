"""The listings of the pagination suite: the kit's ``Row``s as ``Scalars`` items.

Each paginator gets a sync and an async controller pinned to the backend
under test; items are the catalogue's ``Scalars`` (``text`` is the row's
name, ``count`` its id), so a backend's own model travels inside the
bundled page models. Each query model carries its paginator in
``Annotated``, which documents the paginator's bounds.
"""

import functools
from typing import Annotated, Any, cast

from dmr.components import Component
from dmr.controller import Controller
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
from dmr.responses import modify
from dmr.routing import Router, path
from dmr.testing.conformance._build import annotate, build_controller, component_annotation
from dmr.testing.conformance._catalogue import Catalogue
from dmr.testing.rows.models import Row

PAGINATORS: dict[str, tuple[Any, Any, Any]] = {
    'numbers': (PageNumberPaginator(per_page=2, max_per_page=5), PageNumber, Page),
    'offsets': (
        LimitOffsetPaginator(per_page=2, max_per_page=5, max_offset=50),
        LimitOffset,
        OffsetPage,
    ),
    'uncounted': (
        LimitOffsetPaginator(per_page=2, max_per_page=5, max_offset=50, count=False),
        LimitOffset,
        OffsetPage,
    ),
    'cursor': (
        CursorPaginator(Row, ('-joined',), per_page=2, max_per_page=5),
        PageCursor,
        CursorPage,
    ),
    'other-cursor': (
        CursorPaginator(Row, ('-joined',), per_page=2, max_per_page=5, salt='other'),
        PageCursor,
        CursorPage,
    ),
}
"""The paginators by listing name, with their query and page models."""


def _listing(catalogue: Catalogue, name: str, *, is_async: bool) -> type[Controller[Any]]:
    paginator, query_model, page_family = PAGINATORS[name]

    def item(row: Row) -> Any:
        fields = {'text': row.name, 'count': row.pk, 'ratio': 0.5, 'flag': row.staff}
        return catalogue.construct(catalogue.scalars, fields)

    rows = Row.objects.order_by('id')
    if is_async:

        async def get_async(self: Controller[Any], query: Any) -> Any:
            return await paginator.apaginate(rows, query, item)

        endpoint: Any = get_async
    else:

        def get(self: Controller[Any], query: Any) -> Any:
            return paginator.paginate(rows, query, item)

        endpoint = get
    annotated = annotate(
        endpoint,
        query=component_annotation(
            Component.QUERY, cast('Any', Annotated)[query_model, paginator]
        ),
        **{'return': page_family[catalogue.scalars]},
    )
    prefix = 'Async' if is_async else ''
    title = name.title().replace('-', '')
    return build_controller(
        f'{prefix}{title}ListController',
        catalogue.serializer,
        {'get': modify(extra_responses=paginator.responses)(annotated)},
    )


@functools.cache
def pagination_api(catalogue: Catalogue) -> tuple[dict[str, type[Controller[Any]]], Router]:
    """The listing controllers by ``name`` and ``async-name``, and their router."""
    controllers: dict[str, type[Controller[Any]]] = {}
    for name in PAGINATORS:
        controllers[name] = _listing(catalogue, name, is_async=False)
        controllers[f'async-{name}'] = _listing(catalogue, name, is_async=True)
    router = Router(
        'pagination/',
        [path(f'{name}/', view.as_view(), name=name) for name, view in controllers.items()],
    )
    return controllers, router
