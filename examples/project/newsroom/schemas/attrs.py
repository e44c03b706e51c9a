"""The pagination models as attrs classes, and what every request body shares.

dmr-attrs refuses generic attrs classes, so there is no generic page here:
each listing has a concrete page class with the fields of the msgspec and
pydantic ``Page`` (``users.schemas.attrs.UserPage``,
``articles.schemas.attrs.ArticlePage``), registered with
:meth:`Page.register`. ``Page[UserOut]`` names ``UserPage``, so the
controllers and :mod:`newsroom.pagination` write ``Page[UserOut]`` under
every backend.
"""

import re
import typing
from typing import Any, ClassVar, TypeVar

import attrs
from attrs import validators

_C = TypeVar('_C', bound=type)

_CLOSED: set[type] = set()


def forbid_unknown_fields(cls: _C) -> _C:
    """Mark an attrs class whose unknown fields are errors: the request bodies.

    What ``forbid_unknown_fields=True`` is to a Struct and ``extra='forbid'``
    to a pydantic model. dmr-attrs has the option only for a whole
    serializer, so the project's serializer
    (:class:`newsroom.serializers.attrs.NewsroomAttrsSerializer`) hands the
    classes marked here to a serializer that has it on; see there why.
    """
    _CLOSED.add(cls)
    return cls


def forbids_unknown_fields(annotation: Any) -> bool:
    """Whether ``annotation`` is a class marked with :func:`forbid_unknown_fields`."""
    return isinstance(annotation, type) and annotation in _CLOSED


def pattern(regex: str) -> Any:
    """``matches_re`` as msgspec and pydantic (on ``re``) apply a ``pattern``: a search.

    ``matches_re`` defaults to ``re.fullmatch``, which refuses
    ``"hello\\n"`` for ``^[a-z]+$``, where a search (``$`` matches before a
    final newline) accepts it. With a search the document shows the pattern
    as written.
    """
    return validators.matches_re(regex, func=re.search)


@attrs.frozen
class PageQuery:
    """Which page of a listing to answer with."""

    page: int = attrs.field(
        default=1,
        validator=validators.ge(1),
        metadata={'description': 'The page number, from 1'},
    )
    per_page: int = attrs.field(
        default=20,
        validator=[validators.ge(1), validators.le(100)],
        metadata={'description': 'How many items a page holds'},
    )


class Page:
    """Not a model: ``Page[UserOut]`` is the page class registered for ``UserOut``.

    A page class is an attrs class with the fields of the other backends'
    ``Page``, in their order (``items``, a list of its item class, then
    ``page``, ``per_page``, ``total`` and ``pages``), and their docstring.
    """

    _classes: ClassVar[dict[Any, type]] = {}

    def __class_getitem__(cls, item: Any) -> Any:
        try:
            return cls._classes[item]
        except KeyError:
            raise TypeError(f'No page class is registered for {item!r}') from None

    @classmethod
    def register(cls, page_class: _C) -> _C:
        """Make ``page_class`` the page of the item class its ``items`` field lists."""
        fields = [field.name for field in attrs.fields(page_class)]
        if fields != ['items', 'page', 'per_page', 'total', 'pages']:
            raise TypeError(f'{page_class.__name__} has the fields {fields}, not those of a page')
        attrs.resolve_types(page_class)
        (item,) = typing.get_args(attrs.fields(page_class).items.type)
        cls._classes[item] = page_class
        return page_class
