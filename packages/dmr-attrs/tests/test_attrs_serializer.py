"""`AttrsSerializer`: what it claims, how it compiles, how it is configured."""

import dataclasses
import datetime
import decimal
import enum
import uuid
from collections.abc import Mapping, Sequence
from importlib.metadata import entry_points
from typing import Annotated, Any, ClassVar, Generic, Literal, TypeVar

import attrs
import cattrs
import msgspec
import pydantic
import pytest

from attrs_models import Point, Profile, SearchQuery
from dmr.serializer import Serializer, TypeAdapter, UnsupportedAnnotationError
from dmr_attrs import AttrsAdapter, AttrsSerializer

T = TypeVar('T')


@attrs.define
class Money:
    """Not an attrs class, taught to the converter by a subclass."""

    cents: int


class Cents:
    def __init__(self, value: int) -> None:
        self.value = value


class CentsSerializer(AttrsSerializer):
    schemas: ClassVar = {Cents: {'type': 'integer'}}

    def configure_converter(self, converter):
        converter.register_structure_hook(Cents, lambda value, _: Cents(value))
        converter.register_unstructure_hook(Cents, lambda cents: cents.value)


@attrs.define
class Box(Generic[T]):
    item: T


@attrs.define
class Unresolvable:
    other: 'Missing'  # type: ignore[name-defined]  # noqa: F821


@dataclasses.dataclass
class DataclassPoint:
    x: int


class Struct(msgspec.Struct):
    x: int


class PydanticModel(pydantic.BaseModel):
    x: int


class Shape(enum.Enum):
    ROUND = (1, 2)


def test_the_backend_satisfies_the_contract():
    """The serializer and its adapters satisfy dmr's protocols."""
    serializer = AttrsSerializer()

    assert isinstance(serializer, Serializer)
    assert isinstance(serializer.adapter(int, direction='request'), TypeAdapter)


def test_the_entry_point_names_the_backend():
    """`pip install dmr-core[attrs]` registers `attrs` in `dmr.serializers`."""
    (entry_point,) = entry_points(group='dmr.serializers', name='attrs')

    assert entry_point.load() is AttrsSerializer


@pytest.mark.parametrize(
    'annotation',
    [
        Profile,
        SearchQuery,
        Point,
        int,
        list[str],
        tuple[int, ...],
        tuple[int, str],
        frozenset[uuid.UUID],
        Sequence[float],
        Mapping[str, decimal.Decimal],
        dict[Literal['a', 'b'], datetime.date],
        dict[int, bool],
        Literal['x', 1, None],
        int | str | None,
        Annotated[int, 'meta'],
        Annotated[int, {'unhashable': []}],
        Any,
        list,
    ],
)
def test_attrs_classes_and_plain_types_are_supported(annotation):
    """attrs classes, TypedDicts and the plain types they use are claimed."""
    assert AttrsSerializer().supports(annotation)


@pytest.mark.parametrize(
    'annotation',
    [
        Struct,
        PydanticModel,
        DataclassPoint,
        Box[int],
        Box,
        Unresolvable,
        Shape,
        Literal[1.5],
        dict[tuple[int, int], int],
        list[Struct],
        Money | Struct,
        bytes,
        object,
    ],
)
def test_other_libraries_and_unknown_types_are_not_claimed(annotation):
    """Structs, pydantic models, dataclasses and generics go to other backends."""
    assert not AttrsSerializer().supports(annotation)


def test_unsupported_annotation_is_refused_with_the_reason():
    """`adapter` raises a TypeError that says what the backend cannot do."""
    with pytest.raises(UnsupportedAnnotationError, match='not an attrs class'):
        AttrsSerializer().adapter(Struct, direction='request')


def test_adapter_repr_names_its_annotation_and_direction():
    """An adapter's repr says what it structures, and which way."""
    adapter = AttrsSerializer().adapter(Profile, direction='request')

    assert repr(adapter) == f'<AttrsAdapter {Profile!r} (request)>'


def test_unhashable_annotations_compile():
    """An annotation that cannot be a dict key still compiles."""
    annotation = Annotated[int, {'unhashable': []}]
    adapter = AttrsSerializer().adapter(annotation, direction='request')

    assert isinstance(adapter, AttrsAdapter)
    assert adapter.from_python('3') == 3


def test_array_fields_are_reported_by_wire_name():
    """Fields holding several values take repeated query keys."""
    serializer = AttrsSerializer()

    assert serializer.adapter(SearchQuery, direction='request').array_fields == {'tags'}
    assert serializer.adapter(Point, direction='request').array_fields == frozenset()
    assert serializer.adapter(list[int], direction='request').array_fields == frozenset()


def test_custom_types_are_taught_through_a_subclass():
    """`configure_converter` and `schemas` add a type the backend does not know."""
    serializer = CentsSerializer()
    adapter = serializer.adapter(list[Cents], direction='request')

    assert [cents.value for cents in adapter.from_python(['1', 2])] == ['1', 2]
    assert serializer.adapter(list[Cents], direction='response').to_json([Cents(5)]) == b'[5]'
    assert serializer.json_schema(list[Cents], direction='request', ref_template='{name}') == (
        {'type': 'array', 'items': {'type': 'integer'}},
        {},
    )


def test_options_are_keyword_arguments_too():
    """The class attributes can be set per instance."""
    serializer = AttrsSerializer(
        forbid_extra_keys=True,
        omit_defaults=True,
        overrides={SearchQuery: {'q': cattrs.override(rename='query')}},
    )

    query = serializer.adapter(SearchQuery, direction='request').from_python({'query': 'x'})
    assert query.q == 'x'
    output = serializer.adapter(SearchQuery, direction='response').to_python(query)
    assert output == {'query': 'x'}
    assert (
        serializer.forbid_extra_keys is AttrsSerializer(forbid_extra_keys=True).forbid_extra_keys
    )
    assert AttrsSerializer.forbid_extra_keys is False


def test_error_details_name_wire_fields_of_overridden_classes():
    """A renamed field is located by the name clients send."""
    serializer = AttrsSerializer(overrides={SearchQuery: {'q': cattrs.override(rename='query')}})
    adapter = serializer.adapter(SearchQuery, direction='request')

    with pytest.raises(serializer.validation_errors) as info:
        adapter.from_python({'query': 5, 'page': 'x'})

    assert [detail['loc'] for detail in serializer.error_details(info.value)] == [
        ['query'],
        ['page'],
    ]


class StrictCentsSerializer(AttrsSerializer):
    schemas: ClassVar = {Cents: {'type': 'integer'}}

    def configure_converter(self, converter):
        converter.register_structure_hook(Cents, lambda value, _: Cents(int(value)))


def test_a_failing_hook_of_yours_is_a_value_error():
    """Whatever a custom hook raises for bad data is a validation error."""
    serializer = StrictCentsSerializer()
    adapter = serializer.adapter(Cents, direction='request')

    with pytest.raises(serializer.validation_errors) as info:
        adapter.from_python('many')

    assert serializer.error_details(info.value)[0]['type'] == 'value_error'
