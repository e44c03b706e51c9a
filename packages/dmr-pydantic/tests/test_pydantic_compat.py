"""`typing.TypedDict` rebuilt for pydantic (needed on Python 3.11 only)."""

import typing
from collections.abc import Callable
from typing import Annotated, Any, NotRequired, Optional, TypedDict, Union

import pydantic
import pytest
import typing_extensions
from pydantic import Field

from dmr_pydantic import PydanticSerializer
from dmr_pydantic._compat import (
    REBUILDS_TYPED_DICTS,
    pydantic_compatible,
    rebuild_typed_dicts,
)


class Point(TypedDict):
    """A point."""

    x: int
    label: NotRequired[str]


@pydantic.with_config(pydantic.ConfigDict(extra='forbid'))
class Closed(TypedDict):
    x: int


class Node(TypedDict):
    children: list['Node']


def rebuilt(annotation: Any) -> Any:
    return rebuild_typed_dicts(annotation)


def test_annotations_are_rebuilt_only_where_pydantic_needs_it():
    """Python 3.11 gets the rebuilt class; 3.12 and newer the class itself."""
    expected = rebuilt(Point) if REBUILDS_TYPED_DICTS else Point

    assert pydantic_compatible(Point) is expected


def test_a_typing_typed_dict_becomes_a_typing_extensions_one():
    """Name, module, docstring and keys are kept; required keys too."""
    twin = rebuilt(Point)

    assert type(twin).__module__ == 'typing_extensions'
    assert (twin.__name__, twin.__qualname__, twin.__module__) == (
        'Point',
        'Point',
        'test_pydantic_compat',
    )
    assert twin.__doc__ == 'A point.'
    assert twin.__required_keys__ == {'x'}
    assert twin.__optional_keys__ == {'label'}


def test_rebuilt_classes_are_reused():
    """One class is rebuilt once."""
    assert rebuilt(Point) is rebuilt(Point)


@pytest.mark.parametrize(
    'annotation',
    [
        list[Point],
        dict[str, Point],
        Optional[Point],  # noqa: UP045 - the spelling under test
        Union[Point, int],  # noqa: UP007 - the spelling under test
        Point | None,
        typing.List[Point],  # noqa: UP006 - the spelling under test
        Annotated[Point, Field(description='a point')],
        Annotated[list[Point], Field(min_length=1)],
    ],
)
def test_typed_dicts_inside_annotations_are_rebuilt(annotation):
    """Generic aliases, unions and `Annotated` are rebuilt around the twin."""
    assert rebuilt(annotation) != annotation
    assert PydanticSerializer().supports(annotation)


@pytest.mark.parametrize(
    'annotation',
    [int, list[int], Annotated[int, Field(ge=0)], typing.Literal['a'], Callable[[int], str]],
)
def test_annotations_without_typing_typed_dicts_are_returned_as_they_are(annotation):
    """Nothing is rebuilt when there is nothing to rebuild."""
    assert rebuilt(annotation) is annotation


def test_typing_extensions_typed_dicts_are_kept():
    """A `typing_extensions.TypedDict` needs no rebuild."""

    class Modern(typing_extensions.TypedDict):
        x: int

    assert rebuilt(Modern) is Modern


def test_pydantic_config_is_kept():
    """`with_config` on the original applies to the twin."""
    adapter = PydanticSerializer().adapter(Closed, direction='request')

    with pytest.raises(PydanticSerializer.validation_errors):
        adapter.from_json(b'{"x": 1, "y": 2}')


def test_docstring_becomes_the_schema_description():
    """The rebuilt class documents itself like the original."""
    _, definitions = PydanticSerializer().json_schema(
        Point,
        direction='request',
        ref_template='{name}',
    )

    assert definitions['Point']['description'] == 'A point.'


def test_recursive_typing_typed_dict_is_refused_with_advice():
    """A `typing.TypedDict` that refers to itself cannot be rebuilt."""
    with pytest.raises(TypeError, match=r'typing_extensions\.TypedDict'):
        rebuilt(Node)


def test_recursive_typing_typed_dict_is_supported_where_no_rebuild_is_needed():
    """Python 3.11 cannot serve it; 3.12 and newer hand it to pydantic as it is."""
    assert PydanticSerializer().supports(Node) is not REBUILDS_TYPED_DICTS
