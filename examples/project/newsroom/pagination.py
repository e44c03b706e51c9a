"""Listings in pages: ``PageQuery`` in, ``Page[T]`` out, through Django's ``Paginator``.

>>> class UserQuery(PageQuery):
...     search: str | None = None
>>> paginate(User.objects.order_by('id'), query, user_out)   # a Page[UserOut]

A page past the last one answers 404 (as Django's ``ListView`` does); an
empty listing still has its page 1, with no items and ``pages == 1``.
"""

from collections.abc import Callable
from typing import Annotated, Generic, TypeVar

import msgspec
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Model, QuerySet
from dmr import APIError, ResponseSpec
from dmr.errors import ErrorModel, ErrorType, error_detail, error_model

MAX_PER_PAGE = 100

_M = TypeVar('_M', bound=Model)
_T = TypeVar('_T')

PAGE_PAST_THE_END = ResponseSpec(
    ErrorModel,
    status_code=404,
    description='The requested page is past the last page',
)


class PageQuery(msgspec.Struct):
    """Which page of a listing to answer with."""

    page: Annotated[int, msgspec.Meta(ge=1, description='The page number, from 1')] = 1
    per_page: Annotated[
        int,
        msgspec.Meta(ge=1, le=MAX_PER_PAGE, description='How many items a page holds'),
    ] = 20


class Page(msgspec.Struct, Generic[_T]):
    """One page of a listing, and where it stands among the others."""

    items: list[_T]
    page: int
    per_page: int
    total: int
    pages: int


def paginate(
    queryset: QuerySet[_M],
    query: PageQuery,
    to_item: Callable[[_M], _T],
) -> Page[_T]:
    """The page of ``queryset`` (which must be ordered) that ``query`` asks for."""
    paginator = Paginator(queryset, query.per_page)
    try:
        page = paginator.page(query.page)
    except EmptyPage:
        detail = error_detail(
            f'Page {query.page} does not exist; the last page is {paginator.num_pages}',
            ['query', 'page'],
            ErrorType.OUT_OF_RANGE,
        )
        raise APIError(error_model([detail]), status_code=404) from None
    return Page(
        items=[to_item(obj) for obj in page.object_list],
        page=page.number,
        per_page=query.per_page,
        total=paginator.count,
        pages=paginator.num_pages,
    )
