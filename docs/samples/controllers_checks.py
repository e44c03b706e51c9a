"""Mistakes in a controller fail when its class is created, naming the method."""

from typing import Annotated

import msgspec
import pytest
from dmr import Body, Controller, modify
from dmr.errors import EndpointDefinitionError


class Item(msgspec.Struct):
    name: Annotated[str, msgspec.Meta(max_length=100)]


with pytest.raises(EndpointDefinitionError, match='mixes sync endpoints'):

    class Mixed(Controller):
        def get(self) -> Item: ...

        async def post(self, item: Body[Item]) -> Item: ...


with pytest.raises(EndpointDefinitionError, match=r'Unannotated\.get: missing return annotation'):

    class Unannotated(Controller):
        def get(self): ...  # type: ignore[no-untyped-def]


with pytest.raises(EndpointDefinitionError, match="parameter 'item' needs a component"):

    class NoComponent(Controller):
        def post(self, item: Item) -> Item: ...


with pytest.raises(EndpointDefinitionError, match='a GET request has no body'):

    class BodyOnGet(Controller):
        def get(self, item: Body[Item]) -> Item: ...


with pytest.raises(EndpointDefinitionError, match='a 204 response has no body'):

    class BodyOn204(Controller):
        @modify(status_code=204)
        def put(self, item: Body[Item]) -> Item: ...


class Opaque:
    """A plain class: no backend knows how to validate it."""


with pytest.raises(EndpointDefinitionError, match="'msgspec' serializer does not support"):

    class Unsupported(Controller):
        def post(self, item: Body[Opaque]) -> Item: ...
