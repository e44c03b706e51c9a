"""Listings in pages: ``PageQuery`` in, ``Page[T]`` out, through Django's ``Paginator``.

>>> class UserQuery(PageQuery):
...     search: str | None = None
>>> paginate(Page[UserOut], User.objects.order_by('id'), query, user_out)

``PageQuery`` and ``Page`` are models, written for each backend in
:mod:`newsroom.schemas`; this module picks those of the project's backend.
A listing names its page class, ``Page[UserOut]``, as its return annotation
does: the attrs backend has no generic classes, and there ``Page[UserOut]``
is a concrete class of its own, ``UserPage``.

A page past the last one answers 404 (as Django's ``ListView`` does); an
empty listing still has its page 1, with no items and ``pages == 1``.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Model, QuerySet
from dmr import APIError, ResponseSpec
from dmr.errors import ErrorModel, ErrorType, error_detail, error_model

from newsroom.schemas import Page, PageQuery

__all__ = ['PAGE_PAST_THE_END', 'Page', 'PageQuery', 'paginate']

_M = TypeVar('_M', bound=Model)
_P = TypeVar('_P')

PAGE_PAST_THE_END = ResponseSpec(
    ErrorModel,
    status_code=404,
    description='The requested page is past the last page',
)


def paginate(
    page_class: Callable[..., _P],
    queryset: QuerySet[_M],
    query: PageQuery,
    to_item: Callable[[_M], Any],
) -> _P:
    """The page of ``queryset`` (which must be ordered) that ``query`` asks for.

    ``page_class`` is the listing's ``Page[...]``, and ``to_item`` turns each
    object into one of its items.
    """
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
    return page_class(
        items=[to_item(obj) for obj in page.object_list],
        page=page.number,
        per_page=query.per_page,
        total=paginator.count,
        pages=paginator.num_pages,
    )
