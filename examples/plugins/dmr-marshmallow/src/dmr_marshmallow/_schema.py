"""JSON Schema (2020-12, OpenAPI 3.1's dialect) for marshmallow fields and Schemas.

Written for this backend rather than taken from a library, because dmr's
conventions need it: each Schema is a definition referred to through the
core's ``ref_template``; a response schema requires every field the dump
always writes; a Schema whose request and response shapes differ (a
``dump_only`` ``id``, a ``load_only`` ``password``) is split into
``NameInput`` and ``NameOutput``; and this package's own fields (``Union``,
``Set``, ``Duration``) are described too.

A field's ``metadata`` may add ``title``, ``description``, ``examples``,
``example`` and ``deprecated``, and ``metadata={'json_schema': {...}}``
adds (or overrides) any keyword, which is how a custom field documents
itself.
"""

import decimal
import enum
import inspect
from collections.abc import Callable
from typing import Any

from dmr.serializer import Direction, JsonSchema
from marshmallow import INCLUDE as MARSHMALLOW_INCLUDE
from marshmallow import RAISE, Schema, fields, missing, validate

from dmr_marshmallow import fields as dmr_fields

_Key = tuple[type[Schema], tuple[str, ...], tuple[str, ...], str]
_RefMaker = Callable[[Schema, str, Direction], JsonSchema]
_METADATA = ('title', 'description', 'examples', 'example', 'deprecated')
_TIMESTAMPS = frozenset({'timestamp', 'timestamp_ms'})
_ISO = frozenset({None, 'iso', 'iso8601'})
_JSON_SCALARS = (str, int, float, bool, type(None))
_DIRECTIONS: tuple[Direction, ...] = ('request', 'response')


def _nested_unknown(field: fields.Nested) -> str:
    return field.unknown or field.schema.unknown


def schema_key(schema: Schema, unknown: str) -> _Key:
    """What makes two Schema instances document the same object."""
    return (type(schema), tuple(schema.load_fields), tuple(schema.dump_fields), unknown)


def _base_name(schema: Schema, unknown: str) -> str:
    name = type(schema).__name__
    if schema.only is not None or schema.exclude:
        name += '_' + '_'.join(sorted(schema.fields))
    if unknown != schema.opts.unknown:
        name += f'_{unknown}'
    return name


def _jsonable(value: Any) -> bool:
    if isinstance(value, list | tuple):
        return all(_jsonable(item) for item in value)
    return isinstance(value, _JSON_SCALARS)


def _value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, decimal.Decimal):
        return str(value)
    return list(value) if isinstance(value, tuple) else value


def _is_required(field: fields.Field[Any], direction: Direction) -> bool:
    if field.required or direction == 'request':
        return field.required
    if isinstance(field, fields.Method | fields.Function):
        return True
    return field.dump_default is not missing


