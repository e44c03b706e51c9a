"""Several backends behind one: ``DMR_SETTINGS['serializer'] = 'auto'`` or a list.

Each annotation goes to the first backend, in order, that supports it: with
``['pydantic', 'msgspec']`` pydantic models go to pydantic and Structs to
msgspec, which lets a project migrate from one library to the other one
model at a time. ``'auto'`` means every installed backend, by name.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from dmr.errors import ErrorDetail
from dmr.serializer import (
    Direction,
    JsonSchema,
    Serializer,
    TypeAdapter,
    UnsupportedAnnotationError,
    WireNames,
)


class MixedSerializer:
    """A serializer that routes each annotation to the backend that claims it."""

    def __init__(self, backends: Sequence[Serializer]) -> None:
        self.backends = tuple(backends)
        self.name = ' + '.join(backend.name for backend in self.backends)
        self.validation_errors: tuple[type[Exception], ...] = tuple(
            dict.fromkeys(
                error for backend in self.backends for error in backend.validation_errors
            ),
        )

    def owner(self, annotation: Any) -> Serializer:
        """The first backend that supports ``annotation``."""
        for backend in self.backends:
            if backend.supports(annotation):
                return backend
        names = ', '.join(repr(backend.name) for backend in self.backends)
        raise UnsupportedAnnotationError(
            f'{annotation!r} is supported by none of the backends: {names}',
        )

    def supports(self, annotation: Any, /) -> bool:
        """Whether any backend supports ``annotation``."""
        return any(backend.supports(annotation) for backend in self.backends)

    def adapter(self, annotation: Any, /, *, direction: Direction) -> TypeAdapter:
        """The adapter of the backend that claims ``annotation``."""
        return self.owner(annotation).adapter(annotation, direction=direction)

    def wire_names(self, annotation: Any, /) -> Mapping[str, str]:
        """The wire names the backend that claims ``annotation`` gives its fields."""
        owner = self.owner(annotation)
        return owner.wire_names(annotation) if isinstance(owner, WireNames) else {}

    def error_details(self, error: Exception, /) -> list[ErrorDetail]:
        """Converted by the first backend whose error types match ``error``."""
        for backend in self.backends:
            if isinstance(error, backend.validation_errors):
                return backend.error_details(error)
        raise TypeError(f'{error!r} is not a validation error of {self.name}')

    def json_schema(
        self,
        annotation: Any,
        /,
        *,
        direction: Direction,
        ref_template: str,
    ) -> tuple[JsonSchema, dict[str, JsonSchema]]:
        """The schema from the backend that claims ``annotation``."""
        return self.owner(annotation).json_schema(
            annotation,
            direction=direction,
            ref_template=ref_template,
        )
