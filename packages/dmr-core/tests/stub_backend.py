"""A small serializer backend on the stdlib, so the core is tested alone.

It validates dataclasses, TypedDicts and a few plain types with ``json``.
Nothing in it is fast; it exists to prove that the contract, not any
validation library, is what the core depends on.
"""

import dataclasses
import json
import types
import typing
import uuid
from collections.abc import Sequence
from typing import Any

import typing_extensions
from django.core.files.uploadedfile import UploadedFile

from dmr.errors import ErrorDetail, ErrorType, error_detail
from dmr.serializer import Direction, UnsupportedAnnotationError

_SCALARS = (str, int, float, bool, uuid.UUID)


class StubValidationError(ValueError):
    def __init__(self, msg: str, loc: Sequence[str | int], error_type: str) -> None:
        super().__init__(msg)
        self.msg = msg
        self.loc = list(loc)
        self.error_type = error_type


def _is_typeddict(annotation: Any) -> bool:
    return isinstance(annotation, type) and typing_extensions.is_typeddict(annotation)


def _supported(annotation: Any) -> bool:
    if (
        annotation is Any
        or annotation is None
        or annotation in _SCALARS
        or annotation is UploadedFile
    ):
        return True
    if dataclasses.is_dataclass(annotation) or _is_typeddict(annotation):
        return True
    origin = typing.get_origin(annotation)
    if origin in {list, dict, typing.Union, types.UnionType}:
        return all(_supported(arg) for arg in typing.get_args(annotation))
    if origin is typing.NotRequired:
        return _supported(typing.get_args(annotation)[0])
    return annotation is type(None)


def _fail(
    msg: str, loc: list[str | int], error_type: str = ErrorType.TYPE_ERROR
) -> StubValidationError:
    return StubValidationError(msg, loc, error_type)


def _convert_scalar(annotation: Any, data: Any, loc: list[str | int], lax: bool) -> Any:
    if annotation is uuid.UUID:
        if isinstance(data, uuid.UUID):
            return data
        if not isinstance(data, str):
            raise _fail('Expected `uuid`', loc)
        try:
            return uuid.UUID(data)
        except ValueError:
            raise _fail('Invalid UUID', loc, ErrorType.VALUE_ERROR) from None
    if annotation is bool:
        if lax and data in {'true', 'false'}:
            return data == 'true'
        if isinstance(data, bool):
            return data
    elif annotation is int:
        if lax and isinstance(data, str) and data.lstrip('-').isdigit():
            return int(data)
        if isinstance(data, int) and not isinstance(data, bool):
            return data
    elif annotation is float:
        if isinstance(data, int | float) and not isinstance(data, bool):
            return float(data)
    elif isinstance(data, str):
        return data
    raise _fail(f'Expected `{annotation.__name__}`, got `{type(data).__name__}`', loc)


def _convert_fields(
    data: Any,
    loc: list[str | int],
    lax: bool,
    hints: dict[str, Any],
    required: set[str],
) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise _fail(f'Expected `object`, got `{type(data).__name__}`', loc)
    result = {}
    for name, hint in hints.items():
        if name in data:
            result[name] = _convert(hint, data[name], [*loc, name], lax)
        elif name in required:
            raise _fail(f'Object missing required field `{name}`', [*loc, name], ErrorType.MISSING)
    return result


def _convert(annotation: Any, data: Any, loc: list[str | int], lax: bool) -> Any:
    if annotation is Any:
        return data
    if annotation is None or annotation is type(None):
        if data is None:
            return None
        raise _fail('Expected `null`', loc)
    if annotation in _SCALARS:
        return _convert_scalar(annotation, data, loc, lax)
    if annotation is UploadedFile:
        if isinstance(data, UploadedFile):
            return data
        raise _fail('Expected a file', loc)
    if dataclasses.is_dataclass(annotation):
        if isinstance(data, annotation):
            data = _to_python(data)
        fields = dataclasses.fields(annotation)
        hints = typing.get_type_hints(annotation)
        required = {
            field.name
            for field in fields
            if field.default is dataclasses.MISSING
            and field.default_factory is dataclasses.MISSING
        }
        return annotation(
            **_convert_fields(data, loc, lax, {f.name: hints[f.name] for f in fields}, required)
        )
    if _is_typeddict(annotation):
        hints = typing.get_type_hints(annotation)
        return _convert_fields(data, loc, lax, hints, set(annotation.__required_keys__))
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is list:
        if not isinstance(data, list):
            raise _fail(f'Expected `array`, got `{type(data).__name__}`', loc)
        return [_convert(args[0], item, [*loc, index], lax) for index, item in enumerate(data)]
    if origin is dict:
        if not isinstance(data, dict):
            raise _fail(f'Expected `object`, got `{type(data).__name__}`', loc)
        return {key: _convert(args[1], value, [*loc, key], lax) for key, value in data.items()}
    errors = []
    for arg in args:  # a union
        try:
            return _convert(arg, data, loc, lax)
        except StubValidationError as exc:
            errors.append(exc)
    raise errors[-1]