class Emitter:
    """One ``json_schema`` call: the root schema and the definitions it uses."""

    def __init__(self, ref_template: str) -> None:
        self.ref_template = ref_template
        self.definitions: dict[str, JsonSchema] = {}
        self._differs: dict[_Key, bool] = {}
        self._children: dict[_Key, set[_Key]] = {}
        self._instances: dict[_Key, tuple[Schema, str]] = {}

    # Schemas as definitions.

    def _named_ref(self, schema: Schema, unknown: str, direction: Direction) -> JsonSchema:
        key = schema_key(schema, unknown)
        self._instances.setdefault(key, (schema, unknown))
        name = _base_name(schema, unknown)
        if self._splits(key):
            name += 'Input' if direction == 'request' else 'Output'
        if name not in self.definitions:
            self.definitions[name] = {}  # claimed first: a schema may refer to itself
            self.definitions[name] = self.body(schema, unknown, direction, self._named_ref)
        return {'$ref': self.ref_template.format(name=name)}

    def _splits(self, key: _Key) -> bool:
        """Whether the schema of ``key``, or one it uses, differs between directions."""
        seen = {key}
        pending = [key]
        while pending:
            current = pending.pop()
            if self._own_shape_differs(current):
                return True
            for child in self._children[current] - seen:
                seen.add(child)
                pending.append(child)
        return False

    def _own_shape_differs(self, key: _Key) -> bool:
        """Whether the schema of ``key`` has other fields or kinds in responses.

        Schemas it uses are written as their keys here, so that the answer
        does not depend on their names; they are recorded as its children.
        """
        if key not in self._differs:
            schema, unknown = self._instances[key]
            children: set[_Key] = set()

            def record(nested: Schema, nested_unknown: str, _direction: Direction) -> JsonSchema:
                child = schema_key(nested, nested_unknown)
                self._instances.setdefault(child, (nested, nested_unknown))
                children.add(child)
                return {'$ref': repr(child)}

            request, response = (
                _without_required(self.body(schema, unknown, direction, record))
                for direction in _DIRECTIONS
            )
            self._children[key] = children
            self._differs[key] = request != response
        return self._differs[key]

    def body(
        self, schema: Schema, unknown: str, direction: Direction, ref: _RefMaker
    ) -> JsonSchema:
        """The object schema of ``schema``'s fields in ``direction``."""
        chosen = schema.load_fields if direction == 'request' else schema.dump_fields
        properties: dict[str, JsonSchema] = {}
        required: list[str] = []
        for name, field in chosen.items():
            wire_name = name if field.data_key is None else field.data_key
            properties[wire_name] = self.field(field, direction, ref)
            if _is_required(field, direction):
                required.append(wire_name)
        result: JsonSchema = {'type': 'object', 'properties': properties}
        if required:
            result['required'] = required
        if unknown == RAISE:
            result['additionalProperties'] = False
        elif unknown == MARSHMALLOW_INCLUDE:
            result['additionalProperties'] = True
        doc = type(schema).__dict__.get('__doc__')
        if doc:
            result['description'] = inspect.cleandoc(doc)
        return result

    # Fields.

    def root(self, field: fields.Field[Any], direction: Direction) -> JsonSchema:
        """The schema of a root field; definitions are collected on the way."""
        return self.field(field, direction, self._named_ref)

    def field(self, field: fields.Field[Any], direction: Direction, ref: _RefMaker) -> JsonSchema:
        """The schema of one field, with its validators, metadata and nullability."""
        result = self._kind(field, direction, ref)
        if '$ref' not in result:
            for validator in field.validators:
                _apply_validator(result, validator)
        if field.allow_none and result and result.get('type') != 'null':
            result = {'anyOf': [result, {'type': 'null'}]}
        for key in _METADATA:
            if key in field.metadata:
                result[key] = field.metadata[key]
        # One default for both directions, so that it never tells them apart.
        default = field.dump_default if field.load_default is missing else field.load_default
        if default is not missing and not callable(default) and _jsonable(_value(default)):
            result['default'] = _value(default)
        override = field.metadata.get('json_schema')
        if isinstance(override, dict):
            result.update(override)
        return result

    def _kind(  # noqa: PLR0911 - one dispatch table
        self, field: fields.Field[Any], direction: Direction, ref: _RefMaker
    ) -> JsonSchema:
        if isinstance(field, dmr_fields.Union):
            return {'anyOf': [self.field(member, direction, ref) for member in field.members]}
        if isinstance(field, dmr_fields.Duration):
            return {'type': 'string', 'format': 'duration'}
        if isinstance(field, fields.Pluck):
            plucked = self.field(field.schema.fields[field.field_name], direction, ref)
            return {'type': 'array', 'items': plucked} if field.many else plucked
        if isinstance(field, fields.Nested):
            target = ref(field.schema, _nested_unknown(field), direction)
            return (
                {'type': 'array', 'items': target} if field.many or field.schema.many else target
            )
        if isinstance(field, fields.List):
            result: JsonSchema = {
                'type': 'array',
                'items': self.field(field.inner, direction, ref),
            }
            if isinstance(field, dmr_fields.Set):
                result['uniqueItems'] = True
            return result
        if isinstance(field, fields.Tuple):
            size = len(field.tuple_fields)
            items = [self.field(inner, direction, ref) for inner in field.tuple_fields]
            return {'type': 'array', 'prefixItems': items, 'minItems': size, 'maxItems': size}
        if isinstance(field, fields.Mapping):
            result = {'type': 'object'}
            if field.value_field is not None:
                result['additionalProperties'] = self.field(field.value_field, direction, ref)
            return result
        if isinstance(field, fields.Enum):
            return _enum(field)
        if isinstance(field, fields.Constant):
            return {'const': _value(field.constant)} if _jsonable(_value(field.constant)) else {}
        return _scalar(field, direction)


