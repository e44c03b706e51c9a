"""Reading each request component: the "parse components" step.

One extractor per component parameter is built with the endpoint. Each
collects the raw data of its component from the request and hands it to the
backend's adapter, which validates it.
"""

from typing import Any, Protocol

from django.http import HttpRequest

from dmr._negotiation import ParserTable
from dmr.components import Component
from dmr.errors import ErrorType, UnsupportedMediaTypeError, error_detail
from dmr.serializer import TypeAdapter

# WSGI puts these two headers outside the HTTP_ prefix (PEP 3333).
_UNPREFIXED_HEADERS = {'CONTENT_TYPE': 'content_type', 'CONTENT_LENGTH': 'content_length'}


class Extractor(Protocol):
    """Produces one component's validated value for a request."""

    component: Component

    def __call__(self, request: HttpRequest, _path_kwargs: dict[str, Any], /) -> Any:
        """Read and validate the component."""


class BodyExtractor:
    """The body, parsed by the parser its ``Content-Type`` selects."""

    component = Component.BODY

    def __init__(self, adapter: TypeAdapter, parsers: ParserTable) -> None:
        self.adapter = adapter
        self.parsers = parsers

    def __call__(self, request: HttpRequest, _path_kwargs: dict[str, Any], /) -> Any:
        """Select a parser, read the body (bounded by Django) and parse it."""
        content_type = request.META.get('CONTENT_TYPE')
        if not content_type:
            raise UnsupportedMediaTypeError(
                [
                    error_detail(
                        'Missing Content-Type header; use one of: '
                        + ', '.join(self.parsers.parsers),
                        ['headers', 'content-type'],
                        ErrorType.UNSUPPORTED_MEDIA_TYPE,
                    ),
                ]
            )
        parser, charset = self.parsers.select(content_type)
        body = request.body
        if charset is not None:
            body = self.parsers.transcode(body, charset)
        return parser.parse(body, self.adapter)


class QueryExtractor:
    """The query string; repeated keys are kept for array fields."""

    component = Component.QUERY

    def __init__(self, adapter: TypeAdapter) -> None:
        self.adapter = adapter
        self.arrays = adapter.array_fields

    def __call__(self, request: HttpRequest, _path_kwargs: dict[str, Any], /) -> Any:
        """Validate the query parameters."""
        query = request.GET
        arrays = self.arrays
        return self.adapter.from_python(
            {key: query.getlist(key) if key in arrays else query[key] for key in query}
        )


class HeadersExtractor:
    """Request headers by lowercase name, hyphens as underscores.

    WSGI already maps ``X-Api-Token`` and ``X_Api_Token`` to the same
    ``HTTP_X_API_TOKEN``, so ``x_api_token`` is the faithful field name.
    """

    component = Component.HEADERS

    def __init__(self, adapter: TypeAdapter) -> None:
        self.adapter = adapter
        self.arrays = adapter.array_fields

    def __call__(self, request: HttpRequest, _path_kwargs: dict[str, Any], /) -> Any:
        """Validate the headers; array fields split comma-joined values."""
        headers: dict[str, Any] = {}
        for key, value in request.META.items():
            if key.startswith('HTTP_'):
                name = key[5:].lower()
            elif key in _UNPREFIXED_HEADERS:
                name = _UNPREFIXED_HEADERS[key]
            else:
                continue
            headers[name] = (
                [item.strip() for item in value.split(',')] if name in self.arrays else value
            )
        return self.adapter.from_python(headers)


class CookiesExtractor:
    """Request cookies by name."""

    component = Component.COOKIES

    def __init__(self, adapter: TypeAdapter) -> None:
        self.adapter = adapter

    def __call__(self, request: HttpRequest, _path_kwargs: dict[str, Any], /) -> Any:
        """Validate the cookies."""
        return self.adapter.from_python(request.COOKIES)


class PathExtractor:
    """The keyword arguments the URL pattern captured."""

    component = Component.PATH

    def __init__(self, adapter: TypeAdapter) -> None:
        self.adapter = adapter

    def __call__(self, _request: HttpRequest, path_kwargs: dict[str, Any], /) -> Any:
        """Validate the path parameters."""
        return self.adapter.from_python(path_kwargs)


def build_extractor(
    component: Component,
    adapter: TypeAdapter,
    parsers: ParserTable,
) -> Extractor:
    """The extractor for ``component``, reading through ``adapter``."""
    if component is Component.BODY:
        return BodyExtractor(adapter, parsers)
    extractors: dict[
        Component, type[QueryExtractor | HeadersExtractor | CookiesExtractor | PathExtractor]
    ] = {
        Component.QUERY: QueryExtractor,
        Component.HEADERS: HeadersExtractor,
        Component.COOKIES: CookiesExtractor,
        Component.PATH: PathExtractor,
    }
    return extractors[component](adapter)
