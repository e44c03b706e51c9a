"""Walking a ``Router``: every controller route with its OpenAPI path."""

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver
from django.urls.converters import IntConverter, SlugConverter, UUIDConverter
from django.urls.resolvers import RoutePattern

from dmr.controller import Controller
from dmr.serializer import JsonSchema

# `<int:pk>` and `<pk>` in Django's route syntax become `{pk}`.
_CONVERTER = re.compile(r'<(?:[^>:]+:)?([^>]+)>')

# What a path segment matched by a built-in converter looks like; any other
# converter (`str`, `path`, custom ones) documents its value as text.
_CONVERTER_SCHEMAS: tuple[tuple[type, JsonSchema], ...] = (
    (IntConverter, {'type': 'integer', 'minimum': 0}),
    (UUIDConverter, {'type': 'string', 'format': 'uuid'}),
    (SlugConverter, {'type': 'string', 'pattern': f'^{SlugConverter.regex}$'}),
)


class PathConflictError(ValueError):
    """Two routes have one OpenAPI path, which can hold only one of them."""


@dataclass(frozen=True, slots=True)
class Route:
    """A controller served at ``path`` (OpenAPI syntax, leading slash).

    ``converters`` maps each path parameter, in the order of the path, to
    the Django converter that matches it.
    """

    path: str
    controller: type[Controller[Any]]
    converters: Mapping[str, object] = field(default_factory=dict)

    def parameter_schema(self, name: str) -> JsonSchema:
        """The schema of path parameter ``name``, from its converter alone."""
        converter = self.converters.get(name)
        for kind, schema in _CONVERTER_SCHEMAS:
            if isinstance(converter, kind):
                return dict(schema)
        return {'type': 'string'}


def _openapi_path(route: str) -> str:
    return _CONVERTER.sub(r'{\1}', route)


def _route_pattern(entry: URLPattern | URLResolver) -> RoutePattern:
    pattern = entry.pattern
    if not isinstance(pattern, RoutePattern):
        raise TypeError(
            f'{pattern.describe()} uses a regular expression; the OpenAPI generator '
            'documents path() routes only',
        )
    return pattern


def _controller(entry: URLPattern) -> type[Controller[Any]] | None:
    controller = getattr(entry.callback, 'view_class', None)
    if isinstance(controller, type) and issubclass(controller, Controller):
        return controller
    return None


def _serves_controllers(entry: URLPattern | URLResolver) -> bool:
    if isinstance(entry, URLResolver):
        return any(_serves_controllers(child) for child in entry.url_patterns)
    return _controller(entry) is not None


def _walk(
    prefix: str,
    converters: Mapping[str, object],
    urls: Sequence[URLPattern | URLResolver],
) -> Iterator[Route]:
    for entry in urls:
        if isinstance(entry, URLResolver):
            if _serves_controllers(entry):
                pattern = _route_pattern(entry)
                inner = {**converters, **pattern.converters}
                yield from _walk(prefix + str(pattern), inner, entry.url_patterns)
            continue
        controller = _controller(entry)
        if controller is not None:  # other views, whatever their pattern, are not documented
            pattern = _route_pattern(entry)
            path = '/' + _openapi_path(prefix + str(pattern))
            yield Route(path, controller, {**converters, **pattern.converters})


def collect_routes(
    prefix: str,
    urls: Sequence[URLPattern | URLResolver],
) -> Iterator[Route]:
    """Controller routes under ``prefix``, in declaration order.

    Views that are not controllers are skipped; a controller reached through
    a regular-expression route is an error, as is a second route with an
    OpenAPI path already taken.
    """
    seen: dict[str, Route] = {}
    for route in _walk(prefix, RoutePattern(prefix).converters, urls):
        previous = seen.setdefault(route.path, route)
        if previous is not route:
            raise PathConflictError(
                f'{previous.controller.__qualname__} and {route.controller.__qualname__} '
                f'are both routed at {route.path}; an OpenAPI document has one entry '
                'per path, so give one of them another path',
            )
        yield route
