"""Backends for the tests of the core's adapter cache and pass-through adapter."""

import typing
from collections import Counter
from typing import Annotated, Any

import typing_extensions

from dmr.serializer import Direction
from tests.stub_backend import StubAdapter, StubSerializer


class CountingSerializer(StubSerializer):
    """The stub backend, counting the adapters it is asked to compile."""

    compiled: typing.ClassVar[Counter[tuple[Any, str]]] = Counter()

    def supports(self, annotation: Any, /) -> bool:
        if typing.get_origin(annotation) is Annotated:
            return super().supports(typing.get_args(annotation)[0])
        return super().supports(annotation)

    def adapter(self, annotation: Any, /, *, direction: Direction) -> StubAdapter:
        self.compiled[repr(annotation), direction] += 1
        if typing.get_origin(annotation) is Annotated:
            annotation = typing.get_args(annotation)[0]
        return super().adapter(annotation, direction=direction)


class UnhashableSerializer(CountingSerializer):
    """A backend whose instances cannot be hashed, so the core cannot key a cache on them."""

    __hash__ = None  # type: ignore[assignment]  # unhashable on purpose
    compiled: typing.ClassVar[Counter[tuple[Any, str]]] = Counter()


class NoAnySerializer(StubSerializer):
    """A backend for dataclasses only: no ``Any``, no ``TypedDict``."""

    name = 'no-any'

    def supports(self, annotation: Any, /) -> bool:
        if annotation is Any or typing_extensions.is_typeddict(annotation):
            return False
        return super().supports(annotation)
