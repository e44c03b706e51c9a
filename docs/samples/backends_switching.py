"""The same model in three libraries: clients see the same statuses, locs and types."""

import json
from typing import Annotated

import attrs
import msgspec
import pydantic
from attrs import validators
from django.test import RequestFactory
from dmr import Body, Controller
from dmr_attrs import AttrsSerializer
from dmr_msgspec import MsgspecSerializer
from dmr_pydantic import PydanticSerializer


class MsgspecUser(msgspec.Struct):
    name: Annotated[str, msgspec.Meta(min_length=2, max_length=100)]
    age: Annotated[int, msgspec.Meta(ge=0)]


class PydanticUser(pydantic.BaseModel):
    name: str = pydantic.Field(min_length=2, max_length=100)
    age: int = pydantic.Field(ge=0)


@attrs.define
class AttrsUser:
    name: str = attrs.field(validator=[validators.min_len(2), validators.max_len(100)])
    age: int = attrs.field(validator=validators.ge(0))


class MsgspecController(Controller[MsgspecSerializer]):
    def post(self, user: Body[MsgspecUser]) -> MsgspecUser:
        return user


class PydanticController(Controller[PydanticSerializer]):
    def post(self, user: Body[PydanticUser]) -> PydanticUser:
        return user


class AttrsController(Controller[AttrsSerializer]):
    def post(self, user: Body[AttrsUser]) -> AttrsUser:
        return user


def errors(controller: type[Controller], body: bytes) -> list[tuple[list[str | int], str]]:
    request = RequestFactory().post('/users/', body, content_type='application/json')
    response = controller.as_view()(request)
    assert response.status_code == 400
    return [(error['loc'], error['type']) for error in json.loads(response.content)['detail']]


for body, expected in [
    (b'{"name": "ann"', [(['body'], 'parse_error')]),
    (b'{"name": "ann"}', [(['body', 'age'], 'missing')]),
    (b'{"name": "a", "age": 30}', [(['body', 'name'], 'too_short')]),
    (b'{"name": "ann", "age": -1}', [(['body', 'age'], 'out_of_range')]),
    (b'{"name": "ann", "age": [30]}', [(['body', 'age'], 'type_error')]),
]:
    assert errors(MsgspecController, body) == expected
    assert errors(PydanticController, body) == expected
    assert errors(AttrsController, body) == expected
