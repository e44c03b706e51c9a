"""Reading a listing's query parameters and checking their bounds.

A paginator takes the parsed query as its bundled ``TypedDict`` (a mapping)
or as the listing's own query model (an object with the same attribute
names), so a listing that filters too keeps one ``Query[...]`` model.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext

from dmr.errors import ErrorDetail, ErrorType, RequestValidationError, error_detail
from dmr.pagination.config import PaginationSettings

INVALID_CURSOR = 'invalid_cursor'
"""The ``type`` of the error detail for a cursor that dmr did not sign for
this listing: tampered, garbage, too long, or of an older format."""


def current_settings() -> PaginationSettings:
    """``DMR_SETTINGS['pagination']`` as it is now."""
    # dmr.settings imports dmr.pagination.config: import it when a page is asked for.
    from dmr.settings import get_settings  # noqa: PLC0415 - see above

    return get_settings().pagination


def value_of(params: object, name: str) -> Any:
    """The parameter ``name`` of ``params``, ``None`` when the client left it out."""
    if isinstance(params, Mapping):
        return params.get(name)
    return getattr(params, name, None)


class Bounds:
    """Collects what is out of bounds in one request's parameters."""

    __slots__ = ('errors', 'params')

    def __init__(self, params: object) -> None:
        self.params = params
        self.errors: list[ErrorDetail] = []

    def number(self, name: str, default: int, low: int, high: int | None) -> int:
        """The integer ``name``, or ``default``; out of ``[low, high]`` is an error."""
        value = value_of(self.params, name)
        if value is None:
            return default
        if value < low or (high is not None and value > high):
            if high is None:
                message = gettext('%(name)s must be at least %(low)s') % {'name': name, 'low': low}
            else:
                message = gettext('%(name)s must be between %(low)s and %(high)s') % {
                    'name': name,
                    'low': low,
                    'high': high,
                }
            self.errors.append(error_detail(message, ['query', name], ErrorType.OUT_OF_RANGE))
            return default
        return int(value)

    def fail(self, name: str, msg: str, kind: str) -> None:
        """Record an error about the parameter ``name``."""
        self.errors.append(error_detail(msg, ['query', name], kind))

    def check(self) -> None:
        """Raise the 400 of every error recorded."""
        if self.errors:
            raise RequestValidationError(self.errors)
