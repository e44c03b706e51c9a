"""Building the cattrs converters of a serializer.

Each serializer has two converters, built by :func:`make_converter` from the
same options: a *strict* one, for JSON bodies and every response, and a
*text* one, for query strings, headers, cookies and path segments, whose
scalar hooks also read text. Both start from cattrs' preconfigured msgspec
converter (JSON is decoded and encoded by msgspec, see the README for the
measurements behind that choice) and replace cattrs' lenient defaults (it
would turn ``5`` into ``'5'`` and ``'abc'`` into ``['a', 'b', 'c']``) with
the hooks of this package. cattrs generates and caches the hook of each type
the first time it is asked for it.
"""

import typing
from collections.abc import Callable, Iterable
from typing import Any, Literal

from cattrs import Converter
from cattrs.fns import identity
from cattrs.preconf import msgspec as msgspec_preconf
from cattrs.preconf.msgspec import MsgspecJsonConverter
from typing_extensions import is_typeddict

from dmr_attrs._choices import enum_hook, literal_hook
from dmr_attrs._classes import passthrough, structure_factory, unstructure_factory
from dmr_attrs._collections import (
    MAPPINGS,
    SEQUENCES,
    SETS,
    fixed_tuple_hook,
    is_fixed_tuple,
    iterable_unstructure_hook,
    mapping_hook,
    mapping_unstructure_hook,
    origin,
    sequence_hook,
    set_hook,
)
from dmr_attrs._errors import wrong_type
from dmr_attrs._fields import Overrides, typed_dict_fields
from dmr_attrs._scalars import STRICT, TEXT
from dmr_attrs._types import accepts, is_attrs_class, is_enum, is_union
from dmr_attrs._unions import union_hook

StructureHook = Callable[[Any, Any], Any]


def _is_literal(annotation: Any) -> bool:
    return typing.get_origin(annotation) is Literal


def _is_sequence(annotation: Any) -> bool:
    return origin(annotation) in SEQUENCES or (
        origin(annotation) is tuple and not is_fixed_tuple(annotation)
    )


def _is_fixed_tuple(annotation: Any) -> bool:
    return is_fixed_tuple(annotation) and bool(typing.get_args(annotation))


def _is_set(annotation: Any) -> bool:
    return origin(annotation) in SETS


def _is_mapping(annotation: Any) -> bool:
    return origin(annotation) in MAPPINGS


def _is_array(annotation: Any) -> bool:
    return _is_sequence(annotation) or _is_set(annotation) or origin(annotation) is tuple


def key_hook(key_type: Any) -> StructureHook:
    """How a mapping key (always text in JSON) is read into ``key_type``."""
    if key_type in TEXT:
        return TEXT[key_type]
    if is_enum(key_type):
        return enum_hook(key_type, text=True)
    if _is_literal(key_type):
        return literal_hook(key_type, text=True)
    return lambda key, _: key


def make_converter(
    *,
    text: bool,
    forbid_extra_keys: bool,
    omit_defaults: bool,
    overrides: Overrides,
) -> MsgspecJsonConverter:
    """A converter of the serializer, strict or reading text."""
    converter = msgspec_preconf.make_converter(
        forbid_extra_keys=forbid_extra_keys,
        omit_if_default=omit_defaults,
        use_alias=True,
    )
    for cls, hook in (TEXT if text else STRICT).items():
        converter.register_structure_hook(cls, hook)
    factories: list[tuple[Callable[[Any], bool], Callable[[Any], StructureHook]]] = [
        (is_enum, lambda cls: enum_hook(cls, text=text)),
        (_is_literal, lambda annotation: literal_hook(annotation, text=text)),
        (_is_sequence, lambda annotation: sequence_hook(annotation, converter)),
        (_is_set, lambda annotation: set_hook(annotation, converter)),
        (_is_fixed_tuple, lambda annotation: fixed_tuple_hook(annotation, converter)),
        (_is_mapping, lambda annotation: mapping_hook(annotation, converter, key_hook)),
        (is_union, lambda annotation: union_hook(annotation, converter, accepts, text=text)),
        (is_typeddict, lambda cls: _typed_dict_hook(converter, cls)),
        (is_attrs_class, structure_factory(converter, overrides)),
    ]
    for predicate, factory in factories:
        converter.register_structure_hook_factory(predicate, factory)
    converter.register_unstructure_hook_factory(
        _is_array, lambda annotation: iterable_unstructure_hook(annotation, converter)
    )
    converter.register_unstructure_hook_factory(
        _is_mapping, lambda annotation: mapping_unstructure_hook(annotation, converter)
    )
    converter.register_unstructure_hook_factory(
        is_union, lambda annotation: _union_unstructure_hook(annotation, converter)
    )
    converter.register_unstructure_hook_factory(
        is_attrs_class, unstructure_factory(converter, overrides)
    )
    return converter


def _union_unstructure_hook(annotation: Any, converter: Converter) -> Callable[[Any], Any]:
    """Unions out: left to msgspec when no member needs unstructuring."""
    members = typing.get_args(annotation)
    if all(passthrough(converter.get_unstructure_hook(member)) for member in members):
        return identity
    return converter.unstructure  # by the class of each value


def register_enums(converter: Converter, enums: Iterable[Any], *, text: bool) -> None:
    """Give each enum its own hook.

    cattrs looks classes up by their MRO first, so without this an enum
    that subclasses ``str`` or ``int`` would get the ``str`` or ``int`` hook.
    """
    for cls in enums:
        converter.register_structure_hook(cls, enum_hook(cls, text=text))


def _typed_dict_hook(converter: Converter, cls: type) -> StructureHook:
    """A ``TypedDict`` from a JSON object; keys it does not declare are dropped.

    cattrs would keep them, so that a client could set keys the code never
    asked for; with ``forbid_extra_keys`` they are refused instead.
    """
    inner: StructureHook = converter.gen_structure_typeddict(cls)
    keys = frozenset(key for key, _, _ in typed_dict_fields(cls))
    keep_all = converter.forbid_extra_keys

    def structure(value: Any, type_: Any) -> Any:
        if not isinstance(value, dict):
            raise wrong_type('object', value)
        if not keep_all and not value.keys() <= keys:
            value = {key: item for key, item in value.items() if key in keys}
        return inner(value, type_)

    return structure
