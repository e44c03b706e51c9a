"""The models the test controllers accept and return, one per flavour."""

import dataclasses
import enum
import uuid
from typing import Annotated, Any, Literal, TypedDict

import attrs
import msgspec


class UserCreateModel(msgspec.Struct):
    email: str


class UserResponseModel(UserCreateModel):
    uid: uuid.UUID


class StrictModel(msgspec.Struct, forbid_unknown_fields=True):
    name: str


class Color(enum.Enum):
    RED = 'red'
    GREEN = 'green'


class ConstrainedModel(msgspec.Struct):
    age: Annotated[int, msgspec.Meta(ge=0, le=150)] = 30
    name: Annotated[str, msgspec.Meta(min_length=2, max_length=10)] = 'ann'
    code: Annotated[str, msgspec.Meta(pattern='^[A-Z]+$')] = 'AB'
    tags: Annotated[list[str], msgspec.Meta(max_length=2)] = []
    color: Color = Color.RED
    ref: uuid.UUID | None = None


class Address(msgspec.Struct):
    city: str


class NestedModel(msgspec.Struct):
    addresses: list[Address]


class AnyModel(msgspec.Struct):
    data: Any


class SearchQuery(msgspec.Struct):
    q: str
    page: int = 1
    exact: bool = False
    tags: list[str] = []


class NullableFilters(msgspec.Struct, rename={'after_id': 'after'}):
    after_id: int | None = None
    note: str | None = None


class NullableHeaders(TypedDict, total=False):
    x_since: int | None


class ClientHeaders(msgspec.Struct):
    x_api_token: str
    x_retries: int = 0
    x_request_ids: list[int] = []
    agent: str = msgspec.field(name='user_agent', default='unknown')


class ItemPath(msgspec.Struct):
    item_id: int
    slug: str


class SessionCookies(msgspec.Struct):
    session_id: uuid.UUID
    theme: Literal['dark', 'light'] = 'light'


@dataclasses.dataclass
class DataclassPoint:
    x: int
    y: int = 0


class TypedDictPoint(TypedDict):
    x: int
    y: int


@attrs.define
class AttrsPoint:
    x: int = attrs.field(validator=attrs.validators.ge(0))
    y: int = 0
