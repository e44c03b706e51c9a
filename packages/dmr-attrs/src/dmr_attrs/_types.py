"""Which annotations the backend supports, read once per annotation.

Supported: attrs classes (``define``, ``frozen``, slots or not,
``kw_only``), ``TypedDict``, and the types their fields may use: ``str``,
``int``, ``float``, ``bool``, ``None``, ``datetime``, ``date``, ``time``,
``timedelta``, ``UUID``, ``Decimal``, enums of ``str`` or ``int`` values,
``Literal``, unions, ``list``/``Sequence``, ``tuple`` (fixed and variadic),
``set``/``frozenset``, ``dict``/``Mapping`` with keys of a scalar type, and
``Any``, each possibly ``Annotated``. Anything else (a ``msgspec.Struct``, a
pydantic model, a dataclass, a generic attrs class) is refused, so that in a
project mixing backends those go to the backend that owns them.
"""

import enum
import types
import typing
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

import attrs
from typing_extensions import is_typeddict

from dmr_attrs._choices import json_classes
from dmr_attrs._collections import MAPPINGS, SEQUENCES, SETS, origin
from dmr_attrs._fields import Overrides, resolved_fields, typed_dict_fields, wire_fields
from dmr_attrs._scalars import JSON_CLASSES, TEXT_FORMATS

_NONE = type(None)
_UNION_ORIGINS = frozenset({typing.Union, types.UnionType})
_KEY_TYPES = frozenset({str, int, float, bool, *TEXT_FORMATS})
_TEXT_COERCED = frozenset({int, float, bool})


def unwrap(annotation: Any) -> Any:
    """``annotation`` without ``Annotated[...]`` metadata; ``None`` is ``NoneType``."""
    while typing.get_origin(annotation) is Annotated:
        annotation = annotation.__origin__
    return _NONE if annotation is None else annotation


def is_union(annotation: Any) -> bool:
    """``A | B`` and ``Optional[A]``."""
    return typing.get_origin(annotation) in _UNION_ORIGINS


def is_attrs_class(annotation: Any) -> bool:
    """A (non-generic) attrs class."""
    return isinstance(annotation, type) and attrs.has(annotation)


def is_enum(annotation: Any) -> bool:
    """An enum class."""
    return isinstance(annotation, type) and issubclass(annotation, enum.Enum)


def holds_objects(annotation: Any) -> bool:
    """Whether values of ``annotation`` may hold attrs classes or ``TypedDict``s."""
    pending, seen = [annotation], set()
    while pending:
        current = unwrap(pending.pop())
        if is_attrs_class(current) or is_typeddict(current):
            return True
        if id(current) not in seen:
            seen.add(id(current))
            pending.extend(typing.get_args(current))
    return False


@dataclass
class Inspection:
    """What walking an annotation found."""

    enums: set[type[enum.Enum]] = field(default_factory=set)
    problem: str | None = None


def inspect_annotation(annotation: Any, custom: Collection[Any]) -> Inspection:
    """Walk ``annotation``: the enums it uses, or why it is not supported.

    ``custom`` holds types the user taught the converter (with their schema).
    """
    found = Inspection()
    seen: set[int] = set()
    pending = [annotation]
    while pending and found.problem is None:
        node = unwrap(pending.pop())
        if id(node) in seen:
            continue
        seen.add(id(node))
        try:
            hash(node)
            pending.extend(_children(node, custom, found))
        except NameError as exc:  # a forward reference that names nothing
            found.problem = f'cannot resolve the annotations of {node!r}: {exc}'
        except TypeError as exc:  # refused below, or metadata that cannot be hashed
            found.problem = str(exc)
    return found


