"""Pages by number: ``?page=2&per_page=20``.

>>> users = PageNumberPaginator()
>>> class UserListController(Controller):
...     def get(self, query: Query[Annotated[PageNumber, users]]) -> Page[UserOut]:
...         return users.paginate(User.objects.order_by('id'), query, user_out)

A page past the last one is a 404, as Django's ``ListView`` answers; every
endpoint answering a ``Page[T]`` documents it without declaring it. An empty
listing still has its page 1, with no items and ``pages == 1``, as Django's
``Paginator`` counts pages. The paginator in ``Annotated`` documents its
bounds in the OpenAPI document.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from django.utils.translation import gettext

from dmr.errors import APIError, ErrorType, error_detail, error_model
from dmr.pagination._common import ToItem, aread, as_is, own_sizes, read, require_order
from dmr.pagination._params import Bounds, Declared, Number, page_size
from dmr.pagination.config import PaginationSettings
from dmr.pagination.models import PAGE_NOT_FOUND, Page

_I = TypeVar('_I')


class PageNumberPaginator:
    """Answers ``Page[T]`` for the ``page`` and ``per_page`` of a query.

    ``per_page`` and ``max_per_page`` default to ``DMR_SETTINGS['pagination']``.
    """

    __slots__ = ('_numbers', 'max_per_page', 'per_page')

    responses = (PAGE_NOT_FOUND,)
    """The 404 past the end; ``Page[T]`` brings it already, so declaring it is optional."""

    def __init__(self, *, per_page: int | None = None, max_per_page: int | None = None) -> None:
        self.per_page, self.max_per_page = own_sizes(per_page, max_per_page)
        self._numbers = Declared(self._declare)

    def _declare(self, limits: PaginationSettings) -> tuple[Number, Number]:
        sizes = page_size('per_page', (self.per_page, self.max_per_page), limits)
        return Number('page', 1, 1), sizes

    def parameter_keywords(self) -> Mapping[str, Mapping[str, Any]]:
        """The bounds of ``page`` and ``per_page``, for the OpenAPI document."""
        return {number.name: number.keywords() for number in self._numbers()}

    def _plan(
        self, queryset: QuerySet[Any, Any], params: object, to_item: ToItem[_I]
    ) -> '_NumberPlan[_I]':
        require_order(queryset, type(self).__name__)
        page, sizes = self._numbers()
        bounds = Bounds(params)
        per_page = bounds.number(sizes)
        number = bounds.number(page)
        bounds.check()
        return _NumberPlan(queryset, number, per_page, to_item)

    def paginate(
        self,
        queryset: QuerySet[Any, Any],
        params: object,
        to_item: ToItem[_I] = as_is,
    ) -> Page[_I]:
        """The page of ``queryset`` (ordered) that ``params`` asks for."""
        return read(self._plan(queryset, params, to_item))

    async def apaginate(
        self,
        queryset: QuerySet[Any, Any],
        params: object,
        to_item: ToItem[_I] = as_is,
    ) -> Page[_I]:
        """:meth:`paginate` on the async ORM: ``acount()`` and ``async for``."""
        return await aread(self._plan(queryset, params, to_item))


@dataclass(frozen=True, slots=True)
class _NumberPlan(Generic[_I]):
    counted: QuerySet[Any, Any]
    number: int
    per_page: int
    to_item: ToItem[_I]

    def window(self, total: int | None) -> QuerySet[Any, Any]:
        pages = _pages(total or 0, self.per_page)
        if self.number > pages:
            raise _past_the_end(self.number, pages)
        bottom = (self.number - 1) * self.per_page
        return self.counted[bottom : bottom + self.per_page]

    def page(self, rows: list[Any], total: int | None) -> Page[_I]:
        return {
            'items': [self.to_item(row) for row in rows],
            'page': self.number,
            'per_page': self.per_page,
            'total': total or 0,
            'pages': _pages(total or 0, self.per_page),
        }


def _pages(total: int, per_page: int) -> int:
    """How many pages ``total`` rows fill; an empty listing has one."""
    return max(1, -(-total // per_page))


def _past_the_end(number: int, pages: int) -> APIError:
    detail = error_detail(
        gettext('Page %(number)s does not exist; the last page is %(pages)s')
        % {'number': number, 'pages': pages},
        ['query', 'page'],
        ErrorType.OUT_OF_RANGE,
    )
    return APIError(error_model([detail]), status_code=404)
