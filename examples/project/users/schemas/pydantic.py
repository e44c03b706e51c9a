"""What the users API reads and writes, as pydantic models.

The same fields, constraints and defaults as :mod:`users.schemas.msgspec`.
Request bodies share ``newsroom.schemas.pydantic.BODY_CONFIG``.
"""

import datetime
from typing import Annotated

import pydantic

from newsroom.schemas.pydantic import BODY_CONFIG, PageQuery

Email = Annotated[
    str,
    pydantic.Field(
        max_length=254,
        pattern=r'^[^@\x00-\x20\x7f-\xa0]+@[^@\x00-\x20\x7f-\xa0]+\.[^@\x00-\x20\x7f-\xa0]+\Z',
        description='Unique, compared and stored in lowercase',
        examples=['ada@example.com'],
    ),
]
UserName = Annotated[str, pydantic.Field(min_length=1, max_length=100, examples=['Ada Lovelace'])]
Search = Annotated[str, pydantic.Field(min_length=1, max_length=100)]
Bio = Annotated[str, pydantic.Field(max_length=500)]


class UserIn(pydantic.BaseModel):
    """A user as a client creates or replaces it."""

    model_config = BODY_CONFIG

    email: Email
    name: UserName
    bio: Bio = ''


class UserOut(pydantic.BaseModel):
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
        pydantic.Field(description='Part of the email or the name'),
    ] = None


class UserPath(pydantic.BaseModel):
    user_id: int
