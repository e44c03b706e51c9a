"""The cursor token: a position in a listing, signed so that no client can forge one.

A token is ``[version, direction, value, ...]`` as compact JSON, signed by
Django's ``Signer`` with ``SECRET_KEY`` and the listing's salt. It carries the
values of the last (or first) row of a page in the listing's ordering fields,
written as JSON text and read back by each model field's ``to_python``.
"""

import datetime
import decimal
import uuid
from collections.abc import Sequence
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Field
from django.utils.translation import gettext, gettext_lazy

VERSION = 1
"""The format of the tokens this release writes; others are refused."""

MAX_LENGTH = 1024
"""The longest token read: longer text is refused before its signature is checked."""

FORWARD = 'n'
BACKWARD = 'p'

_MISMATCH = gettext_lazy('The cursor does not match the ordering of this listing')


class CursorError(ValueError):
    """A token dmr cannot use; the message says why, for the client."""


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    return value


def encode(direction: str, position: Sequence[Any], salt: str) -> str:
    """The token of ``position`` (ordering values) read in ``direction``."""
    data = [VERSION, direction, *map(_plain, position)]
    return signing.Signer(salt=salt).sign_object(data, compress=False)


def decode(token: str, fields: Sequence['Field[Any, Any]'], salt: str) -> tuple[str, list[Any]]:
    """The direction and position of ``token``; raise :class:`CursorError`."""
    if len(token) > MAX_LENGTH:
        raise CursorError(
            gettext('The cursor is longer than %(limit)s characters') % {'limit': MAX_LENGTH},
        )
    try:
        data = signing.Signer(salt=salt).unsign_object(token)
    except signing.BadSignature:
        raise CursorError(gettext('The cursor was not issued by this listing')) from None
    if not isinstance(data, list) or len(data) < 2 or data[0] != VERSION:
        raise CursorError(gettext('The cursor was issued by an older version of this listing'))
    direction, *values = data[1:]
    if direction not in {FORWARD, BACKWARD} or len(values) != len(fields):
        raise CursorError(str(_MISMATCH))
    try:
        position = [field.to_python(value) for field, value in zip(fields, values, strict=True)]
    except (ValidationError, TypeError, ValueError):
        raise CursorError(str(_MISMATCH)) from None
    return direction, position
