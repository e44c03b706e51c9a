"""The adapter: one annotation, compiled into pydantic's validator and serializer."""

from typing import Any, Literal

import pydantic_core
from pydantic import TypeAdapter, ValidationError
from pydantic_core import PydanticSerializationError

from dmr.serializer import Direction
from dmr_pydantic._core_schema import SchemaGraph
from dmr_pydantic._finite import check_finite, holds_numbers


class InvalidDataError(ValueError):
    """Data that failed validation, with the schema it failed against.

    :attr:`error` is pydantic's :class:`~pydantic.ValidationError`; the schema
    lets :meth:`dmr_pydantic.PydanticSerializer.error_details` report each
    ``loc`` as the path in the data, without pydantic's union labels.
    """

    def __init__(self, error: ValidationError, graph: SchemaGraph) -> None:
        # pydantic's text, written only if asked for: it lists every error.
        super().__init__(error)
        self.error = error
        self.graph = graph


class PydanticAdapter:
    """An annotation compiled once, called on every request.

    Requests are validated in pydantic's lax mode unless the serializer is
    told otherwise (``strict_requests``): JSON ``"1"`` is accepted for an
    ``int``. :meth:`from_python` always coerces text in requests, since
    query strings, headers, cookies and path segments arrive as ``str``.
    Responses are validated strictly (``strict_responses``), as JSON, by
    alias: exactly what :meth:`to_json` writes. Requests refuse ``NaN``,
    ``Infinity`` and numbers too large for a float unless the model allows
    them (``allow_inf_nan=True``).

    Responses go out as the annotation declares them: a value pydantic
    cannot serialize as the annotation without a warning (a dict where a
    model is declared, with keys the model does not have) is validated into
    the annotation first, which drops what it does not declare.

    >>> from dmr_pydantic import PydanticSerializer
    >>> adapter = PydanticSerializer().adapter(int, direction='request')
    >>> adapter.from_python('1')
    1
    """

    __slots__ = (
        '_by_alias',
        '_by_name',
        '_direction',
        '_finite',
        '_graph',
        '_serializer',
        '_strict',
        '_title',
        '_validator',
        'annotation',
        'array_fields',
    )

    def __init__(
        self,
        annotation: Any,
        *,
        adapter: TypeAdapter[Any],
        graph: SchemaGraph,
        direction: Direction,
        strict: bool,
        array_fields: frozenset[str],
    ) -> None:
        self.annotation = annotation
        self.array_fields = array_fields
        self._validator = adapter.validator
        self._finite = direction == 'request' and holds_numbers(adapter.core_schema)
        self._title = getattr(annotation, '__name__', 'request')
        self._serializer = adapter.serializer
        self._graph = graph
        self._direction = direction
        # `None` leaves strictness to the model's config, lax by default.
        self._strict = True if strict else None
        # Responses are read back by the aliases `to_json` writes; requests
        # by alias or by name, as the model's config says.
        self._by_alias = True if direction == 'response' else None
        self._by_name = False if direction == 'response' else None

    def __repr__(self) -> str:
        return f'<PydanticAdapter {self.annotation!r} ({self._direction})>'

    def from_json(self, data: bytes, /) -> Any:
        """Decode JSON bytes straight into a validated value."""
        try:
            value = self._validator.validate_json(
                data,
                strict=self._strict,
                by_alias=self._by_alias,
                by_name=self._by_name,
            )
            if self._finite:
                check_finite(value, self._title)
        except ValidationError as exc:
            raise InvalidDataError(exc, self._graph) from exc
        return value

    def from_python(self, data: Any, /) -> Any:
        """Validate primitives into a value.

        Requests coerce text (lax mode); responses are checked as the JSON
        they stand for, with :meth:`from_json`'s strictness.
        """
        if self._direction == 'response':
            return self.from_json(pydantic_core.to_json(data))
        try:
            value = self._validator.validate_python(data)
            if self._finite:
                check_finite(value, self._title)
        except ValidationError as exc:
            raise InvalidDataError(exc, self._graph) from exc
        return value

    def to_json(self, value: Any, /) -> bytes:
        """Encode a value straight to JSON bytes, fields by alias."""
        if self._direction == 'request':
            return self._serializer.to_json(value, by_alias=True, warnings=False)
        try:
            return self._serializer.to_json(value, by_alias=True, warnings='error')
        except PydanticSerializationError:
            shaped = self.from_python(value)
        return self._serializer.to_json(shaped, by_alias=True, warnings=False)

    def to_python(self, value: Any, /) -> Any:
        """Unstructure a value into JSON-compatible primitives, fields by alias."""
        if self._direction == 'response':
            try:
                return self._to_python(value, warnings='error')
            except PydanticSerializationError:
                value = self.from_python(value)
        return self._to_python(value, warnings=False)

    def _to_python(self, value: Any, *, warnings: Literal['error'] | bool) -> Any:
        try:
            return self._serializer.to_python(value, mode='json', by_alias=True, warnings=warnings)
        except PydanticSerializationError:
            raise
        # A cycle or excessive depth: `to_json` reports those as
        # PydanticSerializationError, which response validation answers.
        except ValueError as exc:
            raise PydanticSerializationError(str(exc)) from exc
