"""Slices by position: ``?offset=40&limit=20``.

>>> events = LimitOffsetPaginator(count=False)
>>> class EventListController(Controller):
...     async def get(self, query: Query[Annotated[LimitOffset, events]]) -> OffsetPage[EventOut]:
...         return await events.apaginate(Event.objects.order_by('-id'), query, event_out)

An offset past the end is an empty slice. With ``count=False`` the table is
never counted (``total`` is ``null``): one row more than the limit is read to
know whether there is a next slice.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet

from dmr.pagination._common import ToItem, aread, as_is, own_sizes, read, require_order
from dmr.pagination._params import Bounds, Declared, Number, page_size
from dmr.pagination.config import PaginationSettings
from dmr.pagination.models import OffsetPage

_I = TypeVar('_I')


class LimitOffsetPaginator:
    """Answers ``OffsetPage[T]`` for the ``limit`` and ``offset`` of a query.

    ``per_page`` (the default limit), ``max_per_page`` (the largest limit)
    and ``max_offset`` default to ``DMR_SETTINGS['pagination']``; ``count``
    says whether to count the whole listing for ``total``.
    """

    __slots__ = ('_numbers', 'count', 'max_offset', 'max_per_page', 'per_page')

    responses = ()
    """No response beyond those of any ``Query``: out of range is a 400."""

    def __init__(
        self,
        *,
        per_page: int | None = None,
        max_per_page: int | None = None,
        max_offset: int | None = None,
        count: bool = True,
    ) -> None:
        self.per_page, self.max_per_page = own_sizes(per_page, max_per_page)
        if max_offset is not None and max_offset < 0:
            raise ValueError(f'max_offset must not be negative, not {max_offset}')
        self.max_offset = max_offset
        self.count = count
        self._numbers = Declared(self._declare)

    def _declare(self, limits: PaginationSettings) -> tuple[Number, Number]:
        deepest = limits.max_offset if self.max_offset is None else self.max_offset
        sizes = page_size('limit', (self.per_page, self.max_per_page), limits)
        return sizes, Number('offset', 0, 0, deepest)

    def parameter_keywords(self) -> Mapping[str, Mapping[str, Any]]:
        """The bounds of ``limit`` and ``offset``, for the OpenAPI document."""
        return {number.name: number.keywords() for number in self._numbers()}

    def _plan(
        self, queryset: QuerySet[Any, Any], params: object, to_item: ToItem[_I]
    ) -> '_SlicePlan[_I]':
        require_order(queryset, type(self).__name__)
        sizes, depth = self._numbers()
        bounds = Bounds(params)
        limit = bounds.number(sizes)
        offset = bounds.number(depth)
        bounds.check()
        return _SlicePlan(queryset, self.count, limit, offset, to_item)

    def paginate(
        self,
        queryset: QuerySet[Any, Any],
        params: object,
        to_item: ToItem[_I] = as_is,
    ) -> OffsetPage[_I]:
        """The slice of ``queryset`` (ordered) that ``params`` asks for."""
        return read(self._plan(queryset, params, to_item))

    async def apaginate(
        self,
        queryset: QuerySet[Any, Any],
        params: object,
        to_item: ToItem[_I] = as_is,
    ) -> OffsetPage[_I]:
        """:meth:`paginate` on the async ORM: ``acount()`` and ``async for``."""
        return await aread(self._plan(queryset, params, to_item))


@dataclass(frozen=True, slots=True)
class _SlicePlan(Generic[_I]):
    rows: QuerySet[Any, Any]
    count: bool
    limit: int
    offset: int
    to_item: ToItem[_I]

    @property
    def counted(self) -> QuerySet[Any, Any] | None:
        return self.rows if self.count else None

    def window(self, total: int | None) -> QuerySet[Any, Any]:
        return self.rows[self.offset : self.offset + self.limit + (total is None)]

    def page(self, rows: list[Any], total: int | None) -> OffsetPage[_I]:
        limit, offset = self.limit, self.offset
        more = len(rows) > limit if total is None else offset + limit < total
        return {
            'items': [self.to_item(row) for row in rows[:limit]],
            'limit': limit,
            'offset': offset,
            'total': total,
            'next_offset': offset + limit if more else None,
        }
