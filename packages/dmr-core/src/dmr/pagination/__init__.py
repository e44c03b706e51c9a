"""Pagination: pages by number, slices by offset, and signed cursors.

>>> from dmr.pagination import CursorPage, CursorPaginator, PageCursor
>>> newest = CursorPaginator(Article, ('-created_at',))
>>> class ArticleListController(Controller):
...     def get(self, query: Query[PageCursor]) -> CursorPage[ArticleOut]:
...         return newest.paginate(Article.objects.all(), query, article_out)

Each paginator reads its query parameters (a bundled ``TypedDict`` such as
:class:`PageNumber`, or the listing's own query model with the same field
names), answers a typed page (``Page[T]``, ``OffsetPage[T]``,
``CursorPage[T]``) and has an async twin, ``apaginate``, on the async ORM.
Parameters out of bounds are a 400 (``out_of_range``, ``invalid_cursor``);
sizes and the deepest offset default to ``DMR_SETTINGS['pagination']``
(:mod:`dmr.pagination.config`).
"""

from dmr.pagination._params import INVALID_CURSOR
from dmr.pagination.cursor import CursorPaginator
from dmr.pagination.limit_offset import LimitOffsetPaginator
from dmr.pagination.models import (
    PAGE_NOT_FOUND,
    CursorPage,
    LimitOffset,
    OffsetPage,
    Page,
    PageCursor,
    PageNumber,
)
from dmr.pagination.page_number import PageNumberPaginator

__all__ = [
    'INVALID_CURSOR',
    'PAGE_NOT_FOUND',
    'CursorPage',
    'CursorPaginator',
    'LimitOffset',
    'LimitOffsetPaginator',
    'OffsetPage',
    'Page',
    'PageCursor',
    'PageNumber',
    'PageNumberPaginator',
]
