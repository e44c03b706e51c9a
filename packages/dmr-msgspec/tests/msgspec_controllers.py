"""Small controllers the HTTP tests call, one behaviour each."""

import uuid

from dmr import Body, Controller, Cookies, Headers, Path, Query
from msgspec_models import (
    AnyModel,
    AttrsPoint,
    ClientHeaders,
    ConstrainedModel,
    DataclassPoint,
    ItemPath,
    NullableFilters,
    NullableHeaders,
    SearchQuery,
    SessionCookies,
    StrictModel,
    TypedDictPoint,
    UserCreateModel,
    UserResponseModel,
)


class Unencodable:
    """An object msgspec has no encoding for."""


class UserController(Controller):
    async def post(self, user: Body[UserCreateModel]) -> UserResponseModel:
        return UserResponseModel(uid=uuid.UUID(int=1), email=user.email)


class StrictController(Controller):
    def post(self, body: Body[StrictModel]) -> StrictModel:
        return body


class ConstrainedController(Controller):
    def post(self, body: Body[ConstrainedModel]) -> ConstrainedModel:
        return body


class SearchController(Controller):
    def get(self, query: Query[SearchQuery]) -> SearchQuery:
        return query


class NullableController(Controller):
    def get(
        self,
        query: Query[NullableFilters],
        headers: Headers[NullableHeaders],
    ) -> dict[str, int | str | None]:
        return {'after': query.after_id, 'note': query.note, 'since': headers.get('x_since')}


class HeadersController(Controller):
    def get(self, headers: Headers[ClientHeaders]) -> ClientHeaders:
        return headers


class ItemController(Controller):
    def get(self, item: Path[ItemPath]) -> ItemPath:
        return item


class SessionController(Controller):
    def get(self, cookies: Cookies[SessionCookies]) -> SessionCookies:
        return cookies


class DataclassController(Controller):
    def post(self, point: Body[DataclassPoint]) -> DataclassPoint:
        return point


class TypedDictController(Controller):
    def post(self, point: Body[TypedDictPoint]) -> TypedDictPoint:
        return point


class AttrsController(Controller):
    def post(self, point: Body[AttrsPoint]) -> AttrsPoint:
        return point


class WrongShapeController(Controller):
    def get(self) -> UserResponseModel:
        return {'email': 'a@example.com'}  # no `uid`: the mistake under test


class UnencodableController(Controller):
    def get(self) -> AnyModel:
        return AnyModel(data=Unencodable())


class HugeIntController(Controller):
    def get(self) -> int:
        return 2**70


class UnvalidatedWrongShapeController(WrongShapeController):
    validate_responses = False


class UnvalidatedUnencodableController(UnencodableController):
    validate_responses = False
