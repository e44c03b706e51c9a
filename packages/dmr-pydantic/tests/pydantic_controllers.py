"""Small controllers the HTTP tests call, one behaviour each."""

import uuid

from dmr import Body, Controller, Cookies, Headers, Query
from pydantic_models import (
    AliasedModel,
    AnyModel,
    ClientHeaders,
    ConstrainedModel,
    DataclassPoint,
    Everything,
    ExtensionsTypedDictPoint,
    NestedModel,
    PydanticDataclassPoint,
    SearchQuery,
    SessionCookies,
    StrictModel,
    TypedDictPoint,
    UnionModel,
    UserCreateModel,
    UserResponseModel,
    ValidatedPoint,
)


class Unencodable:
    """An object pydantic has no serializer for."""


class UserController(Controller):
    async def post(self, user: Body[UserCreateModel]) -> UserResponseModel:
        return UserResponseModel(uid=uuid.UUID(int=1), email=user.email)


class StrictController(Controller):
    def post(self, body: Body[StrictModel]) -> StrictModel:
        return body


class ConstrainedController(Controller):
    def post(self, body: Body[ConstrainedModel]) -> ConstrainedModel:
        return body


class NestedController(Controller):
    def post(self, body: Body[NestedModel]) -> NestedModel:
        return body


class AliasedController(Controller):
    def post(self, body: Body[AliasedModel]) -> AliasedModel:
        return body


class EverythingController(Controller):
    def post(self, body: Body[Everything]) -> Everything:
        return body


class UnionController(Controller):
    def post(self, body: Body[UnionModel]) -> UnionModel:
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


class DataclassController(Controller):
    def post(self, point: Body[DataclassPoint]) -> DataclassPoint:
        return point


class PydanticDataclassController(Controller):
    def post(self, point: Body[PydanticDataclassPoint]) -> PydanticDataclassPoint:
        return point


class TypedDictController(Controller):
    def post(self, point: Body[TypedDictPoint]) -> TypedDictPoint:
        return point


class ExtensionsTypedDictController(Controller):
    def post(self, point: Body[ExtensionsTypedDictPoint]) -> ExtensionsTypedDictPoint:
        return point


class ValidatedController(Controller):
    def post(self, point: Body[ValidatedPoint]) -> ValidatedPoint:
        return point


class WrongShapeController(Controller):
    def get(self) -> UserResponseModel:
        return {'email': 'a@example.com'}  # no `uid`: the mistake under test


class UnencodableController(Controller):
    def get(self) -> AnyModel:
        return AnyModel(data=Unencodable())


class UnvalidatedWrongShapeController(WrongShapeController):
    validate_responses = False


class UnvalidatedUnencodableController(UnencodableController):
    validate_responses = False
