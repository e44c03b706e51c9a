"""Which annotations the backend claims, and which fields are arrays."""

import dataclasses
import datetime
import decimal
import enum
import uuid
from typing import Annotated, Any, Literal, NotRequired, Optional, TypedDict

import attrs
import msgspec
import pydantic
import pytest
import typing_extensions
from pydantic import AfterValidator, AliasChoices, BaseModel, Field, RootModel

from dmr.errors import ErrorModel
from dmr.serializer import UnsupportedAnnotationError
from dmr_pydantic import PydanticSerializer


class Plain:
    """A class pydantic knows nothing about."""


class Struct(msgspec.Struct):
    name: str


@attrs.define
class AttrsClass:
    name: str


class Unresolved(BaseModel):
    friend: 'NoSuchName'  # type: ignore[name-defined]  # noqa: F821 - the point of the test


class Tree(BaseModel):
    children: 'list[Tree]' = []


class Level(enum.IntEnum):
    LOW = 1


class Page(RootModel[list[int]]):
    pass


class Filters(BaseModel):
    tags: list[str] = []
    pair: tuple[int, int] = (0, 0)
    rest: tuple[int, ...] = ()
    ids: set[int] = set()
    frozen: frozenset[int] = frozenset()
    maybe: Optional[list[int]] = None  # noqa: UP045 - the spelling under test
    either: list[int] | int = 0
    sized: Annotated[list[int], Field(max_length=3)] = []
    checked: Annotated[list[int], AfterValidator(sorted)] = []
    renamed: list[str] = Field(default_factory=list, alias='other_name')
    choices: list[str] = Field(default_factory=list, validation_alias=AliasChoices('c', 'cs'))
    page: Page = Page([])
    number: int = 1
    mapping: dict[str, list[int]] = {}
    nested: Tree | None = None


class FilterDict(typing_extensions.TypedDict):
    tags: NotRequired[list[str]]
    page: int


@dataclasses.dataclass
class FilterDataclass:
    tags: list[str]
    page: int = 1


SUPPORTED = [
    int,
    str,
    float,
    bool,
    bytes,
    None,
    Any,
    uuid.UUID,
    decimal.Decimal,
    datetime.datetime,
    datetime.date,
    datetime.time,
    datetime.timedelta,
    Level,
    Literal['a', 'b'],
    list[int],
    dict[str, list[uuid.UUID]],
    tuple[int, str],
    set[int],
    frozenset[str],
    int | None,
    int | str,
    Annotated[int, Field(ge=0)],
    Tree,
    Filters,
    FilterDict,
    FilterDataclass,
    Page,
    ErrorModel,
    list[ErrorModel],
]


@pytest.mark.parametrize('annotation', SUPPORTED)
def test_supported_annotations_compile(annotation):
    """Everything pydantic builds a TypeAdapter for is claimed."""
    serializer = PydanticSerializer()

    assert serializer.supports(annotation)
    assert serializer.adapter(annotation, direction='request') is not None


@pytest.mark.parametrize(
    ('annotation', 'reason'),
    [
        (Plain, 'Unable to generate pydantic-core schema'),
        (Struct, 'Unable to generate pydantic-core schema'),
        (AttrsClass, 'Unable to generate pydantic-core schema'),
        (list[Plain], 'Unable to generate pydantic-core schema'),
        (Unresolved, "'NoSuchName' is not defined"),
        (Annotated[int, msgspec.Meta(ge=0)], 'pydantic would ignore the constraints'),
        (list[Annotated[int, msgspec.Meta(ge=0)]], 'pydantic would ignore the constraints'),
    ],
)
def test_unsupported_annotations_are_refused_with_a_reason(annotation, reason):
    """Classes of other libraries and pydantic's refusals are not claimed."""
    serializer = PydanticSerializer()

    assert not serializer.supports(annotation)
    with pytest.raises(UnsupportedAnnotationError, match=reason):
        serializer.adapter(annotation, direction='request')


def test_supports_never_raises_for_a_broken_annotation():
    """A class whose hash fails is refused, not raised through `supports`."""

    class BrokenMeta(type):
        def __hash__(cls) -> int:
            raise RuntimeError('no hash')

    class Broken(metaclass=BrokenMeta):
        pass

    assert not PydanticSerializer().supports(Broken)


def test_unhashable_annotation_compiles():
    """An annotation that cannot be hashed still compiles, with its constraints."""
    annotation = Annotated[int, Field(ge=0), {'unhashable': []}]
    serializer = PydanticSerializer()

    first = serializer.adapter(annotation, direction='request')

    assert first.from_python('3') == 3
    with pytest.raises(serializer.validation_errors):
        first.from_python('-1')


def test_unsupported_annotation_has_no_schema():
    """Asking for the schema of an unclaimed type raises, naming it."""
    with pytest.raises(UnsupportedAnnotationError, match='Plain'):
        PydanticSerializer().json_schema(Plain, direction='request', ref_template='{name}')


def array_fields(annotation: Any) -> frozenset[str]:
    return PydanticSerializer().adapter(annotation, direction='request').array_fields


def test_array_fields_of_a_model():
    """Lists, tuples, sets, optional and union arrays, by wire name."""
    assert array_fields(Filters) == {
        'tags',
        'pair',
        'rest',
        'ids',
        'frozen',
        'maybe',
        'either',
        'sized',
        'checked',
        'other_name',
        'renamed',
        'choices',
        'c',
        'cs',
        'page',
    }


def test_array_fields_of_a_typed_dict_and_a_dataclass():
    """TypedDicts and dataclasses report their array fields too."""
    assert array_fields(FilterDict) == {'tags'}
    assert array_fields(FilterDataclass) == {'tags'}


def test_plain_types_have_no_array_fields():
    """Only types with named fields have array fields."""
    assert array_fields(list[int]) == frozenset()
    assert array_fields(int) == frozenset()


def test_recursive_model_has_its_own_array_fields():
    """A self-referencing model is read once, through its definition."""
    assert array_fields(Tree) == {'children'}


def test_pydantic_dataclass_array_fields():
    """pydantic dataclasses are read like standard ones."""

    @pydantic.dataclasses.dataclass
    class Point:
        xs: list[int]

    assert array_fields(Point) == {'xs'}


class TypingPoint(TypedDict):
    """A point, as `typing` spells it."""

    x: int
    tags: NotRequired[list[str]]


class TypingBase(TypedDict, total=False):
    a: int


class TypingChild(TypingBase):
    b: int


def test_typing_typed_dicts_are_supported():
    """`typing.TypedDict` works, though pydantic asks for typing_extensions on 3.11."""
    adapter = PydanticSerializer().adapter(TypingPoint, direction='request')

    assert adapter.from_json(b'{"x": 1}') == {'x': 1}
    assert adapter.array_fields == {'tags'}


def test_typing_typed_dicts_keep_required_keys_through_inheritance():
    """A key optional in a `total=False` base stays optional in a total child."""
    adapter = PydanticSerializer().adapter(TypingChild, direction='request')

    assert adapter.from_json(b'{"b": 1}') == {'b': 1}
    with pytest.raises(PydanticSerializer.validation_errors):
        adapter.from_json(b'{"a": 1}')