def _to_python(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: _to_python(getattr(value, field.name))
            for field in dataclasses.fields(value)
        }
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_to_python(item) for item in value]
    if isinstance(value, dict):
        return {key: _to_python(item) for key, item in value.items()}
    return value


def _schema(
    annotation: Any, definitions: dict[str, Any], ref_template: str, direction: str
) -> Any:
    """A small JSON Schema emitter, enough to test the OpenAPI generator."""
    scalars = {str: 'string', int: 'integer', float: 'number', bool: 'boolean'}
    if annotation is Any:
        return {}
    if annotation is None or annotation is type(None):
        return {'type': 'null'}
    if annotation in scalars:
        return {'type': scalars[annotation]}
    if annotation is uuid.UUID:
        return {'type': 'string', 'format': 'uuid'}
    if annotation is UploadedFile:
        return {'type': 'string', 'contentMediaType': 'application/octet-stream'}
    if dataclasses.is_dataclass(annotation) or _is_typeddict(annotation):
        name = annotation.__name__
        ref = {'$ref': ref_template.format(name=name)}
        if name in definitions:
            return ref
        definitions[name] = {}
        hints = typing.get_type_hints(annotation)
        extra: dict[str, Any] = {}
        if dataclasses.is_dataclass(annotation):
            fields = dataclasses.fields(annotation)
            # `field(metadata={'schema': {...}})` adds keywords to a property's schema.
            extra = {f.name: f.metadata.get('schema', {}) for f in fields}
            missing = dataclasses.MISSING
            defaults = {
                f.name
                for f in fields
                if f.default is not missing or f.default_factory is not missing
            }
            required = [
                f.name for f in fields if direction == 'response' or f.name not in defaults
            ]
        else:
            required = [key for key in hints if key in annotation.__required_keys__]
        definitions[name] = {
            'title': name,
            'type': 'object',
            'properties': {
                key: _schema(hint, definitions, ref_template, direction) | extra.get(key, {})
                for key, hint in hints.items()
            },
            'required': required,
        }
        return ref
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is list:
        return {'type': 'array', 'items': _schema(args[0], definitions, ref_template, direction)}
    if origin is dict:
        return {
            'type': 'object',
            'additionalProperties': _schema(args[1], definitions, ref_template, direction),
        }
    return {'anyOf': [_schema(arg, definitions, ref_template, direction) for arg in args]}


class StubAdapter:
    def __init__(self, annotation: Any, lax: bool) -> None:
        self.annotation = annotation
        self.lax = lax
        self.array_fields = frozenset(self._array_fields(annotation))

    @staticmethod
    def _array_fields(annotation: Any) -> list[str]:
        if not dataclasses.is_dataclass(annotation):
            return []
        hints = typing.get_type_hints(annotation)
        return [name for name, hint in hints.items() if typing.get_origin(hint) is list]

    def from_json(self, data: bytes, /) -> Any:
        try:
            parsed = json.loads(data)
        except (ValueError, RecursionError) as exc:
            raise StubValidationError(f'Invalid JSON: {exc}', [], ErrorType.PARSE_ERROR) from None
        return self.from_python(parsed)

    def from_python(self, data: Any, /) -> Any:
        return _convert(self.annotation, data, [], self.lax)

    def to_json(self, value: Any, /) -> bytes:
        try:
            return json.dumps(self.to_python(value), separators=(',', ':')).encode()
        except TypeError as exc:
            raise StubValidationError(str(exc), [], ErrorType.TYPE_ERROR) from None

    def to_python(self, value: Any, /) -> Any:
        return _to_python(value)


class StubSerializer:
    name = 'stub'
    validation_errors = (StubValidationError,)

    def supports(self, annotation: Any, /) -> bool:
        return _supported(annotation)

    def adapter(self, annotation: Any, /, *, direction: Direction) -> StubAdapter:
        if not _supported(annotation):
            raise UnsupportedAnnotationError(f'{annotation!r} is not supported')
        return StubAdapter(annotation, lax=direction == 'request')

    def error_details(self, error: Exception, /) -> list[ErrorDetail]:
        assert isinstance(error, StubValidationError)
        return [error_detail(error.msg, error.loc, error.error_type)]

    def json_schema(
        self,
        annotation: Any,
        /,
        *,
        direction: Direction,
        ref_template: str,
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        definitions: dict[str, Any] = {}
        schema = _schema(annotation, definitions, ref_template, direction)
        return schema, definitions
