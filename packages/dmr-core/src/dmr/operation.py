"""``OperationInfo``: how an endpoint is described in the OpenAPI document.

Set it on a controller (``operation = OperationInfo(...)``) for all its
endpoints, or per endpoint with ``@modify(operation=...)`` or
``@validate(..., operation=...)``; the endpoint's fields win where set.
Summary and description default to the endpoint's docstring.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

_T = TypeVar('_T')


@dataclass(frozen=True, slots=True, kw_only=True)
class OperationInfo:
    """OpenAPI metadata of one operation (or of a controller's operations)."""

    summary: str | None = None
    description: str | None = None
    tags: Sequence[str] | None = None
    deprecated: bool | None = None
    operation_id: str | None = None
    include_in_schema: bool | None = None

    def __post_init__(self) -> None:
        """Refuse a single string as ``tags``: it would be read letter by letter."""
        if isinstance(self.tags, str):
            raise TypeError(f'tags must be a list of tags, not a string: use [{self.tags!r}]')

    def over(self, base: 'OperationInfo | None') -> 'OperationInfo':
        """These fields where set, ``base``'s elsewhere."""
        if base is None:
            return self
        return OperationInfo(
            summary=_first(self.summary, base.summary),
            description=_first(self.description, base.description),
            tags=_first(self.tags, base.tags),
            deprecated=_first(self.deprecated, base.deprecated),
            operation_id=_first(self.operation_id, base.operation_id),
            include_in_schema=_first(self.include_in_schema, base.include_in_schema),
        )


def _first(value: _T | None, fallback: _T | None) -> _T | None:
    return fallback if value is None else value
