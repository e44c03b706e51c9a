"""Reading a listing's query parameters, checking their bounds, and documenting them.

A paginator takes the parsed query as its bundled ``TypedDict`` (a mapping)
or as the listing's own query model (an object with the same attribute
names), so a listing that filters too keeps one ``Query[...]`` model. Each
bound is declared once, as a :class:`Number`, which both checks the request
and writes the JSON Schema keywords of the OpenAPI document.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.utils.translation import gettext

from dmr.errors import ErrorDetail, ErrorType, RequestValidationError, error_detail
from dmr.pagination.config import PaginationSettings

_N = TypeVar('_N')

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


@dataclass(frozen=True, slots=True)
class Number:
    """An integer parameter: its default and its bounds (``high`` ``None``: unbounded)."""

    name: str
    default: int
    low: int
    high: int | None = None

    def keywords(self) -> dict[str, int]:
        """The JSON Schema of what :meth:`Bounds.number` accepts."""
        found = {'minimum': self.low, 'default': self.default}
        if self.high is not None:
            found['maximum'] = self.high
        return found


def page_size(name: str, own: tuple[int | None, int | None], limits: PaginationSettings) -> Number:
    """The page size parameter ``name``: a paginator's own sizes over the settings'."""
    per_page, max_per_page = own
    most = max_per_page or limits.max_per_page
    return Number(name, min(per_page or limits.per_page, most), 1, most)


class Declared(Generic[_N]):
    """A paginator's parameters as ``build`` declares them, rebuilt when the settings change."""

    __slots__ = ('build', 'last')

    def __init__(self, build: Callable[[PaginationSettings], _N]) -> None:
        self.build = build
        self.last: tuple[PaginationSettings, _N] | None = None

    def __call__(self) -> _N:
        """The parameters under the settings of now."""
        limits = current_settings()
        last = self.last
        if last is None or last[0] is not limits:
            last = self.last = (limits, self.build(limits))
        return last[1]


class Bounds:
    """Collects what is out of bounds in one request's parameters."""

    __slots__ = ('errors', 'params')

    def __init__(self, params: object) -> None:
        self.params = params
        self.errors: list[ErrorDetail] = []

    def number(self, spec: Number) -> int:
        """The integer of ``spec``, or its default; out of its bounds is an error."""
        value = value_of(self.params, spec.name)
        if value is None:
            return spec.default
        low, high = spec.low, spec.high
        if value < low or (high is not None and value > high):
            if high is None:
                message = gettext('%(name)s must be at least %(low)s') % {
                    'name': spec.name,
                    'low': low,
                }
            else:
                message = gettext('%(name)s must be between %(low)s and %(high)s') % {
                    'name': spec.name,
                    'low': low,
                    'high': high,
                }
            self.errors.append(error_detail(message, ['query', spec.name], ErrorType.OUT_OF_RANGE))
            return spec.default
        return int(value)

    def fail(self, name: str, msg: str, kind: str) -> None:
        """Record an error about the parameter ``name``."""
        self.errors.append(error_detail(msg, ['query', name], kind))

    def check(self) -> None:
        """Raise the 400 of every error recorded."""
        if self.errors:
            raise RequestValidationError(self.errors)
