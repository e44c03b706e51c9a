"""The models the test controllers accept and return, one per flavour."""

import dataclasses
import datetime
import decimal
import enum
import uuid
from typing import Annotated, Any, Literal, TypedDict

import pydantic
import typing_extensions
from pydantic import BaseModel, ConfigDict, Field


class UserCreateModel(BaseModel):
    email: str


class UserResponseModel(UserCreateModel):
    uid: uuid.UUID


class StrictModel(BaseModel):
    model_config = ConfigDict(extra='forbid')

    name: str


class Color(enum.Enum):
    RED = 'red'
    GREEN = 'green'


class ConstrainedModel(BaseModel):
    age: Annotated[int, Field(ge=0, le=150)] = 30
    name: Annotated[str, Field(min_length=2, max_length=10)] = 'ann'
    code: Annotated[str, Field(pattern='^[A-Z]+$')] = 'AB'
    tags: Annotated[list[str], Field(max_length=2)] = []
    color: Color = Color.RED
    ref: uuid.UUID | None = None
    ratio: Annotated[float, Field(gt=0, lt=1)] = 0.5


class Address(BaseModel):
    city: str


class NestedModel(BaseModel):
    addresses: list[Address]


class AnyModel(BaseModel):
    data: Any


class SearchQuery(BaseModel):
    q: str
    page: int = 1
    exact: bool = False
    tags: list[str] = []


class ClientHeaders(BaseModel):
    x_api_token: str
    x_retries: int = 0
    x_request_ids: list[int] = []
    agent: str = Field('unknown', alias='user_agent')


class ItemPath(BaseModel):
    item_id: int
    slug: str


class SessionCookies(BaseModel):
    session_id: uuid.UUID
    theme: Literal['dark', 'light'] = 'light'


@dataclasses.dataclass
class DataclassPoint:
    x: int
    y: int = 0


@pydantic.dataclasses.dataclass
class PydanticDataclassPoint:
    x: int
    y: int = 0


class TypedDictPoint(TypedDict):
    x: int
    y: int


class ExtensionsTypedDictPoint(typing_extensions.TypedDict):
    x: int
    y: int


class ValidatedPoint(BaseModel):
    x: int
    y: int = 0

    @pydantic.field_validator('x')
    @classmethod
    def not_negative(cls, value: int) -> int:
        if value < 0:
            raise ValueError('x must be >= 0')
        return value


class AliasedModel(BaseModel):
    """Fields read and written by alias; by name too, as the config says."""

    model_config = ConfigDict(validate_by_name=True)

    user_name: str = Field(alias='userName')
    tag_list: list[str] = Field(default_factory=list, alias='tagList')


class Everything(BaseModel):
    """One field of each type whose JSON form is a string or an array."""

    moment: datetime.datetime
    day: datetime.date
    clock: datetime.time
    span: datetime.timedelta
    ident: uuid.UUID
    amount: decimal.Decimal
    color: Color
    level: 'Level'
    pair: tuple[int, str]
    rest: tuple[int, ...]
    ids: set[int]
    names: frozenset[str]
    scores: dict[int, float]
    raw: bytes


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


Everything.model_rebuild()


class Cat(BaseModel):
    kind: Literal['cat'] = 'cat'
    meows: int


class Dog(BaseModel):
    kind: Literal['dog'] = 'dog'
    barks: int


class UnionModel(BaseModel):
    number_or_text: int | str = 0
    number_or_address: int | Address = 0
    choice_or_number: Literal['a', 'b'] | int = 0
    pet: Annotated[Cat | Dog, Field(discriminator='kind')] = Cat(meows=1)
    animals: list[Cat | Dog] = []
    counts: dict[str, int] = {}
