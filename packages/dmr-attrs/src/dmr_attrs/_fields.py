"""What an attrs class looks like on the wire: its fields, by wire name.

The converter, the error conversion and the JSON Schema emitter all read
classes through :func:`wire_fields`, so they agree on which fields exist, what
they are called and which of them clients may leave out.
"""

import functools
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import attrs
import typing_extensions

Overrides = Mapping[type, Mapping[str, Any]]
"""cattrs attribute overrides (``cattrs.override(rename=...)``) by field name, per class."""


@dataclass(frozen=True, slots=True)
class WireField:
    """One field of an attrs class as clients see it."""

    attribute: 'attrs.Attribute[Any]'
    wire_name: str
    type: Any
    omit_if_default: bool | None
    """The override's choice; ``None`` leaves it to the serializer."""
    struct_hook: Any = None
    """The override's structure hook, if it has one."""

    @property
    def name(self) -> str:
        """The attribute's name in Python."""
        return self.attribute.name

    @property
    def required(self) -> bool:
        """Whether a request must carry this field (it has no default)."""
        return self.attribute.default is attrs.NOTHING


def resolved_fields(cls: type) -> 'tuple[attrs.Attribute[Any], ...]':
    """The attributes of ``cls`` with their annotations evaluated.

    Raises :class:`NameError` for an annotation that names nothing
    importable from the class's module.
    """
    attrs.resolve_types(cls, include_extras=True)
    return tuple(attrs.fields(cls))


@functools.cache
def _cached_fields(
    cls: type,
    overrides: tuple[tuple[str, Any], ...],
) -> tuple[WireField, ...]:
    by_name = dict(overrides)
    result = []
    for attribute in resolved_fields(cls):
        override = by_name.get(attribute.name)
        if not attribute.init or (override is not None and override.omit):
            continue  # neither read nor written by the converter
        rename = None if override is None else override.rename
        result.append(
            WireField(
                attribute=attribute,
                wire_name=rename or attribute.alias or attribute.name,
                type=attribute.type if attribute.type is not None else Any,
                omit_if_default=None if override is None else override.omit_if_default,
                struct_hook=None if override is None else override.struct_hook,
            )
        )
    return tuple(result)


def wire_fields(cls: type, overrides: Overrides) -> tuple[WireField, ...]:
    """The fields of attrs class ``cls`` the converter reads and writes.

    Fields with ``init=False`` and fields an override omits are left out;
    names come from an override's ``rename``, then the attrs ``alias``.
    """
    return _cached_fields(cls, tuple(sorted(overrides.get(cls, {}).items())))


def typed_dict_fields(cls: type) -> tuple[tuple[str, Any, bool], ...]:
    """``(key, type, required)`` of each key of a ``TypedDict``."""
    hints = typing.get_type_hints(cls, include_extras=True)
    required = getattr(cls, '__required_keys__', frozenset(hints))
    return tuple((key, _strip_required(hint), key in required) for key, hint in hints.items())


_QUALIFIERS = frozenset(
    {
        typing.Required,
        typing.NotRequired,
        typing_extensions.Required,
        typing_extensions.NotRequired,
        typing_extensions.ReadOnly,
    }
)


def _strip_required(hint: Any) -> Any:
    while typing.get_origin(hint) in _QUALIFIERS:
        (hint,) = typing.get_args(hint)
    return hint
