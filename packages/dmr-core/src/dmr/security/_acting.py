"""Acting as a user: how :mod:`dmr.testing` authenticates a request without credentials.

A test client marks the request object it builds with an :class:`ActingAs`
value; the authenticate stage then takes its user in place of the
credentials its auths would have read. Nothing on the wire can produce the
mark: it is an attribute of the Python request object, set in the test's
own process after the request was built, and only an instance of this
private class counts. There is no setting that turns it on.
"""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

ATTRIBUTE = '_dmr_acting_as'
"""The request attribute that carries the mark."""


@dataclass(frozen=True, slots=True)
class ActingAs:
    """The user a test request acts as."""

    user: Any


def mark(request: HttpRequest, user: Any) -> None:
    """Make ``request`` act as ``user`` on endpoints that authenticate."""
    setattr(request, ATTRIBUTE, ActingAs(user))


def acting_as(request: HttpRequest) -> ActingAs | None:
    """The mark a test client left on ``request``, if any."""
    found = vars(request).get(ATTRIBUTE)
    return found if isinstance(found, ActingAs) else None
