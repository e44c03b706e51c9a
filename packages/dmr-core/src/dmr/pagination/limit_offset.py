"""Slices by position: ``?offset=40&limit=20``.

>>> events = LimitOffsetPaginator(count=False)
>>> class EventListController(Controller):
...     async def get(self, query: Query[LimitOffset]) -> OffsetPage[EventOut]:
...         return await events.apaginate(Event.objects.order_by('-id'), query, event_out)

An offset past the end is an empty slice. With ``count=False`` the table is
never counted (``total`` is ``null``): one row more than the limit is read to
know whether there is a next slice.
"""

from typing import Any, TypeVar

from django.db.models import QuerySet

from dmr.pagination._common import ToItem, as_is, page_size, require_order
from dmr.pagination._params import Bounds, current_settings
from dmr.pagination.models import OffsetPage

_I = TypeVar('_I')


class LimitOffsetPaginator:
    """Answers ``OffsetPage[T]`` for the ``limit`` and ``offset`` of a query.

    ``per_page`` (the default limit), ``max_per_page`` (the largest limit)
    and ``max_offset`` default to ``DMR_SETTINGS['pagination']``; ``count``
    says whether to count the whole listing for ``total``.
    """

    __slots__ = ('count', 'max_offset', 'max_per_page', 'per_page')

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
        self.per_page, self.max_per_page = page_size(per_page, max_per_page)
        if max_offset is not None and max_offset < 0:
            raise ValueError(f'max_offset must not be negative, not {max_offset}')
        self.max_offset = max_offset
        self.count = count

    def _read(self, params: object) -> tuple[int, int]:
        limits = current_settings()
        bounds = Bounds(params)
        most = self.max_per_page or limits.max_per_page
        limit = bounds.number('limit', min(self.per_page or limits.per_page, most), 1, most)
        deepest = limits.max_offset if self.max_offset is None else self.max_offset
        offset = bounds.number('offset', 0, 0, deepest)
        bounds.check()
        return limit, offset

    def paginate(
        self,
        queryset: QuerySet[Any, Any],
        params: object,
        to_item: ToItem[_I] = as_is,
    ) -> OffsetPage[_I]:
        """The slice of ``queryset`` (ordered) that ``params`` asks for."""
        require_order(queryset, type(self).__name__)
        limit, offset = self._read(params)
        total = queryset.count() if self.count else None
        rows = list(queryset[offset : offset + limit + (total is None)])
        return _slice(rows, to_item, limit, offset, total)

    async def apaginate(
        self,
        queryset: QuerySet[Any, Any],
        params: object,
        to_item: ToItem[_I] = as_is,
    ) -> OffsetPage[_I]:
        """:meth:`paginate` on the async ORM: ``acount()`` and ``async for``."""
        require_order(queryset, type(self).__name__)
        limit, offset = self._read(params)
        total = await queryset.acount() if self.count else None
        rows = [row async for row in queryset[offset : offset + limit + (total is None)]]
        return _slice(rows, to_item, limit, offset, total)


def _slice(
    rows: list[Any],
    to_item: ToItem[_I],
    limit: int,
    offset: int,
    total: int | None,
) -> OffsetPage[_I]:
    more = len(rows) > limit if total is None else offset + limit < total
    return {
        'items': [to_item(row) for row in rows[:limit]],
        'limit': limit,
        'offset': offset,
        'total': total,
        'next_offset': offset + limit if more else None,
    }
