"""``MsgspecSerializer``: msgspec behind dmr's serializer contract."""

from typing import Any

import msgspec

from dmr.errors import ErrorDetail
from dmr.serializer import Direction, JsonSchema, UnsupportedAnnotationError
from dmr_msgspec._adapter import MsgspecAdapter
from dmr_msgspec._errors import error_details
from dmr_msgspec._schema import json_schema
from dmr_msgspec._types import CompiledType, compile_type, wire_names


class MsgspecSerializer:
    """The msgspec serializer backend.

    Handles what msgspec handles: ``msgspec.Struct``, dataclasses,
    ``TypedDict``, attrs classes, and plain types (``int``, ``list[str]``,
    ``UUID``, ``datetime``, ``Decimal``, enums, ``Literal``, unions msgspec
    allows, ``Any``...). Choose it with::

        DMR_SETTINGS = {'serializer': 'msgspec'}

    or pin it on one controller with ``Controller[MsgspecSerializer]``. The
    package also ships a MessagePack parser and renderer to list in
    ``DMR_SETTINGS['parsers']`` and ``['renderers']``.

    dmr-core caches the adapters; this backend keeps only msgspec's own
    compiled decoder per annotation, shared by :meth:`supports` and both
    directions.
    """

    name = 'msgspec'
    validation_errors: tuple[type[Exception], ...] = (
        msgspec.DecodeError,  # malformed input; ValidationError subclasses it
        msgspec.EncodeError,  # a response value msgspec cannot encode
        UnicodeDecodeError,  # invalid UTF-8 inside a JSON string, before msgspec 0.23
        RecursionError,  # input nested too deeply into an `Any`
    )

    def __init__(self) -> None:
        self._encoder = msgspec.json.Encoder()
        # msgspec-specific: one compiled decoder per annotation, shared by
        # `supports` and the adapters of both directions.
        self._types: dict[Any, CompiledType | str] = {}

    def supports(self, annotation: Any, /) -> bool:
        """Whether msgspec can decode and encode ``annotation``; never raises."""
        return isinstance(self._compile(annotation), CompiledType)

    def adapter(self, annotation: Any, /, *, direction: Direction) -> MsgspecAdapter:
        """The adapter for ``annotation``: strict in responses, coercing text in requests.

        Raise :class:`dmr.serializer.UnsupportedAnnotationError` (a
        ``TypeError``) when msgspec cannot handle ``annotation``.
        """
        compiled = self._compile(annotation)
        if isinstance(compiled, str):
            raise UnsupportedAnnotationError(f'{annotation!r}: {compiled}')
        return MsgspecAdapter(
            annotation,
            decoder=compiled.decoder,
            encoder=self._encoder,
            strict=direction == 'response',
            array_fields=compiled.array_fields,
            nullable_fields=compiled.nullable_fields,
        )

    def wire_names(self, annotation: Any, /) -> dict[str, str]:
        """Each field's encoded name (``msgspec.field(name=...)``, ``rename``), by attribute."""
        return wire_names(annotation)

    def error_details(self, error: Exception, /) -> list[ErrorDetail]:
        """Convert one of :attr:`validation_errors` into error details."""
        return error_details(error)

    def json_schema(
        self,
        annotation: Any,
        /,
        *,
        direction: Direction,
        ref_template: str,
    ) -> tuple[JsonSchema, dict[str, JsonSchema]]:
        """JSON Schema of ``annotation`` from msgspec, with dmr's conventions."""
        return json_schema(annotation, direction=direction, ref_template=ref_template)

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
