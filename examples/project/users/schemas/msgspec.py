"""What the users API reads and writes, as msgspec Structs."""

import datetime
from typing import Annotated

import msgspec

from newsroom.schemas.msgspec import PageQuery

Email = Annotated[
    str,
    msgspec.Meta(
        max_length=254,
        pattern=r'^[^@\x00-\x20\x7f-\xa0]+@[^@\x00-\x20\x7f-\xa0]+\.[^@\x00-\x20\x7f-\xa0]+\Z',
        description='Unique, compared and stored in lowercase',
        examples=['ada@example.com'],
    ),
]
UserName = Annotated[str, msgspec.Meta(min_length=1, max_length=100, examples=['Ada Lovelace'])]
Search = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Bio = Annotated[str, msgspec.Meta(max_length=500)]


class UserIn(msgspec.Struct, forbid_unknown_fields=True):
    """A user as a client creates or replaces it."""

    email: Email
    name: UserName
    bio: Bio = ''


class UserOut(msgspec.Struct):
    """A user."""

    id: int
    email: str
    name: str
    bio: str
    created_at: datetime.datetime


class UserQuery(PageQuery):
    """Filters of the user listing."""

    search: Annotated[
        Search | None,
        msgspec.Meta(description='Part of the email or the name'),
    ] = None


class UserPath(msgspec.Struct):
    user_id: int