def _scalar(field: fields.Field[Any], direction: Direction) -> JsonSchema:  # noqa: PLR0911
    if isinstance(field, dmr_fields.File):
        return {'type': 'string', 'contentMediaType': 'application/octet-stream'}
    if isinstance(field, fields.Boolean):
        return {'type': 'boolean'}
    if isinstance(field, fields.Decimal):
        return {'type': 'string', 'format': 'decimal'} if field.as_string else {'type': 'number'}
    if isinstance(field, fields.Number):
        if field.as_string and direction == 'response':
            return {'type': 'string'}
        return {'type': 'integer' if isinstance(field, fields.Integer) else 'number'}
    formats: tuple[tuple[type[fields.Field[Any]], str], ...] = (
        (fields.DateTime, 'date-time'),
        (fields.Date, 'date'),
        (fields.Time, 'time'),
    )
    for field_type, name in formats:
        if isinstance(field, field_type):
            data_format = getattr(field, 'format', None)
            if data_format in _TIMESTAMPS:
                return {'type': 'number'}
            return (
                {'type': 'string', 'format': name} if data_format in _ISO else {'type': 'string'}
            )
    if isinstance(field, fields.TimeDelta):
        return {'type': 'number'}
    string_formats: tuple[tuple[type[fields.Field[Any]], str], ...] = (
        (fields.UUID, 'uuid'),
        (fields.Email, 'email'),
        (fields.Url, 'uri'),
        (fields.IPv4, 'ipv4'),
        (fields.IPv6, 'ipv6'),
    )
    for field_type, name in string_formats:
        if isinstance(field, field_type):
            return {'type': 'string', 'format': name}
    if isinstance(field, fields.String | fields.IP | fields.IPInterface):
        return {'type': 'string'}
    return {}


def _enum(field: fields.Enum[Any]) -> JsonSchema:
    if not field.by_value:
        return {'type': 'string', 'enum': list(field.enum.__members__)}
    values = [_value(member.value) for member in field.enum]
    result: JsonSchema = {'enum': values}
    if values and all(isinstance(value, str) for value in values):
        result['type'] = 'string'
    return result


def _apply_validator(result: JsonSchema, validator: Any) -> None:  # noqa: PLR0912
    if isinstance(validator, validate.And):
        for inner in validator.validators:
            _apply_validator(result, inner)
    elif isinstance(validator, validate.Range):
        if validator.min is not None and _jsonable(validator.min):
            result['minimum' if validator.min_inclusive else 'exclusiveMinimum'] = validator.min
        if validator.max is not None and _jsonable(validator.max):
            result['maximum' if validator.max_inclusive else 'exclusiveMaximum'] = validator.max
    elif isinstance(validator, validate.Length):
        prefix = {'string': 'Length', 'array': 'Items', 'object': 'Properties'}.get(
            result.get('type', ''),
        )
        if prefix is None:
            return
        lower = validator.min if validator.equal is None else validator.equal
        upper = validator.max if validator.equal is None else validator.equal
        if lower is not None:
            result[f'min{prefix}'] = lower
        if upper is not None:
            result[f'max{prefix}'] = upper
    elif isinstance(validator, validate.Regexp):
        pattern = validator.regex.pattern
        if isinstance(pattern, str):
            result['pattern'] = pattern
    elif isinstance(validator, validate.OneOf):
        choices = [_value(choice) for choice in validator.choices]
        if _jsonable(choices):
            result['enum'] = choices
    elif isinstance(validator, validate.Equal):
        if _jsonable(_value(validator.comparable)):
            result['const'] = _value(validator.comparable)
    elif isinstance(validator, validate.Email):
        result.setdefault('format', 'email')
    elif isinstance(validator, validate.URL):
        result.setdefault('format', 'uri')


def _without_required(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {
            key: _without_required(value)
            for key, value in schema.items()
            if not (key == 'required' and isinstance(value, list))
        }
    if isinstance(schema, list):
        return [_without_required(item) for item in schema]
    return schema
