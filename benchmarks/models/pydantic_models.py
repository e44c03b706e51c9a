"""The benchmark's models as pydantic models (dmr, upstream, django-ninja, FastAPI)."""

import datetime
import decimal
import enum
import uuid

import pydantic


class Level(enum.StrEnum):
    """How good someone is at a skill."""

    JUNIOR = 'junior'
    MIDDLE = 'middle'
    SENIOR = 'senior'


class Skill(pydantic.BaseModel):
    """One skill of a user."""

    name: str
    level: Level
    years: int


class Item(pydantic.BaseModel):
    """Something a user owns, made of parts."""

    name: str
    quantity: int
    parts: list['Item']


class User(pydantic.BaseModel):
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


class CreatedUser(User):
    """The response body: the user and its new id."""

    uid: uuid.UUID


class UserQuery(pydantic.BaseModel):
    """The query string."""

    per_page: int
    count: int
    page: int
    filter: str


class UserHeaders(pydantic.BaseModel):
    """The required headers, as dmr names them (``X-API-Token`` is ``x_api_token``)."""

    x_api_token: str
    x_request_origin: str


class HttpHeaders(pydantic.BaseModel):
    """The required headers, by their HTTP names (upstream, django-ninja)."""

    x_api_token: str = pydantic.Field(alias='X-API-Token')
    x_request_origin: str = pydantic.Field(alias='X-Request-Origin')


def create_user(user: User) -> CreatedUser:
    """What every pydantic endpoint does: give the user an id.

    Nested models are passed as they are; pydantic does not validate
    model instances again.
    """
    return CreatedUser(uid=uuid.uuid4(), **dict(user))
