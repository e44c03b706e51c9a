"""What the paginators share: one reading of a request, served by the sync and async ORM.

A paginator turns a request into a :class:`Plan` (parameters read and
checked, queries built, nothing run); :func:`read` and :func:`aread` run the
plan's two queries, the count and the window, on the sync or the async ORM
(``count``/``acount``, ``list``/``async for``), so the two halves differ in
their I/O alone and the async one never hops to a thread.
"""

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from django.db.models import QuerySet

_I = TypeVar('_I')
_P_co = TypeVar('_P_co', covariant=True)
_P = TypeVar('_P')

ToItem = Callable[[Any], _I]
"""Turns one row of the queryset into one item of the page."""


def as_is(row: Any) -> Any:
    """The row itself: for querysets of ``values()`` dicts, or items the backend writes."""
    return row


def require_order(queryset: QuerySet[Any, Any], paginator: str) -> None:
    """Refuse an unordered queryset, whose pages could overlap or skip rows."""
    if not queryset.ordered:
        raise TypeError(
            f'{paginator} needs an ordered queryset: call .order_by() on '
            f'{queryset.model.__name__}.objects before paginating it',
        )


def own_sizes(per_page: int | None, max_per_page: int | None) -> tuple[int | None, int | None]:
    """Check a paginator's own sizes when it is declared."""
    for name, value in (('per_page', per_page), ('max_per_page', max_per_page)):
        if value is not None and value < 1:
            raise ValueError(f'{name} must be at least 1, not {value}')
    if per_page is not None and max_per_page is not None and per_page > max_per_page:
        raise ValueError(f'per_page ({per_page}) must not be more than max_per_page')
    return per_page, max_per_page


class Plan(Protocol[_P_co]):
    """What one request reads, decided before any query runs."""

    @property
    def counted(self) -> QuerySet[Any, Any] | None:
        """The rows to count, or ``None`` not to count."""

    def window(self, total: int | None, /) -> QuerySet[Any, Any]:
        """The rows of the page, once the count (if any) is known."""

    def page(self, rows: list[Any], total: int | None, /) -> _P_co:
        """The page of the rows read."""


def read(plan: Plan[_P]) -> _P:
    """Run ``plan`` on the sync ORM."""
    counted = plan.counted
    total = None if counted is None else counted.count()
    return plan.page(list(plan.window(total)), total)


async def aread(plan: Plan[_P]) -> _P:
    """Run ``plan`` on the async ORM: ``acount()`` and ``async for``, no thread hop."""
    counted = plan.counted
    total = None if counted is None else await counted.acount()
    return plan.page([row async for row in plan.window(total)], total)
