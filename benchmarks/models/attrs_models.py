"""The benchmark's models as attrs classes (dmr's attrs backend)."""

import datetime
import decimal
import enum
import uuid

import attrs


class Level(enum.StrEnum):
    """How good someone is at a skill."""

    JUNIOR = 'junior'
    MIDDLE = 'middle'
    SENIOR = 'senior'


@attrs.define
class Skill:
    """One skill of a user."""

    name: str
    level: Level
    years: int


@attrs.define
class Item:
    """Something a user owns, made of parts."""

    name: str
    quantity: int
    parts: list['Item']


@attrs.define
class User:
    """The request body."""

    email: str
    age: int
    height: float
    score: float
    balance: decimal.Decimal
    birthday: datetime.datetime
    membership: datetime.timedelta
    skills: list[Skill]
    aliases: dict[str, str | int]
    promocodes: list[uuid.UUID]
    friends: list['User']
    best_friend: 'User | None'
    items: list[Item]


@attrs.define(kw_only=True)
class CreatedUser(User):
    """The response body: the user and its new id."""

    uid: uuid.UUID


@attrs.define
class UserQuery:
    """The query string."""

    per_page: int
    count: int
    page: int
    filter: str


@attrs.define
class UserHeaders:
    """The required headers, named as dmr names them."""

    x_api_token: str
    x_request_origin: str


def create_user(user: User) -> CreatedUser:
    """What every attrs endpoint does: give the user an id."""
    return CreatedUser(uid=uuid.uuid4(), **attrs.asdict(user, recurse=False))
