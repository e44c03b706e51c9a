"""The query parameters a listing reads and the pages it answers with.

The query models are ``TypedDict``s, which every bundled backend reads, so
``Query[PageNumber]`` works under msgspec, pydantic and attrs alike; a
listing with filters declares its own query model with the same field names
(``page``, ``per_page``, ``limit``, ``offset``, ``cursor``), in its backend's
library, and hands it to the paginator the same way.

The page models are generic for type checkers, and concrete at run time:
``Page[UserOut]`` is a ``TypedDict`` of its own, named ``UserOutPage``, built
once per item type, so that backends without generic classes (attrs) read
it too and the OpenAPI document names it after its items.
"""

from typing import TYPE_CHECKING, Any, Generic, NotRequired, TypeVar

from typing_extensions import TypedDict

from dmr.errors import ErrorModel
from dmr.responses import RESPONSES_OF_A_MODEL, ResponseSpec

_T = TypeVar('_T')

PAGE_NOT_FOUND = ResponseSpec(
    ErrorModel,
    status_code=404,
    description='The requested page is past the last page',
)
"""The 404 of a page number past the last page, which every ``Page[T]`` brings."""


class PageNumber(TypedDict):
    """Which page of a listing to answer with, counted from 1."""

    page: NotRequired[int]
    per_page: NotRequired[int]


class LimitOffset(TypedDict):
    """How many items to skip (``offset``) and how many to answer with (``limit``)."""

    limit: NotRequired[int]
    offset: NotRequired[int]


class PageCursor(TypedDict):
    """Where a listing resumes (the ``next`` or ``previous`` of a page) and its size."""

    cursor: NotRequired[str]
    per_page: NotRequired[int]


class _Family:
    """``Family[Item]``: the concrete page class of one item type, built once."""

    def __init__(
        self,
        suffix: str,
        doc: str,
        fields: dict[str, Any],
        responses: tuple[ResponseSpec, ...] = (),
    ) -> None:
        self.suffix = suffix
        self.doc = doc
        self.fields = fields
        self.responses = responses
        self.classes: dict[Any, type] = {}

    def __getitem__(self, item: Any) -> Any:
        try:
            return self.classes[item]
        except KeyError:
            pass
        except TypeError:
            raise TypeError(f'{self.suffix}[{item!r}]: the item type must be hashable') from None
        if isinstance(item, TypeVar):
            return self  # the annotations of generic code, such as the paginators' own
        if not isinstance(item, type) and item is not Any:
            raise TypeError(f'{self.suffix}[{item!r}]: the item type must be a named class')
        name = 'Any' if item is Any else item.__name__
        page = TypedDict(f'{name}{self.suffix}', {'items': list[item], **self.fields})  # type: ignore[misc]  # a class named at run time
        page.__doc__ = self.doc
        page.__module__ = __name__
        setattr(page, RESPONSES_OF_A_MODEL, self.responses)
        self.classes[item] = page
        return page

    def __repr__(self) -> str:
        return f'dmr.pagination.{self.suffix}'


if TYPE_CHECKING:

    class Page(TypedDict, Generic[_T]):
        """One page of a listing by page number, and where it stands among the others."""

        items: list[_T]
        page: int
        per_page: int
        total: int
        pages: int

    class OffsetPage(TypedDict, Generic[_T]):
        """One slice of a listing, and where the next one starts."""

        items: list[_T]
        limit: int
        offset: int
        total: int | None
        next_offset: int | None

    class CursorPage(TypedDict, Generic[_T]):
        """One page of a listing, and the cursors of the pages around it."""

        items: list[_T]
        per_page: int
        next: str | None
        previous: str | None

else:
    Page = _Family(
        'Page',
        'One page of a listing by page number, and where it stands among the others.',
        {'page': int, 'per_page': int, 'total': int, 'pages': int},
        (PAGE_NOT_FOUND,),
    )
    OffsetPage = _Family(
        'OffsetPage',
        'One slice of a listing, and where the next one starts.',
        {'limit': int, 'offset': int, 'total': int | None, 'next_offset': int | None},
    )
    CursorPage = _Family(
        'CursorPage',
        'One page of a listing, and the cursors of the pages around it.',
        {'per_page': int, 'next': str | None, 'previous': str | None},
    )
