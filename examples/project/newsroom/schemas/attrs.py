"""The query models of the listings as attrs classes, and what every request body shares."""

import re
from typing import Any, TypeVar

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


@attrs.frozen
class CursorQuery:
    """Where a listing by cursor resumes, and how many items a page holds."""

    cursor: str | None = attrs.field(
        default=None,
        validator=validators.optional(validators.max_len(1024)),
        metadata={'description': 'The next or previous of a page'},
    )
    per_page: int = attrs.field(
        default=20,
        validator=[validators.ge(1), validators.le(100)],
        metadata={'description': 'How many items a page holds'},
    )
