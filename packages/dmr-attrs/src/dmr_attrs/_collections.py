"""Hooks for lists, tuples, sets and dicts.

cattrs iterates whatever it is given, so a string would pass for a
``list[str]`` (one item per character) and a dict for a ``list`` of its keys.
These hooks first check that the value is an array (a list or tuple) or an
object (a dict), then let cattrs' generated functions structure the items,
which note each failing item with its index. Mapping keys are always text
in JSON, so they are read with the text hooks (``dict[int, str]`` accepts
``{"1": "a"}``).

On the way out, a collection whose items need no unstructuring is handed to
msgspec as it is, and a value of the wrong kind is left alone for response
validation to refuse (a ``str`` returned for a ``list[str]`` is not split
into characters).
"""

import collections.abc
import typing
from collections.abc import Callable
from typing import Any

from cattrs import Converter
from cattrs.cols import homogenous_tuple_structure_factory, list_structure_factory
from cattrs.errors import IterableValidationError, IterableValidationNote
from cattrs.fns import identity

from dmr.errors import ErrorType
from dmr_attrs._classes import passthrough
from dmr_attrs._errors import AttrsValidationError, wrong_type

StructureHook = Callable[[Any, Any], Any]

SEQUENCES = frozenset(
    {list, collections.abc.Sequence, collections.abc.MutableSequence, collections.abc.Iterable}
)
SETS = frozenset({set, frozenset, collections.abc.Set, collections.abc.MutableSet})
MAPPINGS = frozenset({dict, collections.abc.Mapping, collections.abc.MutableMapping})
_ARRAYS = (list, tuple)


def origin(annotation: Any) -> Any:
    """The container class of ``annotation`` (``list`` for ``list[int]``)."""
    return typing.get_origin(annotation) or annotation


def item_types(annotation: Any) -> tuple[Any, ...]:
    """The type arguments of a container; ``Any`` for a bare one."""
    return typing.get_args(annotation) or (Any, Any)


def is_fixed_tuple(annotation: Any) -> bool:
    """``tuple[int, str]`` and ``tuple[()]``, not ``tuple[int, ...]``."""
    args = typing.get_args(annotation)
    return origin(annotation) is tuple and not (len(args) == 2 and args[1] is Ellipsis)


def _checked(inner: StructureHook, after: Callable[[Any], Any] | None = None) -> StructureHook:
    def structure(value: Any, type_: Any) -> Any:
        if value.__class__ is not list and not isinstance(value, _ARRAYS):
            raise wrong_type('array', value)
        result = inner(value, type_)
        return result if after is None else after(result)

    return structure


def sequence_hook(annotation: Any, converter: Converter) -> StructureHook:
    """Lists, ``Sequence`` and variadic tuples."""
    (item,) = item_types(annotation)[:1]
    if origin(annotation) is tuple:
        return _checked(homogenous_tuple_structure_factory(annotation, converter))
    return _checked(list_structure_factory(list[item], converter))  # type: ignore[valid-type]  # a runtime type


def set_hook(annotation: Any, converter: Converter) -> StructureHook:
    """Sets and frozensets, read from arrays (duplicates collapse)."""
    (item,) = item_types(annotation)[:1]
    build = frozenset if origin(annotation) is frozenset else set

    def to_set(items: list[Any]) -> Any:
        try:
            return build(items)
        except TypeError as exc:  # unhashable items
            raise AttrsValidationError(str(exc), ErrorType.TYPE_ERROR) from None

    return _checked(list_structure_factory(list[item], converter), to_set)  # type: ignore[valid-type]  # a runtime type


def fixed_tuple_hook(annotation: Any, converter: Converter) -> StructureHook:
    """``tuple[int, str]``: an array of exactly that many items."""
    inner = converter.gen_structure_hetero_tuple(annotation)
    size = len(typing.get_args(annotation))

    def structure(value: Any, type_: Any) -> Any:
        if not isinstance(value, _ARRAYS):
            raise wrong_type('array', value)
        if len(value) != size:
            error_type = ErrorType.TOO_SHORT if len(value) < size else ErrorType.TOO_LONG
            raise AttrsValidationError(
                f'Expected an array of {size} items, got {len(value)}', error_type
            )
        return inner(value, type_)

    return structure


def mapping_hook(
    annotation: Any,
    converter: Converter,
    key_hook: Callable[[Any], StructureHook],
) -> StructureHook:
    """Dicts and mappings: an object, keys read as text, values by their type."""
    key_type, value_type = item_types(annotation)
    read_key = key_hook(key_type)
    read_value = converter.get_structure_hook(value_type)

    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, dict):
            raise wrong_type('object', value)
        result = {}
        errors = []
        for key, item in value.items():
            try:
                result[read_key(key, key_type)] = read_value(item, value_type)
            except Exception as exc:
                exc.__notes__ = [
                    *getattr(exc, '__notes__', ()),
                    IterableValidationNote(f'Structuring mapping @ key {key!r}', key, value_type),
                ]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f'While structuring {annotation!r}', errors, dict)
        return result

    return structure


def iterable_unstructure_hook(annotation: Any, converter: Converter) -> Callable[[Any], Any]:
    """Lists, tuples and sets out: an array, items unstructured."""
    if is_fixed_tuple(annotation):
        hooks = [converter.get_unstructure_hook(arg) for arg in typing.get_args(annotation)]
        if all(passthrough(hook) for hook in hooks):
            return identity

        def unstructure_tuple(value: Any) -> Any:
            if not isinstance(value, _ARRAYS) or len(value) != len(hooks):
                return value
            return [hook(item) for hook, item in zip(hooks, value, strict=True)]

        return unstructure_tuple
    hook = converter.get_unstructure_hook(item_types(annotation)[0])
    if passthrough(hook):
        return identity

    def unstructure(value: Any) -> Any:
        if not isinstance(value, list | tuple | set | frozenset):
            return value
        return [hook(item) for item in value]

    return unstructure


def mapping_unstructure_hook(annotation: Any, converter: Converter) -> Callable[[Any], Any]:
    """Dicts out: values unstructured; keys are written by msgspec."""
    hook = converter.get_unstructure_hook(item_types(annotation)[1])
    if passthrough(hook):
        return identity

    def unstructure(value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        return {key: hook(item) for key, item in value.items()}

    return unstructure
