"""``MarshmallowSerializer``: marshmallow behind dmr's serializer contract."""

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from dmr.errors import ErrorDetail, ErrorType, error_detail
from dmr.serializer import Direction, JsonSchema
from marshmallow import ValidationError

from dmr_marshmallow._adapter import MarshmallowAdapter
from dmr_marshmallow._annotations import FieldBuilder
from dmr_marshmallow._errors import DetailCollector, InvalidDataError
from dmr_marshmallow._schema import Emitter

_K = TypeVar('_K', bound=Hashable)
_V = TypeVar('_V')
_DIRECTIONS = ('request', 'response')


def _cached(cache: dict[_K, _V], key: _K, build: Callable[[], _V]) -> _V:
    """``cache[key]``, built on first use; a key that cannot be hashed is built each time."""
    try:
        return cache[key]
    except KeyError:
        pass
    except TypeError:
        return build()
    value = cache[key] = build()
    return value


class MarshmallowSerializer:
    """The marshmallow serializer backend.

    Annotations are marshmallow ``Schema`` classes (``Body[UserSchema]``,
    ``-> UserSchema``), lists of them (``-> list[UserSchema]``), and plain
    types, which map to the marshmallow field of the same meaning (``int``
    to ``Integer``, ``datetime`` to ``DateTime``, ``int | str`` to
    :class:`dmr_marshmallow.fields.Union`...). Choose it with::

        DMR_SETTINGS = {'serializer': 'marshmallow'}

    or pin it on one controller with ``Controller[MarshmallowSerializer]``.
    Adapters and schemas are built once per annotation and direction.
    """

    name = 'marshmallow'
    validation_errors: tuple[type[Exception], ...] = (InvalidDataError,)

    def __init__(self) -> None:
        self._builder = FieldBuilder()
        self._supported: dict[Any, bool] = {}
        self._adapters: dict[tuple[Any, Direction], MarshmallowAdapter] = {}
        self._schemas: dict[tuple[Any, Direction, str], tuple[JsonSchema, dict[str, JsonSchema]]]
        self._schemas = {}

    def supports(self, annotation: Any, /) -> bool:
        """Whether ``annotation`` is a Schema (or a list of them) or a type the backend maps."""
        return _cached(self._supported, annotation, lambda: self._can_build(annotation))

    def adapter(self, annotation: Any, /, *, direction: Direction) -> MarshmallowAdapter:
        """The adapter for ``annotation``, built on first use.

        Raise :class:`dmr.serializer.UnsupportedAnnotationError` (a
        ``TypeError``) for an annotation the backend cannot handle.
        """
        if direction not in _DIRECTIONS:
            raise ValueError(f'direction must be one of {_DIRECTIONS}, not {direction!r}')
        return _cached(
            self._adapters,
            (annotation, direction),
            lambda: MarshmallowAdapter(
                annotation, self._builder.root(annotation), direction=direction
            ),
        )

    def error_details(self, error: Exception, /) -> list[ErrorDetail]:
        """The details of an :class:`InvalidDataError` (or of a stray ``ValidationError``)."""
        if isinstance(error, InvalidDataError):
            return error.details
        if isinstance(error, ValidationError):
            collector = DetailCollector()
            collector.generic(error.messages, ())
            return collector.details
        return [error_detail(str(error), (), ErrorType.VALUE_ERROR)]

    def json_schema(
        self,
        annotation: Any,
        /,
        *,
        direction: Direction,
        ref_template: str,
    ) -> tuple[JsonSchema, dict[str, JsonSchema]]:
        """JSON Schema of ``annotation``, each Schema a definition named after its class."""
        return _cached(
            self._schemas,
            (annotation, direction, ref_template),
            lambda: self._json_schema(annotation, direction, ref_template),
        )

    def _json_schema(
        self, annotation: Any, direction: Direction, ref_template: str
    ) -> tuple[JsonSchema, dict[str, JsonSchema]]:
        emitter = Emitter(ref_template)
        schema = emitter.root(self._builder.root(annotation), direction)
        return schema, emitter.definitions

    def _can_build(self, annotation: Any) -> bool:
        try:
            self._builder.root(annotation)
        # UnsupportedAnnotationError, or anything a broken annotation raises
        # (an unresolvable forward reference in a TypedDict, say).
        except Exception:
            return False
        return True
