"""``MsgspecSerializer``: msgspec behind dmr's serializer contract."""

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import msgspec

from dmr.errors import ErrorDetail
from dmr.serializer import Direction, JsonSchema, UnsupportedAnnotationError
from dmr_msgspec._adapter import MsgspecAdapter
from dmr_msgspec._errors import error_details
from dmr_msgspec._schema import json_schema
from dmr_msgspec._types import CompiledType, compile_type

_K = TypeVar('_K', bound=Hashable)
_V = TypeVar('_V')

_DIRECTIONS = ('request', 'response')


def _cached(cache: dict[_K, _V], key: _K, build: Callable[[], _V]) -> _V:
    """``cache[key]``, built on first use; keys that cannot be hashed skip it."""
    try:
        return cache[key]
    except KeyError:
        pass
    # TypeError for an unhashable annotation (Annotated[int, {...}]), anything
    # from a broken __hash__: such a key is compiled each time it is asked for.
    except Exception:
        return build()
    value = cache[key] = build()
    return value


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

    Compiled types and adapters are cached per annotation (and direction), so
    asking twice costs a dictionary lookup.
    """

    name = 'msgspec'
    validation_errors: tuple[type[Exception], ...] = (
        msgspec.DecodeError,  # malformed input; ValidationError subclasses it
        msgspec.EncodeError,  # a response value msgspec cannot encode
        UnicodeDecodeError,  # invalid UTF-8 inside a JSON string
        RecursionError,  # input nested too deeply into an `Any`
    )

    def __init__(self) -> None:
        self._encoder = msgspec.json.Encoder()
        self._types: dict[Any, CompiledType | str] = {}
        self._adapters: dict[tuple[Any, Direction], MsgspecAdapter] = {}

    def supports(self, annotation: Any, /) -> bool:
        """Whether msgspec can decode and encode ``annotation``; never raises."""
        return isinstance(self._compile(annotation), CompiledType)

    def adapter(self, annotation: Any, /, *, direction: Direction) -> MsgspecAdapter:
        """The adapter for ``annotation``, compiled on first use.

        Raise :class:`dmr.serializer.UnsupportedAnnotationError` (a
        ``TypeError``) when msgspec cannot handle ``annotation``.
        """
        if direction not in _DIRECTIONS:
            raise ValueError(f'direction must be one of {_DIRECTIONS}, not {direction!r}')
        return _cached(
            self._adapters,
            (annotation, direction),
            lambda: self._build_adapter(annotation, direction),
        )

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
        return _cached(self._types, annotation, lambda: compile_type(annotation))

    def _build_adapter(self, annotation: Any, direction: Direction) -> MsgspecAdapter:
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
