"""Which annotations the backend supports, and which fields are arrays."""

import dataclasses
import datetime
import decimal
import enum
import uuid
from typing import Annotated, Any, Literal, NotRequired, Optional, TypedDict

import attrs
import msgspec
import pytest

from dmr.errors import ErrorModel
from dmr.serializer import UnsupportedAnnotationError
from dmr_msgspec import MsgspecSerializer


class Plain:
    """A class msgspec has no encoding for."""


class Cat(msgspec.Struct):
    name: str


class Dog(msgspec.Struct):
    name: str


class Unresolved(msgspec.Struct):
    friend: 'NoSuchName'  # noqa: F821 - the point of the test


class Tree(msgspec.Struct):
    children: 'list[Tree]' = []


class Level(enum.IntEnum):
    LOW = 1


class Filters(msgspec.Struct):
    tags: list[str] = []
    pair: tuple[int, int] = (0, 0)
    rest: tuple[int, ...] = ()
    ids: set[int] = set()
    frozen: frozenset[int] = frozenset()
    maybe: Optional[list[int]] = None  # noqa: UP045 - the spelling under test
    either: list[int] | int = 0
    sized: Annotated[list[int], msgspec.Meta(max_length=3)] = []
    renamed: list[str] = msgspec.field(name='other_name', default_factory=list)
    page: int = 1
    mapping: dict[str, list[int]] = {}


class Kebab(msgspec.Struct, rename='kebab'):
    x_ids: list[int] = []
    x_name: str = ''


@dataclasses.dataclass
class DataclassFilters:
    tags: list[str]
    page: int = 1


class TypedDictFilters(TypedDict):
    tags: NotRequired[list[str]]
    page: int


@attrs.define
class AttrsFilters:
    tags: list[str]
    page: int = 1


SUPPORTED = [
    int, str, bool, float, bytes, None, Any, object,
    list[int], dict[str, int], tuple[int, str], set[str], frozenset[int],
    Optional[int], int | str, Cat | None, list[Cat],  # noqa: UP045 - the spelling under test
    uuid.UUID, datetime.datetime, datetime.date, decimal.Decimal,
    Level, Literal['a', 'b'], Tree, Filters, DataclassFilters, TypedDictFilters,
    AttrsFilters, ErrorModel, Annotated[int, msgspec.Meta(ge=0)],
    Annotated[int, {'unhashable': 'metadata'}],
]  # fmt: skip

UNSUPPORTED = [
    Plain, list[Plain], dict[str, Plain | None], Cat | Dog, 'int', 42, Unresolved,
]  # fmt: skip


@pytest.mark.parametrize('annotation', SUPPORTED)
def test_supported_annotations(annotation):
    """What msgspec decodes and encodes without hooks is supported."""
    assert MsgspecSerializer().supports(annotation)


@pytest.mark.parametrize('annotation', UNSUPPORTED)
def test_unsupported_annotations_are_refused_without_raising(annotation):
    """Custom classes, untagged Struct unions and non-types are refused."""
    assert not MsgspecSerializer().supports(annotation)


@pytest.mark.parametrize('annotation', UNSUPPORTED)
def test_adapter_for_an_unsupported_annotation_says_why(annotation):
    """`adapter` raises the contract's error, with msgspec's reason."""
    with pytest.raises(UnsupportedAnnotationError, match='msgspec cannot'):
        MsgspecSerializer().adapter(annotation, direction='request')


def test_unsupported_annotation_names_the_custom_class():
    """The reason names the classes msgspec would need hooks for."""
    with pytest.raises(UnsupportedAnnotationError, match='Plain without custom hooks'):
        MsgspecSerializer().adapter(dict[str, list[Plain]], direction='response')


def test_annotation_with_a_broken_hash_is_still_answered():
    """An annotation that cannot be hashed is compiled, just not cached."""

    class BrokenHash(type):
        def __hash__(cls):
            raise RuntimeError('no hashing')

    class Weird(metaclass=BrokenHash):
        pass

    assert not MsgspecSerializer().supports(Weird)


def test_unhashable_annotation_gets_a_working_adapter():
    """Unhashable metadata skips the cache but compiles fine."""
    annotation = Annotated[int, {'unhashable': 'metadata'}]

    adapter = MsgspecSerializer().adapter(annotation, direction='request')

    assert adapter.from_python('3') == 3


def array_fields(annotation: Any) -> frozenset[str]:
    return MsgspecSerializer().adapter(annotation, direction='request').array_fields


def test_array_fields_of_a_struct():
    """Lists, tuples, sets and frozensets are arrays, also inside a union."""
    assert array_fields(Filters) == {
        'tags', 'pair', 'rest', 'ids', 'frozen', 'maybe', 'either', 'sized', 'other_name',
    }  # fmt: skip


def test_array_fields_use_wire_names():
    """A renamed Struct reports its fields by their encoded names."""
    assert array_fields(Kebab) == {'x-ids'}


@pytest.mark.parametrize('annotation', [DataclassFilters, TypedDictFilters, AttrsFilters])
def test_array_fields_of_other_model_kinds(annotation):
    """Dataclasses, TypedDicts and attrs classes report their array fields."""
    assert array_fields(annotation) == {'tags'}


def test_array_fields_of_an_annotated_model():
    """Metadata around the model itself does not hide its fields."""
    assert array_fields(Annotated[Kebab, msgspec.Meta(description='k')]) == {'x-ids'}


@pytest.mark.parametrize('annotation', [int, list[int], dict[str, list[int]], Cat, Any])
def test_types_without_array_fields(annotation):
    """Non-model types, and models without collections, have none."""
    assert array_fields(annotation) == frozenset()
