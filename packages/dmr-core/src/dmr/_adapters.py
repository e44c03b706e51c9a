"""Asking the backend for adapters, once per annotation, when endpoints are built."""

from typing import Any

from dmr.errors import EndpointDefinitionError
from dmr.serializer import Direction, Serializer, TypeAdapter


def adapter_for(serializer: Serializer, annotation: Any, direction: Direction) -> TypeAdapter:
    """The backend's adapter for ``annotation`` in ``direction``."""
    return serializer.adapter(annotation, direction=direction)


def compile_adapter(
    qualname: str,
    serializer: Serializer,
    annotation: object,
    *,
    direction: Direction,
    role: str,
) -> TypeAdapter:
    """Ask the backend for an adapter, naming the endpoint if it refuses."""
    if not serializer.supports(annotation):
        raise EndpointDefinitionError(
            f'{qualname}: {role} is annotated {annotation!r}, which the '
            f'{serializer.name!r} serializer does not support',
        )
    try:
        return adapter_for(serializer, annotation, direction)
    except TypeError as exc:
        raise EndpointDefinitionError(
            f'{qualname}: {role} ({annotation!r}) cannot be compiled by the '
            f'{serializer.name!r} serializer: {exc}',
        ) from exc
