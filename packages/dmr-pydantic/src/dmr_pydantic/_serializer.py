"""``PydanticSerializer``: pydantic behind dmr's serializer contract."""

from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticSerializationError

from dmr.errors import ErrorDetail, ErrorType, error_detail
from dmr.serializer import Direction, JsonSchema, UnsupportedAnnotationError
from dmr_pydantic._adapter import InvalidDataError, PydanticAdapter
from dmr_pydantic._errors import serialization_details, validation_details
from dmr_pydantic._schema import with_refs
from dmr_pydantic._types import CompiledType, compile_type


class PydanticSerializer:
    """The pydantic serializer backend.

    Handles what pydantic builds a ``TypeAdapter`` for: ``BaseModel``,
    pydantic and standard dataclasses, ``TypedDict``, and plain types
    (``int``, ``list[str]``, ``UUID``, ``datetime``, ``Decimal``, enums,
    ``Literal``, unions, ``Any``...). Choose it with::

        DMR_SETTINGS = {'serializer': 'pydantic'}

    or pin it on one controller with ``Controller[PydanticSerializer]``.

    JSON request bodies and responses are validated in strict mode, so a
    JSON body means the same on every backend (``"1"`` and ``2.0`` are no
    ``int``). Subclass to change that, and name the subclass in the settings
    (by dotted path) or pin it on a controller::

        class LaxSerializer(PydanticSerializer):
            strict_requests = False

    A model's own ``strict=True`` config (or a field's) always applies.
    dmr-core caches the adapters; this backend keeps only pydantic's own
    ``TypeAdapter`` (and the schemas it documents) per annotation, shared by
    :meth:`supports`, both directions and :meth:`json_schema`.
    """

    name = 'pydantic'
    validation_errors: tuple[type[Exception], ...] = (
        InvalidDataError,  # what adapters raise for invalid data
        ValidationError,  # the same, from code that calls pydantic directly
        PydanticSerializationError,  # a response value pydantic cannot serialize
    )

    strict_requests: bool = True
    """Validate JSON request bodies in strict mode: ``"1"`` and ``2.0`` are no ``int``.

    Query strings, headers, cookies and path segments are text, and other
    request bodies (MessagePack, say) are validated like them: those are
    always coerced.
    """

    strict_responses: bool = True
    """Validate responses in strict mode (as JSON: ISO strings are dates)."""

    def __init__(
        self,
        *,
        strict_requests: bool | None = None,
        strict_responses: bool | None = None,
    ) -> None:
        if strict_requests is not None:
            self.strict_requests = strict_requests
        if strict_responses is not None:
            self.strict_responses = strict_responses
        # pydantic-specific: building a TypeAdapter is costly, so one per
        # annotation, shared by `supports`, both directions and the schemas.
        self._types: dict[Any, CompiledType | str] = {}

    def supports(self, annotation: Any, /) -> bool:
        """Whether pydantic can validate and serialize ``annotation``; never raises."""
        return isinstance(self._compile(annotation), CompiledType)

    def adapter(self, annotation: Any, /, *, direction: Direction) -> PydanticAdapter:
        """The adapter for ``annotation``, with the strictness of ``direction``.

        Raise :class:`dmr.serializer.UnsupportedAnnotationError` (a
        ``TypeError``) when pydantic cannot handle ``annotation``.
        """
        compiled = self._compiled(annotation)
        return PydanticAdapter(
            annotation,
            adapter=compiled.adapter,
            graph=compiled.graph,
            direction=direction,
            strict=self.strict_requests if direction == 'request' else self.strict_responses,
            array_fields=compiled.array_fields,
        )

    def wire_names(self, annotation: Any, /) -> dict[str, str]:
        """Each aliased field's alias (the name clients send), by field name."""
        return self._compiled(annotation).graph.wire_names()

    def error_details(self, error: Exception, /) -> list[ErrorDetail]:
        """Convert one of :attr:`validation_errors` into error details."""
        if isinstance(error, InvalidDataError):
            return validation_details(error.error, error.graph)
        if isinstance(error, ValidationError):
            return validation_details(error, None)
        if isinstance(error, PydanticSerializationError):
            return serialization_details(error)
        return [error_detail(str(error), [], ErrorType.VALUE_ERROR)]

    def json_schema(
        self,
        annotation: Any,
        /,
        *,
        direction: Direction,
        ref_template: str,
    ) -> tuple[JsonSchema, dict[str, JsonSchema]]:
        """JSON Schema of ``annotation`` from pydantic, with dmr's conventions."""
        schema, definitions = self._compiled(annotation).documented()[direction]
        return with_refs(schema, ref_template), with_refs(definitions, ref_template)

    def _compile(self, annotation: Any) -> CompiledType | str:
        try:
            return self._types[annotation]
        except KeyError:
            compiled = self._types[annotation] = compile_type(annotation)
            return compiled
        # An annotation that cannot be hashed (Annotated[int, {...}]), or whose
        # __hash__ is broken: `supports` must answer, so it is compiled each time.
        except Exception:
            return compile_type(annotation)

    def _compiled(self, annotation: Any) -> CompiledType:
        compiled = self._compile(annotation)
        if isinstance(compiled, str):
            raise UnsupportedAnnotationError(f'{annotation!r}: {compiled}')
        return compiled
