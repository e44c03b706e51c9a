"""Error formats: the shape of the bodies the framework answers errors with.

``DMR_SETTINGS['error_format']`` (or a controller's ``error_format``) picks
one by name:

- ``'default'``: ``{"detail": [{"msg", "loc", "type"}, ...]}``, as JSON;
- ``'problem_details'``: RFC 9457, ``{"type", "title", "status", "detail",
  "errors": [...]}``, as ``application/problem+json``.

Both carry the same error details; a message ``APIError`` follows the format
too. Endpoints that declare error responses themselves declare them with the
format's model (``ErrorModel`` or ``ProblemDetails``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dmr.errors import ErrorDetail, ErrorModel, ProblemDetails, error_model, problem_details

_JSON = 'application/json'


@dataclass(frozen=True, slots=True)
class ErrorFormat:
    """One way of writing error bodies."""

    name: str
    model: Any
    """The annotation of its bodies, as documented and validated."""

    json_media_type: str
    """The ``Content-Type`` of its bodies when JSON is negotiated."""

    build: Callable[[int, list[ErrorDetail]], Any]
    """``build(status_code, details)``: the body."""

    def media_type(self, negotiated: str) -> str:
        """The ``Content-Type`` of an error body in the negotiated media type."""
        return self.json_media_type if negotiated == _JSON else negotiated


DEFAULT = ErrorFormat('default', ErrorModel, _JSON, lambda _status, details: error_model(details))
PROBLEM_DETAILS = ErrorFormat(
    'problem_details',
    ProblemDetails,
    'application/problem+json',
    problem_details,
)
ERROR_FORMATS = {error_format.name: error_format for error_format in (DEFAULT, PROBLEM_DETAILS)}
