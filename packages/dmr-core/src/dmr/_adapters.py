"""Asking the backend for adapters: once per serializer, annotation and direction.

Every adapter the core uses comes from here, cached per serializer instance
and ``(annotation, direction)``, so endpoints that share a model share its
adapters and a backend never has to cache them itself. An annotation that
cannot be hashed (``Annotated[int, {...}]``) is compiled each time.

The core's own types are answered here too, so that a backend needs to know
nothing about them. ``typing.Any`` (undeclared responses when validation is
off) gets one pass-through adapter per direction: the backend's own adapter
of ``Any`` when the backend supports ``Any``, since that is the codec that
knows the backend's values (a Struct, a model) and writes them as the
backend always has; otherwise the core's plain JSON adapter
(:mod:`dmr._passthrough`). The error bodies (``ErrorModel``,
``ProblemDetails``) are written by that same pass-through adapter and, as
responses, checked against their shape by the core (:mod:`dmr._error_bodies`).
"""

import weakref
from typing import Any

from dmr._error_bodies import ErrorBodyAdapter, is_error_body
from dmr._passthrough import JsonPassThroughAdapter
from dmr.errors import EndpointDefinitionError
from dmr.serializer import Direction, Serializer, TypeAdapter

_DIRECTIONS = ('request', 'response')

_Cache = dict[tuple[Any, Direction], TypeAdapter]
_caches: 'weakref.WeakKeyDictionary[Serializer, _Cache]' = weakref.WeakKeyDictionary()


def is_core_type(annotation: object) -> bool:
    """Whether the core answers ``annotation`` itself (``Any`` and the error bodies)."""
    return annotation is Any or is_error_body(annotation)


def adapter_for(serializer: Serializer, annotation: Any, direction: Direction) -> TypeAdapter:
    """The adapter for ``annotation`` in ``direction``, compiled on first use."""
    if direction not in _DIRECTIONS:
        raise ValueError(f'direction must be one of {_DIRECTIONS}, not {direction!r}')
    if is_error_body(annotation) and direction == 'request':
        annotation = Any  # no request carries an error body: nothing to check
    cache = _cache_of(serializer)
    try:
        return cache[annotation, direction]
    except KeyError:
        pass
    except TypeError:  # the annotation cannot be hashed: no cache for it
        return _build(serializer, annotation, direction)
    adapter = cache[annotation, direction] = _build(serializer, annotation, direction)
    return adapter


def compile_adapter(
    qualname: str,
    serializer: Serializer,
    annotation: object,
    *,
    direction: Direction,
    role: str,
) -> TypeAdapter:
    """Ask the backend for an adapter, naming the endpoint if it refuses."""
    if not is_core_type(annotation) and not serializer.supports(annotation):
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


def _cache_of(serializer: Serializer) -> _Cache:
    try:
        return _caches.setdefault(serializer, {})
    except TypeError:  # a serializer that cannot be weakly referenced or hashed
        return {}


def _build(serializer: Serializer, annotation: Any, direction: Direction) -> TypeAdapter:
    if is_error_body(annotation):
        return ErrorBodyAdapter(annotation, adapter_for(serializer, Any, direction))
    if annotation is Any and not serializer.supports(Any):
        return JsonPassThroughAdapter(direction)
    return serializer.adapter(annotation, direction=direction)
