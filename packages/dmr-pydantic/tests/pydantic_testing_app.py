"""Controllers for the tests of ``dmr.testing`` under pydantic: models echoed, sync and async."""

import dataclasses
import datetime as dt
import uuid
from typing import Any

import pydantic
from django.http import HttpRequest
from pydantic.alias_generators import to_camel

from dmr import Body, Controller
from dmr.permissions import IsStaff
from dmr.routing import path
from dmr.security import ApiKey


class Note(pydantic.BaseModel):
    """Written by pydantic by alias: ``created_at`` is ``createdAt``."""

    model_config = pydantic.ConfigDict(alias_generator=to_camel, validate_by_name=True)

    title: str
    owner: uuid.UUID
    created_at: dt.datetime
    tags: list[str] = pydantic.Field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class Member:
    """A user without a database: what ``as_user`` hands to the endpoint."""

    name: str
    is_staff: bool = False
    is_active: bool = True
    is_authenticated: bool = True


class Caller(pydantic.BaseModel):
    name: str


def no_key(_request: HttpRequest, _key: str) -> Any:
    return None


async def no_key_async(_request: HttpRequest, _key: str) -> Any:
    return None


STAFF_ONLY: dict[str, Any] = {
    'auth': [ApiKey('X-API-Key', check=no_key, check_async=no_key_async)],
    'permissions': [IsStaff()],
}


class EchoSync(Controller):
    def post(self, note: Body[Note]) -> Note:
        return note

    def put(self, note: Body[Note]) -> Note:
        return note


class EchoAsync(Controller):
    async def post(self, note: Body[Note]) -> Note:
        return note

    async def put(self, note: Body[Note]) -> Note:
        return note


class StaffSync(Controller):
    auth = STAFF_ONLY['auth']
    permissions = STAFF_ONLY['permissions']

    def get(self) -> Caller:
        return Caller(name=self.request.user.name)


class StaffAsync(Controller):
    auth = STAFF_ONLY['auth']
    permissions = STAFF_ONLY['permissions']

    async def get(self) -> Caller:
        return Caller(name=self.request.user.name)


urlpatterns = [
    path('sync/echo/', EchoSync.as_view()),
    path('async/echo/', EchoAsync.as_view()),
    path('sync/staff/', StaffSync.as_view()),
    path('async/staff/', StaffAsync.as_view()),
]
