"""Small controllers the HTTP tests call, one behaviour each."""

import datetime
import uuid
from typing import Any

from attrs_models import (
    AnyModel,
    ClientHeaders,
    Event,
    Point,
    Preferences,
    Profile,
    SearchQuery,
    SessionCookies,
    UserCreateModel,
    UserResponseModel,
)
from dmr import Body, Controller, Cookies, Headers, Query
from dmr_attrs import AttrsSerializer


class StrictSerializer(AttrsSerializer):
    """Unknown fields are errors; defaults are left out of responses."""

    forbid_extra_keys = True
    omit_defaults = True


class Unencodable:
    """An object msgspec has no encoding for."""


class UserController(Controller):
    async def post(self, user: Body[UserCreateModel]) -> UserResponseModel:
        return UserResponseModel(uid=uuid.UUID(int=1), email=user.email)


class ProfileController(Controller):
    def post(self, body: Body[Profile]) -> Profile:
        return body


class PreferencesController(Controller[StrictSerializer]):
    def post(self, body: Body[Preferences]) -> Preferences:
        return body


class AnyController(Controller):
    def post(self, body: Body[AnyModel]) -> AnyModel:
        return body


class PointController(Controller):
    def post(self, body: Body[Point]) -> Point:
        return body


class EventController(Controller):
    def post(self, body: Body[Event]) -> Event:
        return body


class ListController(Controller):
    def post(self, body: Body[list[int]]) -> list[int]:
        return body


class SearchController(Controller):
    def get(self, query: Query[SearchQuery]) -> SearchQuery:
        return query


class HeadersController(Controller):
    def get(self, headers: Headers[ClientHeaders]) -> ClientHeaders:
        return headers


class SessionController(Controller):
    def get(self, cookies: Cookies[SessionCookies]) -> SessionCookies:
        return cookies


class UnencodableController(Controller):
    def get(self) -> AnyModel:
        return AnyModel(data=Unencodable())


class DictForClassController(Controller):
    def get(self) -> Event:
        return {'at': '2024-01-02T03:04:05Z', 'took': 'PT1S'}  # type: ignore[return-value]


class NaiveEventController(Controller):
    def get(self) -> Event:
        return Event(
            at=datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC),
            took=datetime.timedelta(days=-1, seconds=30),
        )


class UnvalidatedUnencodableController(Controller):
    validate_responses = False

    def get(self) -> Any:
        return Unencodable()
