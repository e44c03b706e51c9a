"""The benchmark's models as msgspec Structs (dmr, upstream, the plain view)."""

import datetime
import decimal
import enum
import uuid

import msgspec


class Level(enum.StrEnum):
    """How good someone is at a skill."""

    JUNIOR = 'junior'
    MIDDLE = 'middle'
    SENIOR = 'senior'


class Skill(msgspec.Struct):
    """One skill of a user."""

    name: str
    level: Level
    years: int


class Item(msgspec.Struct):
    """Something a user owns, made of parts."""

    name: str
    quantity: int
    parts: list['Item']


class User(msgspec.Struct):
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


class CreatedUser(User, kw_only=True):
    """The response body: the user and its new id."""

    uid: uuid.UUID


class UserQuery(msgspec.Struct):
    """The query string."""

    per_page: int
    count: int
    page: int
    filter: str


class UserHeaders(msgspec.Struct):
    """The required headers, named as dmr names them."""

    x_api_token: str
    x_request_origin: str


class HttpHeaders(msgspec.Struct):
    """The required headers, by their HTTP names (upstream)."""

    x_api_token: str = msgspec.field(name='X-API-Token')
    x_request_origin: str = msgspec.field(name='X-Request-Origin')


def create_user(user: User) -> CreatedUser:
    """What every msgspec endpoint does: give the user an id."""
    return CreatedUser(uid=uuid.uuid4(), **msgspec.structs.asdict(user))
