"""``MarshmallowSerializer``: marshmallow behind dmr's serializer contract."""

from typing import Any

from dmr.errors import ErrorDetail, ErrorType, error_detail
from dmr.serializer import Direction, JsonSchema
from marshmallow import ValidationError

from dmr_marshmallow._adapter import MarshmallowAdapter
from dmr_marshmallow._annotations import FieldBuilder
from dmr_marshmallow._errors import DetailCollector, InvalidDataError
from dmr_marshmallow._schema import Emitter


class MarshmallowSerializer:
    """The marshmallow serializer backend.

    Annotations are marshmallow ``Schema`` classes (``Body[UserSchema]``,
    ``-> UserSchema``), lists of them (``-> list[UserSchema]``), and plain
    types, which map to the marshmallow field of the same meaning (``int``
    to ``Integer``, ``datetime`` to ``DateTime``, ``int | str`` to
    :class:`dmr_marshmallow.fields.Union`...). Choose it with::

        DMR_SETTINGS = {'serializer': 'marshmallow'}

    or pin it on one controller with ``Controller[MarshmallowSerializer]``.
    dmr-core asks for each adapter once per annotation and direction and
    keeps it, so the backend caches nothing itself.
    """

    name = 'marshmallow'
    validation_errors: tuple[type[Exception], ...] = (InvalidDataError,)

    def __init__(self) -> None:
        self._builder = FieldBuilder()

    def supports(self, annotation: Any, /) -> bool:
        """Whether ``annotation`` is a Schema (or a list of them) or a type the backend maps."""
        try:
            self._builder.root(annotation)
        # UnsupportedAnnotationError, or anything a broken annotation raises
        # (an unresolvable forward reference in a TypedDict, say).
        except Exception:
            return False
        return True

    def adapter(self, annotation: Any, /, *, direction: Direction) -> MarshmallowAdapter:
        """The adapter for ``annotation``: a marshmallow field that loads or checks and dumps.

        Raise :class:`dmr.serializer.UnsupportedAnnotationError` (a
        ``TypeError``) for an annotation the backend cannot handle.
        """
        return MarshmallowAdapter(annotation, self._builder.root(annotation), direction=direction)

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
        emitter = Emitter(ref_template)
        schema = emitter.root(self._builder.root(annotation), direction)
        return schema, emitter.definitions
