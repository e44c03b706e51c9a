"""``typing.TypedDict`` on Python 3.11, which pydantic refuses.

Before Python 3.12, pydantic accepts only ``typing_extensions.TypedDict``
(``typing.TypedDict`` does not keep what it needs to read generic bases).
dmr's own error model, and many user models, are ``typing.TypedDict``. On
those versions, this module rebuilds each ``typing.TypedDict`` found in an
annotation as an equivalent ``typing_extensions.TypedDict``: same name,
module, docstring, keys, required keys and pydantic config. Values are plain
dicts either way, so nothing else changes.
"""

import sys
import types
import typing
from functools import reduce
from operator import or_
from typing import Any

import typing_extensions

REBUILDS_TYPED_DICTS = sys.version_info < (3, 12)
"""Whether annotations are rewritten at all (only Python 3.11 needs it)."""

_rebuilt: dict[type, type] = {}
_building: set[type] = set()


def pydantic_compatible(annotation: Any) -> Any:
    """``annotation`` with every ``typing.TypedDict`` in it rebuilt for pydantic.

    Returns ``annotation`` itself when it holds none. Raise ``TypeError`` for a
    ``typing.TypedDict`` that refers to itself, which cannot be rebuilt.
    """
    if not REBUILDS_TYPED_DICTS:  # pragma: no cover - Python 3.12 and newer
        return annotation
    return rebuild_typed_dicts(annotation)


def _is_typing_typed_dict(annotation: Any) -> bool:
    return (
        isinstance(annotation, type)
        and typing.is_typeddict(annotation)
        and type(annotation).__module__ == 'typing'
    )


def rebuild_typed_dicts(annotation: Any) -> Any:
    """``annotation`` with every ``typing.TypedDict`` rebuilt, on any Python."""
    if _is_typing_typed_dict(annotation):
        return _typed_dict(annotation)
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        # Only the annotated type is rebuilt; the metadata is kept as it is.
        args = args[:1]
    elif origin is typing.Literal:
        args = ()
    rebuilt = tuple(rebuild_typed_dicts(arg) for arg in args)
    if all(new is old for new, old in zip(rebuilt, args, strict=True)):
        return annotation
    return _with_args(annotation, origin, rebuilt)


def _with_args(annotation: Any, origin: Any, args: tuple[Any, ...]) -> Any:
    """``annotation`` with its arguments replaced by ``args``."""
    if isinstance(annotation, types.UnionType):
        return reduce(or_, args)
    if isinstance(annotation, types.GenericAlias):
        return types.GenericAlias(origin, args)
    # typing's aliases: List[...], Optional[...], Annotated[...] (its type only)
    return annotation.copy_with(args)


def _typed_dict(cls: type) -> type:
    """The ``typing_extensions`` twin of the ``typing.TypedDict`` ``cls``."""
    if cls in _rebuilt:
        return _rebuilt[cls]
    if cls in _building:
        raise TypeError(
            f'{cls.__qualname__} refers to itself; on Python < 3.12, declare it '
            'with typing_extensions.TypedDict',
        )
    _building.add(cls)
    try:
        hints = typing.get_type_hints(cls, include_extras=True)
        required: frozenset[str] = getattr(cls, '__required_keys__', frozenset())
        fields = {
            name: _requiredness(name in required)[rebuild_typed_dicts(_strip_requiredness(hint))]
            for name, hint in hints.items()
        }
    finally:
        _building.discard(cls)
    # The functional form, called with a name known only at runtime.
    make_typed_dict: Any = typing_extensions.TypedDict
    twin: Any = make_typed_dict(cls.__name__, fields)
    twin.__module__ = cls.__module__
    twin.__qualname__ = cls.__qualname__
    twin.__doc__ = cls.__doc__
    config = getattr(cls, '__pydantic_config__', None)
    if config is not None:
        twin.__pydantic_config__ = config
    _rebuilt[cls] = twin
    return typing.cast(type, twin)


def _requiredness(required: bool) -> Any:  # noqa: FBT001 - a plain predicate
    return typing_extensions.Required if required else typing_extensions.NotRequired


def _strip_requiredness(hint: Any) -> Any:
    while typing.get_origin(hint) in (typing.Required, typing.NotRequired):
        (hint,) = typing.get_args(hint)
    return hint
