"""The models the test controllers accept and return."""

import datetime
import enum
import uuid
from typing import Any, Literal, TypedDict

import attrs
from attrs import validators


@attrs.define
class UserCreateModel:
    email: str = attrs.field(validator=validators.min_len(3))


@attrs.define(kw_only=True)
class UserResponseModel(UserCreateModel):
    uid: uuid.UUID


class Level(enum.StrEnum):
    JUNIOR = 'junior'
    SENIOR = 'senior'


class Priority(enum.IntEnum):
    LOW = 1
    HIGH = 2


@attrs.frozen
class Skill:
    name: str
    level: Level = Level.JUNIOR


@attrs.define
class Address:
    city: str
    zip_code: str = attrs.field(validator=validators.matches_re(r'[0-9]{5}'))


@attrs.define
class Profile:
    """A profile with nested classes, lists and dicts."""

    addresses: list[Address]
    skills: dict[str, Skill] = attrs.Factory(dict)
    scores: list[int] = attrs.field(
        factory=list,
        validator=validators.deep_iterable(validators.ge(0), validators.max_len(3)),
    )
    best: Skill | None = None


@attrs.define
class AnyModel:
    data: Any


@attrs.define
class SearchQuery:
    q: str
    page: int = 1
    exact: bool = False
    ratio: float = 1.0
    tags: list[str] = attrs.Factory(list)
    priority: Priority = Priority.LOW
    sort: Literal['asc', 'desc'] = 'asc'


@attrs.define
class ClientHeaders:
    x_api_token: str
    x_retries: int = 0
    x_request_ids: list[int] = attrs.Factory(list)
    agent: str = attrs.field(default='unknown', alias='user_agent')


@attrs.define
class ItemPath:
    item_id: int
    slug: str


@attrs.define
class SessionCookies:
    session_id: uuid.UUID
    theme: Literal['dark', 'light'] = 'light'


@attrs.define
class Event:
    at: datetime.datetime
    took: datetime.timedelta


@attrs.define
class Preferences:
    """Served by a serializer that forbids extra keys and omits defaults."""

    theme: str = 'light'
    tags: list[str] = attrs.Factory(list)
    volume: int = attrs.field(default=5, validator=validators.le(10))


class Point(TypedDict):
    x: int
    y: int
