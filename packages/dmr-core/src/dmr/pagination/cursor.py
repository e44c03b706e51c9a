"""Pages by position (keyset): ``?cursor=...&per_page=20``.

>>> newest = CursorPaginator(Article, ('-created_at',))
>>> class ArticleListController(Controller):
...     def get(self, query: Query[PageCursor]) -> CursorPage[ArticleOut]:
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

from collections.abc import Sequence
from typing import Any, NamedTuple, TypeVar

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Model, Q, QuerySet

from dmr.pagination._common import ToItem, as_is, page_size
from dmr.pagination._params import INVALID_CURSOR, Bounds, current_settings, value_of
from dmr.pagination._token import BACKWARD, FORWARD, CursorError, decode, encode
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

    __slots__ = ('fields', 'max_per_page', 'model', 'ordering', 'per_page', 'reverse', 'salt')

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
        self.per_page, self.max_per_page = page_size(per_page, max_per_page)
        self.model = model
        self.fields = _ordering_fields(model, ordering)
        self.ordering = tuple(f'-{f.name}' if down else f.name for f, down in self.fields)
        self.reverse = tuple(f.name if down else f'-{f.name}' for f, down in self.fields)
        self.salt = f'dmr.pagination.cursor:{model._meta.label}:{",".join(self.ordering)}:{salt}'

    def _read(self, queryset: QuerySet[Any, Any], params: object) -> tuple['_Plan', int]:
        """What to read, and the page size; a bad parameter is a 400."""
        if not issubclass(queryset.model, self.model):
            raise TypeError(
                f'This CursorPaginator orders {self.model.__name__}, '
                f'not {queryset.model.__name__}',
            )
        limits = current_settings()
        bounds = Bounds(params)
        most = self.max_per_page or limits.max_per_page
        per_page = bounds.number('per_page', min(self.per_page or limits.per_page, most), 1, most)
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
        return _Plan(rows[: per_page + 1], backwards, resumed=position is not None), per_page

    def _beyond(self, position: list[Any], *, backwards: bool) -> Q:
        """The rows after ``position`` in the listing's order (before it, ``backwards``)."""
        beyond = Q()
        equal: dict[str, Any] = {}
        for (field, descending), value in zip(self.fields, position, strict=True):
            lookup = 'lt' if descending != backwards else 'gt'
            beyond |= Q(**equal, **{f'{field.attname}__{lookup}': value})
            equal[field.attname] = value
        return beyond

    def _token(self, direction: str, row: Any) -> str:
        if isinstance(row, dict):
            position = [row[field.attname] for field, _ in self.fields]
        else:
            position = [getattr(row, field.attname) for field, _ in self.fields]
        return encode(direction, position, self.salt)

    def _page(
        self,
        plan: '_Plan',
        rows: list[Any],
        per_page: int,
        to_item: ToItem[_I],
    ) -> CursorPage[_I]:
        more = len(rows) > per_page
        rows = rows[:per_page]
        if plan.backwards:
            rows.reverse()
            previous = self._token(BACKWARD, rows[0]) if more else None
            following = self._token(FORWARD, rows[-1]) if rows else None
        else:
            following = self._token(FORWARD, rows[-1]) if more else None
            previous = self._token(BACKWARD, rows[0]) if plan.resumed and rows else None
        return {
            'items': [to_item(row) for row in rows],
            'per_page': per_page,
            'next': following,
            'previous': previous,
        }

    def paginate(
        self,
        queryset: QuerySet[Any, Any],
        params: object,
        to_item: ToItem[_I] = as_is,
    ) -> CursorPage[_I]:
        """The page of ``queryset`` that ``params`` asks for, in the declared order."""
        plan, per_page = self._read(queryset, params)
        return self._page(plan, list(plan.rows), per_page, to_item)

    async def apaginate(
        self,
        queryset: QuerySet[Any, Any],
        params: object,
        to_item: ToItem[_I] = as_is,
    ) -> CursorPage[_I]:
        """:meth:`paginate` on the async ORM (``async for``)."""
        plan, per_page = self._read(queryset, params)
        return self._page(plan, [row async for row in plan.rows], per_page, to_item)


class _Plan(NamedTuple):
    """The rows one request reads, and which way."""

    rows: QuerySet[Any, Any]
    backwards: bool
    resumed: bool
