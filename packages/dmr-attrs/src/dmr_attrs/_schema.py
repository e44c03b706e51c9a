"""JSON Schema for attrs classes and the types they use (cattrs has none).

:func:`json_schema` follows the serializer contract: the schema of an
annotation, with attrs classes, ``TypedDict`` classes and enums placed in named
definitions and referred to through ``ref_template``. It describes exactly
what the converter reads and writes:

- wire names (an attrs ``alias``, a cattrs ``override(rename=...)``), and
  no fields the converter skips (``init=False``, ``override(omit=True)``);
- in requests, fields with a default are optional; in responses every field
  is required, since the converter always writes it, unless defaults are
  omitted from the output (``omit_defaults``, ``override(omit_if_default=True)``);
- ``additionalProperties: false`` when extra keys are forbidden;
- the string formats msgspec writes: ``date-time``, ``date``, ``time``,
  ``duration``, ``uuid`` and ``decimal``;
- the attrs validators that JSON Schema can express (:mod:`._constraints`);
- a field's ``metadata['description']`` (also ``title`` and ``examples``),
  and a class's docstring as its description.
"""

import datetime
import decimal
import inspect
import typing
import uuid
from collections.abc import Mapping
from typing import Any, Literal

import attrs
import msgspec
from cattrs import Converter
from typing_extensions import is_typeddict

from dmr.files import UploadedFile
from dmr.serializer import Direction, JsonSchema
from dmr_attrs._choices import wire_value
from dmr_attrs._collections import MAPPINGS, SETS, is_fixed_tuple, item_types, origin
from dmr_attrs._constraints import apply_validator
from dmr_attrs._fields import Overrides, WireField, typed_dict_fields, wire_fields
from dmr_attrs._types import is_attrs_class, is_enum, is_union, unwrap

_SCALARS: dict[Any, JsonSchema] = {
    str: {'type': 'string'},
    int: {'type': 'integer'},
    float: {'type': 'number'},
    bool: {'type': 'boolean'},
    type(None): {'type': 'null'},
    datetime.datetime: {'type': 'string', 'format': 'date-time'},
    datetime.date: {'type': 'string', 'format': 'date'},
    datetime.time: {'type': 'string', 'format': 'time'},
    datetime.timedelta: {'type': 'string', 'format': 'duration'},
    uuid.UUID: {'type': 'string', 'format': 'uuid'},
    decimal.Decimal: {'type': 'string', 'format': 'decimal'},
    UploadedFile: {'type': 'string', 'contentMediaType': 'application/octet-stream'},
}
_JSON_TYPES = {str: 'string', int: 'integer', float: 'number', bool: 'boolean', type(None): 'null'}
_EMPTY_FACTORIES = (list, dict, set, frozenset, tuple)
_FACTORY: type[Any] = type(attrs.Factory(list))
_METADATA_KEYWORDS = ('title', 'description', 'examples')


def json_schema(
    annotation: Any,
    *,
    direction: Direction,
    ref_template: str,
    converter: Converter,
    overrides: Overrides,
    custom: Mapping[Any, JsonSchema],
) -> tuple[JsonSchema, dict[str, JsonSchema]]:
    """The schema of ``annotation`` and the definitions it refers to."""
    emitter = Emitter(direction, ref_template, converter, overrides, custom)
    return emitter.schema(annotation), emitter.definitions


def property_title(key: str) -> str:
    """A property's title, from its wire name: ``item_id`` is ``Item Id``."""
    return key.replace('_', ' ').strip().title()


