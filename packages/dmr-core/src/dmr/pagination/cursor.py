"""Pages by position (keyset): ``?cursor=...&per_page=20``.

>>> newest = CursorPaginator(Article, ('-created_at',))
>>> class ArticleListController(Controller):
...     def get(self, query: Query[Annotated[PageCursor, newest]]) -> CursorPage[ArticleOut]:
...         return newest.paginate(Article.objects.all(), query, article_out)

The ordering is declared once, on the model: it must end in a unique,
non-null field, and the primary key is appended when it does not, so that no
two rows share a position. A page reads ``per_page + 1`` rows after (or
before) the cursor's position, and never counts the table or skips rows, so
deep pages cost what the first one does, and rows added while a client walks
the listing neither repeat nor vanish. The cursor is signed with
``SECRET_KEY`` and a salt of the listing; any other text is a 400 of type
``invalid_cursor``. A cursor past the end is an empty page.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Model, Q, QuerySet

from dmr.pagination._common import ToItem, aread, as_is, own_sizes, read
from dmr.pagination._params import INVALID_CURSOR, Bounds, Declared, page_size, value_of
from dmr.pagination._token import BACKWARD, FORWARD, MAX_LENGTH, CursorError, decode, encode
from dmr.pagination.models import CursorPage

_I = TypeVar('_I')


def _ordering_fields(
    model: type[Model], ordering: Sequence[str]
) -> tuple[tuple['Field[Any, Any]', bool], ...]:
    """``(field, descending)`` of each ordering entry, ending in a unique field."""
    if isinstance(ordering, str) or not ordering:
        raise ValueError('ordering must be a non-empty sequence of field names')
    found: list[tuple[Field[Any, Any], bool]] = []
    for entry in ordering:
        name = entry.removeprefix('-')
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            raise ValueError(f'{model.__name__} has no field {name!r} to order by') from None
        if not isinstance(field, Field) or not field.concrete or field.many_to_many:
            raise ValueError(f'{model.__name__}.{name} is not a column a cursor can order by')
        if field.null:
            raise ValueError(
                f'{model.__name__}.{name} may be NULL, and NULL rows have no position '
                'in a keyset: order by non-null fields only',
            )
        found.append((field, entry.startswith('-')))
    last, descending = found[-1]
    if not (last.unique or last.primary_key):
        found.append((model._meta.pk, descending))
    return tuple(found)


class CursorPaginator:
    """Answers ``CursorPage[T]`` for the ``cursor`` and ``per_page`` of a query.

    ``model`` and ``ordering`` (field names, ``-`` for descending) fix the
    order of the listing; ``salt`` tells apart two listings of the same
    model and ordering whose cursors must not be exchanged. ``per_page`` and
    ``max_per_page`` default to ``DMR_SETTINGS['pagination']``.
    """

    __slots__ = (
        '_sizes',
        'fields',
        'max_per_page',
        'model',
        'ordering',
        'per_page',
        'reverse',
        'salt',
    )

    responses = ()
    """No response beyond those of any ``Query``: a bad cursor is a 400."""

    def __init__(
        self,
        model: type[Model],
        ordering: Sequence[str],
        *,
        per_page: int | None = None,
        max_per_page: int | None = None,
        salt: str = '',
    ) -> None:
        self.per_page, self.max_per_page = own_sizes(per_page, max_per_page)
        self.model = model
        self.fields = _ordering_fields(model, ordering)
        self.ordering = tuple(f'-{f.name}' if down else f.name for f, down in self.fields)
        self.reverse = tuple(f.name if down else f'-{f.name}' for f, down in self.fields)
        self.salt = f'dmr.pagination.cursor:{model._meta.label}:{",".join(self.ordering)}:{salt}'
        own = (self.per_page, self.max_per_page)
        self._sizes = Declared(lambda limits: page_size('per_page', own, limits))

    def parameter_keywords(self) -> Mapping[str, Mapping[str, Any]]:
        """The bounds of ``cursor`` and ``per_page``, for the OpenAPI document."""
        cursor = {'minLength': 1, 'maxLength': MAX_LENGTH}
        return {'cursor': cursor, 'per_page': self._sizes().keywords()}

    def _plan(
        self, queryset: QuerySet[Any, Any], params: object, to_item: ToItem[_I]
    ) -> '_CursorPlan[_I]':
        """What to read, and the page size; a bad parameter is a 400."""
        if not issubclass(queryset.model, self.model):
            raise TypeError(
                f'This CursorPaginator orders {self.model.__name__}, '
                f'not {queryset.model.__name__}',
            )
        bounds = Bounds(params)
        per_page = bounds.number(self._sizes())
        token = value_of(params, 'cursor')
        direction, position = FORWARD, None
        if token is not None:
            try:
                direction, position = decode(token, [f for f, _ in self.fields], self.salt)
            except CursorError as exc:
                bounds.fail('cursor', str(exc), INVALID_CURSOR)
        bounds.check()
        backwards = direction == BACKWARD
        rows = queryset.order_by(*(self.reverse if backwards else self.ordering))
        if position is not None:
            rows = rows.filter(self._beyond(position, backwards=backwards))
        return _CursorPlan(
            self, rows[: per_page + 1], per_page, to_item, backwards, resumed=position is not None
        )

    def _beyond(self, position: list[Any], *, backwards: bool) -> Q:
        """The rows after ``position`` in the listing's order (before it, ``backwards``)."""
        beyond = Q()
        equal: dict[str, Any] = {}
        for (field, descending), value in zip(self.fields, position, strict=True):
            lookup = 'lt' if descending != backwards else 'gt'
            beyond |= Q(**equal, **{f'{field.attname}__{lookup}': value})
            equal[field.attname] = value
        return beyond

    def cursor_of(self, direction: str, row: Any) -> str:
        """The signed cursor that resumes the listing at ``row``, reading in ``direction``."""
        if isinstance(row, dict):
            position = [row[field.attname] for field, _ in self.fields]
        else:
            position = [getattr(row, field.attname) for field, _ in self.fields]
        return encode(direction, position, self.salt)

    def paginate(
        self,
        queryset: QuerySet[Any, Any],
        params: object,
        to_item: ToItem[_I] = as_is,
    ) -> CursorPage[_I]:
        """The page of ``queryset`` that ``params`` asks for, in the declared order."""
        return read(self._plan(queryset, params, to_item))

    async def apaginate(
        self,
        queryset: QuerySet[Any, Any],
        params: object,
        to_item: ToItem[_I] = as_is,
    ) -> CursorPage[_I]:
        """:meth:`paginate` on the async ORM (``async for``)."""
        return await aread(self._plan(queryset, params, to_item))


@dataclass(frozen=True, slots=True)
class _CursorPlan(Generic[_I]):
    """The rows one request reads, and which way; nothing is counted."""

    paginator: CursorPaginator
    rows: QuerySet[Any, Any]
    per_page: int
    to_item: ToItem[_I]
    backwards: bool
    resumed: bool
    counted: None = None

    def window(self, _total: int | None, /) -> QuerySet[Any, Any]:
        return self.rows

    def page(self, rows: list[Any], _total: int | None, /) -> CursorPage[_I]:
        more = len(rows) > self.per_page
        rows = rows[: self.per_page]
        token = self.paginator.cursor_of
        if self.backwards:
            rows.reverse()
            previous = token(BACKWARD, rows[0]) if more else None
            following = token(FORWARD, rows[-1]) if rows else None
        else:
            following = token(FORWARD, rows[-1]) if more else None
            previous = token(BACKWARD, rows[0]) if self.resumed and rows else None
        return {
            'items': [self.to_item(row) for row in rows],
            'per_page': self.per_page,
            'next': following,
            'previous': previous,
        }
