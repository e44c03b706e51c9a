"""Reading annotations through ``msgspec.inspect``.

msgspec is the judge of what it supports: an annotation is compiled into a
JSON decoder once, and its type tree is walked for classes msgspec would only
handle with custom hooks, which this backend does not install.
"""

import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import msgspec
from msgspec import inspect as msgspec_inspect

from dmr.files import UploadedFile

_ARRAY_TYPES = (
    msgspec_inspect.ListType,
    msgspec_inspect.TupleType,
    msgspec_inspect.VarTupleType,
    msgspec_inspect.SetType,
    msgspec_inspect.FrozenSetType,
)
FIELDED_TYPES = (
    msgspec_inspect.StructType,
    msgspec_inspect.DataclassType,  # dataclasses and attrs classes
    msgspec_inspect.TypedDictType,
)


@dataclass(frozen=True, slots=True)
class CompiledType:
    """What one annotation compiles to, shared by both directions."""

    decoder: msgspec.json.Decoder[Any]
    array_fields: frozenset[str]
    nullable_fields: Mapping[str, 'NullableField'] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class NullableField:
    """A top-level field whose type admits ``None``: its attribute and annotation."""

    name: str
    annotation: Any


def compile_type(annotation: Any) -> CompiledType | str:
    """Compile ``annotation``, or return why msgspec cannot handle it."""
    try:
        decoder = msgspec.json.Decoder(annotation)
        info = msgspec_inspect.type_info(annotation)
    # TypeError for types msgspec refuses, NameError for unresolved forward
    # references, whatever a broken class raises: none may escape `supports`.
    except Exception as exc:
        return f'msgspec cannot handle it: {exc}'
    custom = ', '.join(sorted(cls.__qualname__ for cls in _custom_classes(info)))
    if custom:
        return f'msgspec cannot decode or encode {custom} without custom hooks'
    return CompiledType(
        decoder=decoder,
        array_fields=array_fields(info),
        nullable_fields=nullable_fields(info),
    )


def array_fields(info: msgspec_inspect.Type) -> frozenset[str]:
    """Wire names of the top-level fields of ``info`` that hold several values.

    A field holds several values when its type is a list, tuple, set or
    frozenset, or a union with one of them as a member (``list[int] | None``).
    Types without named fields have none.
    """
    info = _unwrap(info)
    if not isinstance(info, FIELDED_TYPES):
        return frozenset()
    return frozenset(field.encode_name for field in info.fields if _is_array(field.type))


def wire_names(annotation: Any) -> dict[str, str]:
    """The encoded name of each field of ``annotation``, by attribute name."""
    info = _unwrap(msgspec_inspect.type_info(annotation))
    if not isinstance(info, FIELDED_TYPES):
        return {}
    return {field.name: field.encode_name for field in info.fields}


def nullable_fields(info: msgspec_inspect.Type) -> dict[str, NullableField]:
    """The top-level fields of ``info`` whose type admits ``None``, by wire name.

    In lax mode msgspec reads the text ``null`` as ``None``; a query string
    cannot carry a JSON null, so the adapter refuses that reading for them.
    """
    info = _unwrap(info)
    if not isinstance(info, FIELDED_TYPES):
        return {}
    # A generic model (`Page[Item]`) is read through its class.
    cls = typing.get_origin(info.cls) or info.cls
    hints = typing.get_type_hints(cls, include_extras=True)
    return {
        item.encode_name: NullableField(item.name, hints[item.name])
        for item in info.fields
        if _admits_none(item.type) and item.name in hints
    }


def _admits_none(info: msgspec_inspect.Type) -> bool:
    info = _unwrap(info)
    if isinstance(info, msgspec_inspect.UnionType):
        return any(_admits_none(member) for member in info.types)
    return isinstance(info, msgspec_inspect.NoneType)


def _is_array(info: msgspec_inspect.Type) -> bool:
    info = _unwrap(info)
    if isinstance(info, msgspec_inspect.UnionType):
        return any(_is_array(member) for member in info.types)
    return isinstance(info, _ARRAY_TYPES)


def _unwrap(info: msgspec_inspect.Type) -> msgspec_inspect.Type:
    while isinstance(info, msgspec_inspect.Metadata):
        info = info.type
    return info


def _custom_classes(info: msgspec_inspect.Type) -> Iterator[type]:
    """Classes in the tree of ``info`` that msgspec only handles with hooks.

    ``object`` is msgspec's spelling of "anything" and is not one of them, and
    uploaded files (``Files[T]`` fields) pass through as the instances they are.
    """
    for node in walk(info):
        if (
            isinstance(node, msgspec_inspect.CustomType)
            and node.cls is not object
            and not issubclass(node.cls, UploadedFile)
        ):
            yield node.cls


def walk(info: msgspec_inspect.Type) -> Iterator[msgspec_inspect.Type]:
    """Every node of the type tree of ``info``, each once.

    Recursive types refer back to themselves, hence the ``seen`` set; the
    children of a custom type are not visited.
    """
    seen: set[int] = set()
    pending = [info]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if not isinstance(node, msgspec_inspect.CustomType):
            pending.extend(_children(node))


def _children(node: msgspec_inspect.Type) -> Iterator[msgspec_inspect.Type]:
    for value in msgspec.structs.astuple(node):
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if isinstance(item, msgspec_inspect.Type):
                yield item
            elif isinstance(item, msgspec_inspect.Field):
                yield item.type
