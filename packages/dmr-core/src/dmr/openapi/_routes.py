"""Walking a ``Router``: every controller route with its OpenAPI path."""

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver
from django.urls.resolvers import RegexPattern, RoutePattern

from dmr.controller import Controller
from dmr.openapi._path_limits import (
    UnsupportedRouteError,
    combine,
    converter_schema,
    regex_route,
)
from dmr.serializer import JsonSchema

# `<int:pk>` and `<pk>` in Django's route syntax become `{pk}`.
_CONVERTER = re.compile(r'<(?:[^>:]+:)?([^>]+)>')


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

    def parameter_schema(self, name: str, declared: JsonSchema | None = None) -> JsonSchema:
        """Path parameter ``name``: the ``declared`` schema within its converter's limits."""
        return combine(declared, converter_schema(self.converters.get(name)))


def _pattern(entry: URLPattern | URLResolver) -> tuple[str, Mapping[str, object]]:
    """The route of ``entry`` in OpenAPI syntax, and its converters by parameter."""
    pattern = entry.pattern
    if isinstance(pattern, RoutePattern):
        return _CONVERTER.sub(r'{\1}', str(pattern)), pattern.converters
    if isinstance(pattern, RegexPattern):
        return regex_route(str(pattern), end=isinstance(entry, URLPattern))
    raise UnsupportedRouteError(
        f'{pattern.describe()} is a {type(pattern).__name__}; the OpenAPI generator '
        'documents path() and re_path() routes',
    )


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
                route, found = _pattern(entry)
                yield from _walk(prefix + route, {**converters, **found}, entry.url_patterns)
            continue
        controller = _controller(entry)
        if controller is not None:  # other views, whatever their pattern, are not documented
            route, found = _pattern(entry)
            yield Route('/' + prefix + route, controller, {**converters, **found})


def collect_routes(
    prefix: str,
    urls: Sequence[URLPattern | URLResolver],
) -> Iterator[Route]:
    """Controller routes under ``prefix``, in declaration order.

    Views that are not controllers are skipped. A controller reached through
    ``re_path`` is documented when its pattern is literal text and named
    groups (each a string parameter with the group's pattern), and refused
    otherwise; a second route with an OpenAPI path already taken is an error.
    """
    seen: dict[str, Route] = {}
    start = RoutePattern(prefix)
    for route in _walk(_CONVERTER.sub(r'{\1}', prefix), start.converters, urls):
        previous = seen.setdefault(route.path, route)
        if previous is not route:
            raise PathConflictError(
                f'{previous.controller.__qualname__} and {route.controller.__qualname__} '
                f'are both routed at {route.path}; an OpenAPI document has one entry '
                'per path, so give one of them another path',
            )
        yield route
