"""What the paginators share: the item conversion and the ordered-queryset check."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import QuerySet

_I = TypeVar('_I')

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


def page_size(per_page: int | None, max_per_page: int | None) -> tuple[int | None, int | None]:
    """Check a paginator's own sizes when it is declared."""
    for name, value in (('per_page', per_page), ('max_per_page', max_per_page)):
        if value is not None and value < 1:
            raise ValueError(f'{name} must be at least 1, not {value}')
    if per_page is not None and max_per_page is not None and per_page > max_per_page:
        raise ValueError(f'per_page ({per_page}) must not be more than max_per_page')
    return per_page, max_per_page
