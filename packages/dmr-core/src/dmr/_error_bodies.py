"""The core's adapter of its error bodies: ``ErrorModel`` and ``ProblemDetails``.

The backend never sees these types. Their values are encoded and decoded by
the pass-through adapter (the backend's ``Any``, or plain JSON), and checked
here against the shape of the TypedDict, as any declared response is: a body
an endpoint sends for a status it declared with ``ErrorModel`` must be one.
Keys the shape does not name are let through, as TypedDicts do. A mismatch is
a :class:`dmr.errors.ResponseValidationError` (422), located under
``response``; requests never carry these types.
"""

from collections.abc import Callable
from typing import Any

from dmr.errors import (
    ErrorDetail,
    ErrorModel,
    ErrorType,
    ProblemDetails,
    ResponseValidationError,
    error_detail,
)
from dmr.serializer import TypeAdapter

Loc = tuple[str | int, ...]
_Check = Callable[[Any, Loc, list[ErrorDetail]], None]


def _scalar(kind: type, name: str) -> _Check:
    def check(value: Any, loc: Loc, errors: list[ErrorDetail]) -> None:
        if type(value) is not kind:
            errors.append(_mistyped(f'Expected `{name}`, got `{type(value).__name__}`', loc))

    return check


def _loc_item(value: Any, loc: Loc, errors: list[ErrorDetail]) -> None:
    if type(value) not in {str, int}:
        errors.append(_mistyped(f'Expected `str | int`, got `{type(value).__name__}`', loc))


def _list_of(item: _Check) -> _Check:
    def check(value: Any, loc: Loc, errors: list[ErrorDetail]) -> None:
        if not isinstance(value, list):
            errors.append(_mistyped(f'Expected `array`, got `{type(value).__name__}`', loc))
            return
        for index, member in enumerate(value):
            item(member, (*loc, index), errors)

    return check


def _object(required: dict[str, _Check], optional: dict[str, _Check]) -> _Check:
    def check(value: Any, loc: Loc, errors: list[ErrorDetail]) -> None:
        if not isinstance(value, dict):
            errors.append(_mistyped(f'Expected `object`, got `{type(value).__name__}`', loc))
            return
        for key, field in (required | optional).items():
            if key in value:
                field(value[key], (*loc, key), errors)
            elif key in required:
                errors.append(
                    error_detail(
                        f'Object missing required field `{key}`',
                        ('response', *loc, key),
                        ErrorType.MISSING,
                    ),
                )

    return check


def _mistyped(msg: str, loc: Loc) -> ErrorDetail:
    return error_detail(msg, ('response', *loc), ErrorType.TYPE_ERROR)


_TEXT = _scalar(str, 'str')
_DETAIL = _object({'msg': _TEXT}, {'loc': _list_of(_loc_item), 'type': _TEXT})
_SHAPES: dict[Any, _Check] = {
    ErrorModel: _object({'detail': _list_of(_DETAIL)}, {}),
    ProblemDetails: _object(
        {
            'type': _TEXT,
            'title': _TEXT,
            'status': _scalar(int, 'int'),
            'detail': _TEXT,
            'errors': _list_of(_DETAIL),
        },
        {},
    ),
}


def is_error_body(annotation: object) -> bool:
    """Whether ``annotation`` is one of the core's error bodies."""
    return annotation is ErrorModel or annotation is ProblemDetails


class ErrorBodyAdapter:
    """An error body, written by the pass-through adapter and checked by its shape."""

    __slots__ = ('_check', '_codec', 'array_fields')

    def __init__(self, annotation: Any, codec: TypeAdapter) -> None:
        self._check = _SHAPES[annotation]
        self._codec = codec
        self.array_fields: frozenset[str] = frozenset()

    def from_json(self, data: bytes, /) -> Any:
        """Decode with the pass-through adapter, then check the shape."""
        return self.from_python(self._codec.from_json(data))

    def from_python(self, data: Any, /) -> Any:
        """Check ``data`` against the shape of the error body."""
        errors: list[ErrorDetail] = []
        self._check(data, (), errors)
        if errors:
            raise ResponseValidationError(errors)
        return data

    def to_json(self, value: Any, /) -> bytes:
        """Encode with the pass-through adapter."""
        return self._codec.to_json(value)

    def to_python(self, value: Any, /) -> Any:
        """Unstructure with the pass-through adapter."""
        return self._codec.to_python(value)