def _children(node: Any, custom: Collection[Any], found: Inspection) -> Iterator[Any]:
    if node in custom or node is Any or node in JSON_CLASSES:
        return
    if is_enum(node) or typing.get_origin(node) is Literal:
        _check_choices(node, found)
    elif is_union(node) or origin(node) in SEQUENCES | SETS or origin(node) is tuple:
        yield from (arg for arg in typing.get_args(node) if arg is not Ellipsis)
    elif origin(node) in MAPPINGS:
        key, value = typing.get_args(node) or (str, Any)
        if not _key_type(unwrap(key)):
            raise TypeError(f'{node!r}: mapping keys must be str, int, an enum or a literal')
        yield from (key, value)
    elif is_attrs_class(node):
        if getattr(node, '__parameters__', ()):
            raise TypeError(f'{node!r}: generic attrs classes are not supported')
        yield from (attribute.type for attribute in resolved_fields(node))
    elif is_typeddict(node):
        yield from (hint for _, hint, _ in typed_dict_fields(node))
    else:
        raise TypeError(
            f'{node!r} is not an attrs class, a TypedDict or a type the attrs backend knows'
        )


def _check_choices(node: Any, found: Inspection) -> None:
    """Enums of str or int values, literals of JSON scalars and enum members."""
    if is_enum(node):
        if not all(_json_scalar(member.value, (str, int)) for member in node):
            raise TypeError(f'{node!r}: enum values must be str or int')
        found.enums.add(node)
        return
    values = typing.get_args(node)
    if not all(isinstance(value, enum.Enum) or _literal_value(value) for value in values):
        raise TypeError(f'{node!r}: literal values must be str, int, bool, None or enums')


def _json_scalar(value: Any, classes: tuple[type, ...]) -> bool:
    return isinstance(value, classes) and not isinstance(value, bool)


def _literal_value(value: Any) -> bool:
    return value is None or isinstance(value, str | int)


def _key_type(key: Any) -> bool:
    return key in _KEY_TYPES or key is Any or is_enum(key) or typing.get_origin(key) is Literal


def accepts(member: Any, *, text: bool) -> tuple[frozenset[type], frozenset[type]] | None:
    """The Python classes ``member`` takes: as its own JSON type, and by coercion.

    ``None`` means anything (``Any`` and custom types).
    """
    member = unwrap(member)
    if member in JSON_CLASSES:
        takes = JSON_CLASSES[member]
        if text and member in _TEXT_COERCED:
            takes |= {str}
        return (frozenset({float}) if member is float else JSON_CLASSES[member]), takes
    if is_enum(member) or typing.get_origin(member) is Literal:
        choices = list(member) if is_enum(member) else typing.get_args(member)
        own = json_classes(choices) | ({member} if is_enum(member) else set())
        return frozenset(own), frozenset({str} if text else ())
    if is_union(member):
        parts = [accepts(arg, text=text) for arg in typing.get_args(member)]
        if any(part is None for part in parts):
            return None
        return (
            frozenset().union(*(part[0] for part in parts if part)),
            frozenset().union(*(part[1] for part in parts if part)),
        )
    return _structured(member)


_ARRAYS: tuple[frozenset[type], frozenset[type]] = (frozenset({list, tuple}), frozenset())
_OBJECTS: tuple[frozenset[type], frozenset[type]] = (frozenset({dict}), frozenset())


def _structured(member: Any) -> tuple[frozenset[type], frozenset[type]] | None:
    if origin(member) in SEQUENCES | SETS or origin(member) is tuple:
        return _ARRAYS
    if origin(member) in MAPPINGS or is_attrs_class(member) or is_typeddict(member):
        return _OBJECTS
    return None


def is_array(annotation: Any) -> bool:
    """Whether ``annotation`` holds several values (a union with such a member too)."""
    annotation = unwrap(annotation)
    if is_union(annotation):
        return any(is_array(arg) for arg in typing.get_args(annotation))
    return origin(annotation) in SEQUENCES | SETS or origin(annotation) is tuple


def array_fields(annotation: Any, overrides: Overrides) -> frozenset[str]:
    """Wire names of the top-level fields of ``annotation`` that hold several values."""
    annotation = unwrap(annotation)
    if is_attrs_class(annotation):
        return frozenset(
            field.wire_name for field in wire_fields(annotation, overrides) if is_array(field.type)
        )
    if is_typeddict(annotation):
        return frozenset(key for key, hint, _ in typed_dict_fields(annotation) if is_array(hint))
    return frozenset()
