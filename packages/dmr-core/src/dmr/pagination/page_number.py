"""Pages by number, on Django's ``Paginator``: ``?page=2&per_page=20``.

>>> users = PageNumberPaginator()
>>> class UserListController(Controller):
...     def get(self, query: Query[PageNumber]) -> Page[UserOut]:
...         return users.paginate(User.objects.order_by('id'), query, user_out)

A page past the last one is a 404, as Django's ``ListView`` answers; every
endpoint answering a ``Page[T]`` documents it without declaring it. An empty
listing still has its page 1, with no items and ``pages == 1``.
"""

from typing import Any, TypeVar

from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext

from dmr.errors import APIError, ErrorType, error_detail, error_model
from dmr.pagination._common import ToItem, as_is, page_size, require_order
from dmr.pagination._params import Bounds, current_settings
from dmr.pagination.models import PAGE_NOT_FOUND, Page

_I = TypeVar('_I')


class PageNumberPaginator:
    """Answers ``Page[T]`` for the ``page`` and ``per_page`` of a query.

    ``per_page`` and ``max_per_page`` default to ``DMR_SETTINGS['pagination']``.
    """

    __slots__ = ('max_per_page', 'per_page')

    responses = (PAGE_NOT_FOUND,)
    """The 404 past the end; ``Page[T]`` brings it already, so declaring it is optional."""

    def __init__(self, *, per_page: int | None = None, max_per_page: int | None = None) -> None:
        self.per_page, self.max_per_page = page_size(per_page, max_per_page)

    def _read(self, params: object) -> tuple[int, int]:
        limits = current_settings()
        bounds = Bounds(params)
        most = self.max_per_page or limits.max_per_page
        per_page = bounds.number('per_page', min(self.per_page or limits.per_page, most), 1, most)
        number = bounds.number('page', 1, 1, None)
        bounds.check()
        return number, per_page

    def paginate(
        self,
        queryset: QuerySet[Any, Any],
        params: object,
        to_item: ToItem[_I] = as_is,
    ) -> Page[_I]:
        """The page of ``queryset`` (ordered) that ``params`` asks for."""
        require_order(queryset, type(self).__name__)
        number, per_page = self._read(params)
        paginator = Paginator(queryset, per_page)
        try:
            page = paginator.page(number)
        except EmptyPage:
            raise _past_the_end(number, paginator.num_pages) from None
        items = [to_item(row) for row in page.object_list]
        return _page(items, number, per_page, paginator.count, paginator.num_pages)

    async def apaginate(
        self,
        queryset: QuerySet[Any, Any],
        params: object,
        to_item: ToItem[_I] = as_is,
    ) -> Page[_I]:
        """:meth:`paginate` on the async ORM: ``acount()`` and ``async for``."""
        require_order(queryset, type(self).__name__)
        number, per_page = self._read(params)
        total = await queryset.acount()
        pages = max(1, -(-total // per_page))
        if number > pages:
            raise _past_the_end(number, pages)
        bottom = (number - 1) * per_page
        items = [to_item(row) async for row in queryset[bottom : bottom + per_page]]
        return _page(items, number, per_page, total, pages)


def _page(items: list[_I], number: int, per_page: int, total: int, pages: int) -> Page[_I]:
    return {'items': items, 'page': number, 'per_page': per_page, 'total': total, 'pages': pages}


def _past_the_end(number: int, pages: int) -> APIError:
    detail = error_detail(
        gettext('Page %(number)s does not exist; the last page is %(pages)s')
        % {'number': number, 'pages': pages},
        ['query', 'page'],
        ErrorType.OUT_OF_RANGE,
    )
    return APIError(error_model([detail]), status_code=404)
