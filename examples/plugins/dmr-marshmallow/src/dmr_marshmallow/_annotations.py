"""From an annotation to the marshmallow field that reads and writes it.

A ``Schema`` subclass becomes ``Nested(TheSchema)``; ``list[TheSchema]`` a
``List`` of it; plain types become the marshmallow field of the same
meaning (``int`` an ``Integer``, ``datetime`` a ``DateTime``...). Every
annotation, whatever its kind, is then handled through one root field.
"""

import copy
import datetime
import decimal
import enum
import types
import typing
import uuid
from collections.abc import Callable
from typing import Any

import typing_extensions
from dmr.serializer import UnsupportedAnnotationError
from marshmallow import EXCLUDE, Schema, fields, validate

from dmr_marshmallow import fields as dmr_fields

_SCALARS: dict[Any, Callable[[], fields.Field[Any]]] = {
    bool: fields.Boolean,
    int: fields.Integer,
    float: fields.Float,
    str: fields.String,
    decimal.Decimal: lambda: fields.Decimal(as_string=True),
    uuid.UUID: fields.UUID,
    datetime.datetime: dmr_fields.DateTime,
    datetime.date: fields.Date,
    datetime.time: fields.Time,
    datetime.timedelta: dmr_fields.Duration,
}
_REQUIRED_WRAPPERS = frozenset(
    {
        typing.Required,
        typing.NotRequired,
        typing_extensions.Required,
        typing_extensions.NotRequired,
    }
)


def is_schema_class(annotation: Any) -> bool:
    """Whether ``annotation`` is a marshmallow ``Schema`` subclass."""
    return isinstance(annotation, type) and issubclass(annotation, Schema)


def _is_typeddict(annotation: Any) -> bool:
    return isinstance(annotation, type) and typing_extensions.is_typeddict(annotation)


class FieldBuilder:
    """Builds root fields, keeping one Schema per ``TypedDict`` it meets."""

    def __init__(self) -> None:
        self._typeddicts: dict[type, type[Schema]] = {}
        self._building: set[type] = set()

    def root(self, annotation: Any) -> fields.Field[Any]:
        """The field for ``annotation``; ``UnsupportedAnnotationError`` if there is none."""
        return self._field(annotation)

    def _field(self, annotation: Any) -> fields.Field[Any]:  # noqa: PLR0911, PLR0912 - one dispatch table
        if is_schema_class(annotation):
            return fields.Nested(annotation)
        if annotation is Any or annotation is object:
            return fields.Raw(allow_none=True)
        scalar = _scalar(annotation)
        if scalar is not None:
            return scalar()
        if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
            return fields.Enum(annotation, by_value=True)
        if _is_typeddict(annotation):
            if annotation in self._building:  # one that refers to itself: resolved on first use
                return fields.Nested(lambda: self._typeddict_schema(annotation))
            return fields.Nested(self._typeddict_schema(annotation))
        origin = typing.get_origin(annotation)
        arguments = typing.get_args(annotation)
        if origin is typing.Annotated:
            return self._annotated(annotation)
        if origin is typing.Literal:
            return _literal(arguments)
        if origin in {typing.Union, types.UnionType}:
            return self._union(arguments)
        if origin is list and len(arguments) == 1:
            return fields.List(self._field(arguments[0]))
        if origin in {set, frozenset} and len(arguments) == 1:
            return dmr_fields.Set(self._field(arguments[0]))
        if origin is tuple and arguments:
            if len(arguments) == 2 and arguments[1] is Ellipsis:
                return fields.List(self._field(arguments[0]))
            return fields.Tuple([self._field(argument) for argument in arguments])
        if origin is dict and len(arguments) == 2:
            return fields.Dict(keys=self._field(arguments[0]), values=self._field(arguments[1]))
        raise UnsupportedAnnotationError(
            f'{annotation!r} is neither a marshmallow Schema nor a type the marshmallow '
            'backend maps to a field',
        )

    def _annotated(self, annotation: Any) -> fields.Field[Any]:
        metadata = annotation.__metadata__
        explicit = [meta for meta in metadata if isinstance(meta, fields.Field)]
        if explicit:
            if len(metadata) != 1:
                raise UnsupportedAnnotationError(
                    f'{annotation!r}: a marshmallow field in Annotated must be alone',
                )
            return copy.copy(explicit[0])
        field = self._field(annotation.__origin__)
        for meta in metadata:
            if not isinstance(meta, validate.Validator):
                raise UnsupportedAnnotationError(
                    f'{annotation!r}: {meta!r} is not a marshmallow field or validator',
                )
            field.validators.append(meta)
        return field

    def _union(self, arguments: tuple[Any, ...]) -> fields.Field[Any]:
        members = [argument for argument in arguments if argument is not type(None)]
        nullable = len(members) != len(arguments)
        if len(members) == 1:
            field = self._field(members[0])
        else:
            field = dmr_fields.Union([self._field(member) for member in members])
        field.allow_none = field.allow_none or nullable
        return field

    def _typeddict_schema(self, typeddict: type) -> type[Schema]:
        schema = self._typeddicts.get(typeddict)
        if schema is not None:
            return schema
        required = typeddict.__required_keys__  # type: ignore[attr-defined]  # a TypedDict
        try:
            hints = typing.get_type_hints(typeddict, include_extras=True)
        except (NameError, TypeError) as exc:
            raise UnsupportedAnnotationError(f'{typeddict!r}: {exc}') from exc
        attributes: dict[str, Any] = {
            'Meta': type('Meta', (), {'unknown': EXCLUDE}),
            '__doc__': typeddict.__doc__,
            '__module__': typeddict.__module__,
        }
        self._building.add(typeddict)
        try:
            for name, annotation in hints.items():
                hint = annotation
                while typing.get_origin(hint) in _REQUIRED_WRAPPERS:
                    hint = typing.get_args(hint)[0]
                field = self._field(hint)
                field.required = name in required
                attributes[name] = field
        finally:
            self._building.discard(typeddict)
        schema = self._typeddicts[typeddict] = type(typeddict.__name__, (Schema,), attributes)
        return schema


def _scalar(annotation: Any) -> Callable[[], fields.Field[Any]] | None:
    try:
        return _SCALARS.get(annotation)
    except TypeError:  # an unhashable annotation, Annotated[int, {...}] say
        return None


def _literal(values: tuple[Any, ...]) -> fields.Field[Any]:
    choices = [value for value in values if value is not None]
    field: fields.Field[Any]
    if all(isinstance(value, str) for value in choices):
        field = fields.String()
    elif all(isinstance(value, bool) for value in choices):
        field = fields.Boolean(truthy={True}, falsy={False})
    elif all(isinstance(value, int) and not isinstance(value, bool) for value in choices):
        field = fields.Integer(strict=True)
    else:
        field = fields.Raw()
    field.validators.append(validate.OneOf(choices))
    field.allow_none = len(choices) != len(values)
    return field
