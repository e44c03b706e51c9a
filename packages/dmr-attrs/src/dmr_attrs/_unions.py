"""Structuring unions (``int | str``, ``Node | None``, ``A | B``).

Each member says which Python classes of decoded JSON it takes: ``str``
takes ``str``, ``float`` takes ``float`` and ``int``, a class takes ``dict``.
A value is offered to the members that take its class, in two rounds: the
members for which the class is their own JSON type first (``1`` goes to
``int`` before ``float``), then those that merely accept it (a text ``'1'``
for an ``int`` in text mode). Within a round members are tried in the order
of the annotation.

When exactly one member takes the value, its error is reported as it is, so
``best_friend: User | None`` locates a bad field inside the user. Several
members that all refuse the value give one ``value_error`` at the union.
"""

import typing
from collections.abc import Callable
from typing import Any

from cattrs import Converter

from dmr.errors import ErrorType
from dmr_attrs._errors import AttrsValidationError, wrong_type

StructureHook = Callable[[Any, Any], Any]
Accepts = Callable[..., tuple[frozenset[type], frozenset[type]] | None]
"""``accepts(member, text=...)``: the classes a member takes as its own and as a
coercion; ``None`` when it takes anything (``Any``)."""


def union_hook(
    annotation: Any,
    converter: Converter,
    accepts: Accepts,
    *,
    text: bool,
) -> StructureHook:
    """The structure hook of a union, routing each value by its class."""
    members = typing.get_args(annotation)
    own: dict[type, list[tuple[StructureHook, Any]]] = {}
    coerced: dict[type, list[tuple[StructureHook, Any]]] = {}
    anything: list[tuple[StructureHook, Any]] = []
    for member in members:
        entry = (converter.get_structure_hook(member), member)
        classes = accepts(member, text=text)
        if classes is None:
            anything.append(entry)
            continue
        for cls in classes[0]:
            own.setdefault(cls, []).append(entry)
        for cls in classes[1] - classes[0]:
            coerced.setdefault(cls, []).append(entry)
    table = {
        cls: (*own.get(cls, ()), *coerced.get(cls, ()), *anything)
        for cls in own.keys() | coerced.keys()
    }
    fallback = tuple(anything)
    names = ' | '.join(_name(member) for member in members)

    def structure(value: Any, _: Any) -> Any:
        candidates = table.get(value.__class__)
        if candidates is None:
            candidates = _by_isinstance(value, table) + fallback
        if len(candidates) == 1:
            hook, member = candidates[0]
            return hook(value, member)
        for hook, member in candidates:
            try:
                return hook(value, member)
            except Exception:  # noqa: S112 - the next member may take it
                continue
        if not candidates:
            raise wrong_type(names, value)
        raise AttrsValidationError(
            f'{_preview(value)} matches none of {names}',
            ErrorType.VALUE_ERROR,
        )

    return structure


def _by_isinstance(
    value: Any,
    table: dict[type, tuple[tuple[StructureHook, Any], ...]],
) -> tuple[tuple[StructureHook, Any], ...]:
    """Candidates for a subclass of a JSON class (an ``IntEnum`` member...)."""
    for cls, candidates in table.items():
        if isinstance(value, cls) and not (cls is int and isinstance(value, bool)):
            return candidates
    return ()


def _name(member: Any) -> str:
    if member is type(None):
        return 'None'
    return getattr(member, '__name__', repr(member))


def _preview(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + '...'
