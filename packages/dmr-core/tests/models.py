"""Models shared by the core's tests, validated by the stub backend."""

import dataclasses
import uuid
from typing import TypedDict


@dataclasses.dataclass
class UserCreate:
    email: str


@dataclasses.dataclass
class User:
    email: str
    uid: uuid.UUID


@dataclasses.dataclass
class Page:
    page: int
    tags: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Token:
    x_token: str


class PathArgs(TypedDict):
    user_id: int


@dataclasses.dataclass
class Session:
    sessionid: str


@dataclasses.dataclass
class Conflict:
    reason: str
