"""What the users API reads and writes, as attrs classes.

The same fields, constraints and defaults as :mod:`users.schemas.msgspec`:
constraints are attrs validators, which dmr-attrs writes into the document
as the same JSON Schema keywords, and descriptions and examples go in each
field's ``metadata``.
"""

import datetime

import attrs
from attrs import validators

from newsroom.schemas.attrs import PageQuery, forbid_unknown_fields, pattern


@forbid_unknown_fields
@attrs.frozen
class UserIn:
    """A user as a client creates or replaces it."""

    email: str = attrs.field(
        validator=[
            validators.max_len(254),
            pattern(
                r'^[^@\x00-\x20\x7f-\xa0]+@[^@\x00-\x20\x7f-\xa0]+\.[^@\x00-\x20\x7f-\xa0]+\Z'
            ),
        ],
        metadata={
            'description': 'Unique, compared and stored in lowercase',
            'examples': ['ada@example.com'],
        },
    )
    name: str = attrs.field(
        validator=[validators.min_len(1), validators.max_len(100)],
        metadata={'examples': ['Ada Lovelace']},
    )
    bio: str = attrs.field(default='', validator=validators.max_len(500))


@attrs.frozen
class UserOut:
    """A user."""

    id: int
    email: str
    name: str
    bio: str
    created_at: datetime.datetime


@attrs.frozen
class UserQuery(PageQuery):
    """Filters of the user listing."""

    search: str | None = attrs.field(
        default=None,
        validator=validators.optional([validators.min_len(1), validators.max_len(100)]),
        metadata={'description': 'Part of the email or the name'},
    )


@attrs.frozen
class UserPath:
    user_id: int
