"""``DMR_SETTINGS['pagination']``: page sizes and how far a client may skip.

>>> DMR_SETTINGS = {
...     'pagination': {'per_page': 20, 'max_per_page': 100, 'max_offset': 10_000},
... }

Every key is optional; a paginator's own arguments win over these.
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True, slots=True)
class PaginationSettings:
    """The parsed ``DMR_SETTINGS['pagination']``."""

    per_page: int = 20
    """How many items a page holds when the client does not say."""

    max_per_page: int = 100
    """The most items a client may ask for in one page (``per_page``, ``limit``)."""

    max_offset: int = 10_000
    """The largest ``offset`` a client may ask for: a database reads and drops
    every skipped row, so deep offsets cost as much as they skip."""

    def __post_init__(self) -> None:
        for name in ('per_page', 'max_per_page'):
            if getattr(self, name) < 1:
                raise ValueError(f'{name!r} must be at least 1')
        if self.max_offset < 0:
            raise ValueError("'max_offset' must not be negative")
        if self.per_page > self.max_per_page:
            raise ValueError("'per_page' must not be more than 'max_per_page'")


def parse_pagination(value: Any) -> PaginationSettings:
    """Validate ``DMR_SETTINGS['pagination']``; raise ``ValueError`` naming the key."""
    if not isinstance(value, Mapping):
        raise ValueError(f'must be a dict, got {type(value).__name__}')
    known = {field.name for field in fields(PaginationSettings)}
    for key, number in value.items():
        if key not in known:
            raise ValueError(f'unknown key {key!r}; known keys: {", ".join(sorted(known))}')
        if isinstance(number, bool) or not isinstance(number, int):
            raise ValueError(f'{key!r} must be an integer, got {number!r}')
    return PaginationSettings(**value)
