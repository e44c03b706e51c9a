"""A small serializer backend: dataclasses of scalar fields, on the stdlib's ``json``.

It is the backend of "Writing a serializer plugin", small enough to read in
one sitting; a real backend hands the same calls to its validation library.
"""

import dataclasses
import json
import typing
from collections.abc import Sequence
from typing import Any

from dmr.errors import ErrorDetail, ErrorType, error_detail
from dmr.serializer import Direction, JsonSchema, UnsupportedAnnotationError

SCALARS = {str: 'string', int: 'integer', float: 'number', bool: 'boolean'}
TEXT_TO_BOOL = {'true': True, 'false': False}


class Invalid(ValueError):
    """The one exception every adapter raises for invalid data."""

    def __init__(
        self,
        msg: str,
        loc: Sequence[str | int] = (),
        error_type: ErrorType = ErrorType.TYPE_ERROR,
    ) -> None:
        super().__init__(msg)
        self.detail = error_detail(msg, loc, error_type)


def fields_of(annotation: Any) -> dict[str, type] | None:
    """The fields of a dataclass whose fields are all scalars; else ``None``."""
    if not (isinstance(annotation, type) and dataclasses.is_dataclass(annotation)):
        return None
    try:
        hints = typing.get_type_hints(annotation)
    except NameError:
        return None
    fields = {field.name: hints[field.name] for field in dataclasses.fields(annotation)}
    return fields if all(hint in SCALARS for hint in fields.values()) else None


def required_of(model: type) -> set[str]:
    """The fields that have no default."""
    return {
        field.name
        for field in dataclasses.fields(model)
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
    }


def load_json(data: bytes) -> Any:
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise Invalid(f'Invalid JSON: {exc}', (), ErrorType.PARSE_ERROR) from None


def check_scalar(kind: type, value: Any, loc: tuple[str], *, lax: bool) -> Any:
    if lax and isinstance(value, str) and kind is not str:
        try:  # text from a query string, a header, a cookie or a path
            value = TEXT_TO_BOOL[value] if kind is bool else kind(value)
        except (KeyError, ValueError):
            raise Invalid(f'Expected `{kind.__name__}`, got `str`', loc) from None
    if kind is float and type(value) is int:
        value = float(value)
    if type(value) is not kind:
        raise Invalid(f'Expected `{kind.__name__}`, got `{type(value).__name__}`', loc)
    return value


class DataclassAdapter:
    """One dataclass, compiled once: its fields and required names are read here."""

    array_fields = frozenset()  # no field of these dataclasses holds several values

    def __init__(self, model: type, fields: dict[str, type], *, lax: bool) -> None:
        self.model = model
        self.fields = fields
        self.required = required_of(model)
        self.lax = lax

    def from_json(self, data: bytes, /) -> Any:
        return self.check(load_json(data), lax=False)  # JSON has types: no coercion

    def from_python(self, data: Any, /) -> Any:
        return self.check(data, lax=self.lax)

    def to_json(self, value: Any, /) -> bytes:
        return json.dumps(self.to_python(value), separators=(',', ':')).encode()

    def to_python(self, value: Any, /) -> Any:
        if not isinstance(value, self.model):
            raise Invalid(f'Expected `{self.model.__name__}`, got `{type(value).__name__}`')
        return dataclasses.asdict(value)

    def check(self, data: Any, *, lax: bool) -> Any:
        if not isinstance(data, dict):
            raise Invalid(f'Expected `object`, got `{type(data).__name__}`')
        for name in data.keys() - self.fields.keys():
            raise Invalid(f'Unknown field `{name}`', (name,), ErrorType.EXTRA_FORBIDDEN)
        values = {}
        for name, kind in self.fields.items():
            if name in data:
                values[name] = check_scalar(kind, data[name], (name,), lax=lax)
            elif name in self.required:
                raise Invalid(f'Missing field `{name}`', (name,), ErrorType.MISSING)
        return self.model(**values)


class DataclassSerializer:
    """The backend: what ``DMR_SETTINGS['serializer'] = 'dataclasses'`` loads."""

    name = 'dataclasses'
    validation_errors = (Invalid,)

    def supports(self, annotation: Any, /) -> bool:
        return fields_of(annotation) is not None

    def adapter(self, annotation: Any, /, *, direction: Direction) -> DataclassAdapter:
        fields = fields_of(annotation)
        if fields is None:
            raise UnsupportedAnnotationError(f'{annotation!r} is not a dataclass of scalars')
        return DataclassAdapter(annotation, fields, lax=direction == 'request')

    def error_details(self, error: Exception, /) -> list[ErrorDetail]:
        if not isinstance(error, Invalid):
            raise TypeError(f'{error!r} is not one of this backend validation_errors')
        return [error.detail]

    def json_schema(
        self,
        annotation: Any,
        /,
        *,
        direction: Direction,
        ref_template: str,
    ) -> tuple[JsonSchema, dict[str, JsonSchema]]:
        fields = fields_of(annotation)
        if fields is None:
            raise UnsupportedAnnotationError(f'{annotation!r} is not a dataclass of scalars')
        required = fields.keys() if direction == 'response' else required_of(annotation)
        name = annotation.__name__
        definition = {
            'title': name,
            'type': 'object',
            'properties': {field: {'type': SCALARS[kind]} for field, kind in fields.items()},
            'required': [field for field in fields if field in required],
            'additionalProperties': False,
        }
        return {'$ref': ref_template.format(name=name)}, {name: definition}