class Emitter:
    """Emits the schema of one annotation, collecting its definitions."""

    def __init__(
        self,
        direction: Direction,
        ref_template: str,
        converter: Converter,
        overrides: Overrides,
        custom: Mapping[Any, JsonSchema],
    ) -> None:
        self.direction = direction
        self.ref_template = ref_template
        self.converter = converter
        self.overrides = overrides
        self.custom = custom
        self.definitions: dict[str, JsonSchema] = {}
        self._names: dict[Any, str] = {}

    def schema(self, annotation: Any) -> JsonSchema:
        """The schema of ``annotation`` (a fresh dict, free to modify)."""
        annotation = unwrap(annotation)
        simple = self._simple(annotation)
        if simple is not None:
            return simple
        if typing.get_origin(annotation) is Literal:
            return _choices([wire_value(value) for value in typing.get_args(annotation)])
        if is_union(annotation):
            return self.union(typing.get_args(annotation))
        if is_enum(annotation) or is_attrs_class(annotation) or is_typeddict(annotation):
            return self._ref(annotation)
        return self._container(annotation)

    def _simple(self, annotation: Any) -> JsonSchema | None:
        """The schema of a custom type, ``Any`` or a scalar; ``None`` for others."""
        custom = self.custom.get(annotation)
        if custom is not None:
            return msgspec.json.decode(msgspec.json.encode(custom))  # type: ignore[no-any-return]  # a deep copy
        if annotation is Any:
            return {}
        return dict(_SCALARS[annotation]) if annotation in _SCALARS else None

    def union(self, members: tuple[Any, ...]) -> JsonSchema:
        """The schema of a union of ``members``: ``anyOf``, flattened."""
        schemas: list[JsonSchema] = []
        for member in members:
            schema = self.schema(member)
            if not schema:
                return {}  # a member takes anything, so does the union
            for part in schema.get('anyOf', [schema]) if len(schema) == 1 else [schema]:
                if part not in schemas:
                    schemas.append(part)
        return schemas[0] if len(schemas) == 1 else {'anyOf': schemas}

    def _container(self, annotation: Any) -> JsonSchema:
        container = origin(annotation)
        if container in MAPPINGS:
            key, value = item_types(annotation)
            schema: JsonSchema = {'type': 'object'}
            values = self.schema(value)
            if values:
                schema['additionalProperties'] = values
            key = unwrap(key)
            if is_enum(key) or typing.get_origin(key) is Literal:
                schema['propertyNames'] = self.schema(key)
            return schema
        if is_fixed_tuple(annotation):
            members = [self.schema(arg) for arg in typing.get_args(annotation)]
            schema = {'type': 'array', 'minItems': len(members), 'maxItems': len(members)}
            if members:
                schema['prefixItems'] = members
                schema['items'] = False
            return schema
        schema = {'type': 'array'}
        items = self.schema(item_types(annotation)[0])
        if items:
            schema['items'] = items
        if container in SETS:
            schema['uniqueItems'] = True
        return schema

    def _ref(self, cls: type) -> JsonSchema:
        name = self._names.get(cls)
        if name is None:
            name = cls.__name__
            if name in self._names.values():  # another class of the same name
                name = f'{cls.__module__}.{cls.__qualname__}'.replace('.', '_')
            self._names[cls] = name
            self.definitions[name] = {}  # reserved: a recursive reference stops here
            self.definitions[name] = self._definition(cls)
        return {'$ref': self.ref_template.format(name=name)}

    def _definition(self, cls: type) -> JsonSchema:
        schema: JsonSchema = {'title': cls.__name__}
        doc = cls.__dict__.get('__doc__')
        if isinstance(doc, str) and doc.strip():
            schema['description'] = inspect.cleandoc(doc)
        if is_enum(cls):
            schema.update(_choices([member.value for member in typing.cast('Any', cls)]))
            return schema
        schema['type'] = 'object'
        if is_typeddict(cls):
            fields = typed_dict_fields(cls)
            schema['properties'] = {
                key: self._titled(key, self.schema(hint)) for key, hint, _ in fields
            }
            required = [key for key, _, is_required in fields if is_required]
        else:
            wire = wire_fields(cls, self.overrides)
            schema['properties'] = {field.wire_name: self._property(field) for field in wire}
            required = [field.wire_name for field in wire if self._required(field)]
            if self.converter.forbid_extra_keys:
                schema['additionalProperties'] = False
        if required:
            schema['required'] = required
        return schema

    def _required(self, field: WireField) -> bool:
        if field.required:
            return True
        if self.direction == 'request':
            return False
        omitted = field.omit_if_default
        if omitted is None:
            omitted = self.converter.omit_if_default
        return not omitted

    def _property(self, field: WireField) -> JsonSchema:
        schema = self.schema(field.type)
        if field.attribute.validator is not None:
            schema = apply_validator(schema, field.attribute.validator, self)
        metadata = field.attribute.metadata
        for keyword in _METADATA_KEYWORDS:
            if keyword in metadata:
                schema[keyword] = metadata[keyword]
        default = self._default(field)
        if default is not _NO_DEFAULT:
            schema['default'] = default
        return self._titled(field.wire_name, schema)

    def _default(self, field: WireField) -> Any:
        default: Any = field.attribute.default
        if isinstance(default, _FACTORY):
            if default.takes_self or default.factory not in _EMPTY_FACTORIES:
                return _NO_DEFAULT  # computed per instance: nothing to show
            default = default.factory()
        if default is attrs.NOTHING:
            return _NO_DEFAULT
        try:
            return self.json_value(default, field.type)
        except ValueError:  # a default the converter cannot write is not documented
            return _NO_DEFAULT

    def json_value(self, value: Any, annotation: Any = None) -> Any:
        """``value`` as the converter writes it in JSON.

        Raise :class:`ValueError` when the converter cannot write it.
        """
        try:
            unstructured = self.converter.unstructure(value, unstructure_as=annotation)
            return msgspec.to_builtins(unstructured)
        except Exception as exc:
            raise ValueError(f'{value!r} has no JSON form') from exc

    @staticmethod
    def _titled(key: str, schema: JsonSchema) -> JsonSchema:
        if '$ref' not in schema:
            schema.setdefault('title', property_title(key))
        return schema


_NO_DEFAULT: Any = object()


def _choices(values: list[Any]) -> JsonSchema:
    """``enum`` of ``values``, with their ``type`` when they share one."""
    if values == [None]:
        return {'type': 'null'}
    schema: JsonSchema = {'enum': values}
    types = {_JSON_TYPES.get(value.__class__) for value in values}
    if len(types) == 1 and None not in types:
        schema['type'] = types.pop()
    return schema
