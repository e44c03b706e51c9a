"""Walking a ``Router``: every controller route with its OpenAPI path."""

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver
from django.urls.resolvers import RoutePattern

from dmr.controller import Controller

# `<int:pk>` and `<pk>` in Django's route syntax become `{pk}`.
_CONVERTER = re.compile(r'<(?:[^>:]+:)?([^>]+)>')


@dataclass(frozen=True, slots=True)
class Route:
    """A controller served at ``path`` (OpenAPI syntax, leading slash)."""

    path: str
    controller: type[Controller[Any]]


def _openapi_path(route: str) -> str:
    return _CONVERTER.sub(r'{\1}', route)


def _pattern_text(entry: URLPattern | URLResolver) -> str:
    pattern = entry.pattern
    if not isinstance(pattern, RoutePattern):
        raise TypeError(
            f'{pattern.describe()} uses a regular expression; the OpenAPI generator '
            'documents path() routes only',
        )
    return str(pattern)


def collect_routes(
    prefix: str,
    urls: Sequence[URLPattern | URLResolver],
) -> Iterator[Route]:
    """Controller routes under ``prefix``, in declaration order."""
    for entry in urls:
        if isinstance(entry, URLResolver):
            yield from collect_routes(prefix + _pattern_text(entry), entry.url_patterns)
            continue
        controller = getattr(entry.callback, 'view_class', None)
        if isinstance(controller, type) and issubclass(controller, Controller):
            yield Route('/' + _openapi_path(prefix + _pattern_text(entry)), controller)
