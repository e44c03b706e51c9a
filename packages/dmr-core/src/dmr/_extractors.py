"""Reading each request component: the "parse components" step.

One extractor per component parameter is built with the endpoint. Each
collects the raw data of its component from the request and hands it to the
backend's adapter, which validates it.
"""

from typing import Any, Protocol, cast
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest

from dmr._form_extractor import FormFields, form_parsers, missing_content_type, refuse_files
from dmr._negotiation import ParserTable
from dmr._request_body import RequestBody
from dmr._text_fields import TextFields
from dmr.components import Component
from dmr.serializer import Serializer, TypeAdapter
from dmr.settings import get_settings

# WSGI puts these two headers outside the HTTP_ prefix (PEP 3333).
_UNPREFIXED_HEADERS = {'CONTENT_TYPE': 'content_type', 'CONTENT_LENGTH': 'content_length'}


class Extractor(Protocol):
    """Produces one component's validated value for a request."""

    component: Component

    def __call__(self, request: HttpRequest, _path_kwargs: dict[str, Any], /) -> Any:
        """Read and validate the component."""


class BodyExtractor:
    """The body, parsed by the parser its ``Content-Type`` selects.

    A form parser's fields are read by ``form`` (the body's text table); a
    form that carries files, on an endpoint without ``Files``, is a 400.
    """

    component = Component.BODY

    def __init__(
        self,
        adapter: TypeAdapter,
        parsers: ParserTable,
        form: FormFields | None,
        *,
        allow_nul: bool,
    ) -> None:
        self.adapter = adapter
        self.parsers = parsers
        self.form = form
        self.forms = form_parsers(parsers)
        self.allow_nul = allow_nul

    def __call__(self, request: HttpRequest, _path_kwargs: dict[str, Any], /) -> Any:
        """Select a parser and hand it the body (bounded, see ``dmr._body``)."""
        content_type = request.META.get('CONTENT_TYPE')
        if not content_type:
            raise missing_content_type(self.parsers)
        parser, charset, media_type = self.parsers.select(content_type)
        body = RequestBody(request, media_type, charset, self.allow_nul)
        if self.form is not None and id(parser) in self.forms:
            form = cast('Any', parser).parse_form(body)
            refuse_files(form)
            return self.form.validate(form.fields)
        return parser.parse(body, self.adapter)


class QueryExtractor:
    """The query string; repeated keys are kept for array fields.

    The usual, ASCII query string is parsed here, as Django's ``QueryDict``
    would parse it (the last value of a key wins, blank values are kept,
    ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` applies) but without building one.
    """

    component = Component.QUERY

    def __init__(self, adapter: TypeAdapter, text: TextFields) -> None:
        self.adapter = adapter
        self.arrays = adapter.array_fields
        self.text = text

    def __call__(self, request: HttpRequest, _path_kwargs: dict[str, Any], /) -> Any:
        """Validate the query parameters."""
        query_string = request.META.get('QUERY_STRING', '')
        arrays = self.arrays
        if not query_string.isascii():
            # Raw bytes from a misbehaving client: Django knows how to guess.
            query = request.GET
            return self.text.validate(
                self.adapter,
                {key: query.getlist(key) if key in arrays else query[key] for key in query},
            )
        try:
            pairs = _parse_query(
                query_string,
                request.encoding or settings.DEFAULT_CHARSET,
                settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
            )
        except ValueError as exc:
            raise TooManyFieldsSent(
                'The number of GET parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.',
            ) from exc
        data: dict[str, Any] = {}
        for key, value in pairs:
            if key in arrays:
                data.setdefault(key, []).append(value)
            else:
                data[key] = value
        return self.text.validate(self.adapter, data)


def _parse_query(
    query_string: str,
    encoding: str,
    max_fields: int | None,
) -> list[tuple[str, str]]:
    """``parse_qsl`` with blank values kept; plain strings are split directly.

    Without ``%`` or ``+`` nothing needs decoding, and splitting on ``&`` gives
    what ``parse_qsl`` would, several times faster.
    """
    if '%' in query_string or '+' in query_string:
        return parse_qsl(
            query_string,
            keep_blank_values=True,
            encoding=encoding,
            max_num_fields=max_fields,
        )
    fields = query_string.split('&')
    if max_fields is not None and len(fields) > max_fields:
        raise ValueError('Max number of fields exceeded')
    pairs = []
    for field in fields:
        if field:
            key, _, value = field.partition('=')
            pairs.append((key, value))
    return pairs


def _meta_key(name: str) -> str:
    key = name.upper().replace('-', '_')
    return key if key in _UNPREFIXED_HEADERS else f'HTTP_{key}'


class HeadersExtractor:
    """Request headers by lowercase name, hyphens as underscores.

    WSGI already maps ``X-Api-Token`` and ``X_Api_Token`` to the same
    ``HTTP_X_API_TOKEN``, so ``x_api_token`` is the faithful field name
    (``x-api-token`` works too). When the model's fields are known, only
    those headers are read; an open mapping receives every header.
    """

    component = Component.HEADERS

    def __init__(
        self,
        adapter: TypeAdapter,
        fields: tuple[str, ...] | None,
        text: TextFields,
    ) -> None:
        self.adapter = adapter
        self.arrays = adapter.array_fields
        self.text = text
        self.lookups = (
            None
            if fields is None
            else tuple((_meta_key(name), name, name in self.arrays) for name in fields)
        )

    def __call__(self, request: HttpRequest, _path_kwargs: dict[str, Any], /) -> Any:
        """Validate the headers; array fields split comma-joined values."""
        meta = request.META
        if self.lookups is None:
            return self.text.validate(self.adapter, self._all_headers(meta))
        headers: dict[str, Any] = {}
        for key, name, is_array in self.lookups:
            value = meta.get(key)
            if value is not None:
                headers[name] = [item.strip() for item in value.split(',')] if is_array else value
        return self.text.validate(self.adapter, headers)

    def _all_headers(self, meta: dict[str, Any]) -> dict[str, Any]:
        headers: dict[str, Any] = {}
        for key, value in meta.items():
            if key.startswith('HTTP_'):
                name = key[5:].lower()
            elif key in _UNPREFIXED_HEADERS:
                name = _UNPREFIXED_HEADERS[key]
            else:
                continue
            headers[name] = (
                [item.strip() for item in value.split(',')] if name in self.arrays else value
            )
        return headers


class CookiesExtractor:
    """Request cookies by name."""

    component = Component.COOKIES

    def __init__(self, adapter: TypeAdapter, text: TextFields) -> None:
        self.adapter = adapter
        self.text = text

    def __call__(self, request: HttpRequest, _path_kwargs: dict[str, Any], /) -> Any:
        """Validate the cookies."""
        return self.text.validate(self.adapter, request.COOKIES)


class PathExtractor:
    """The keyword arguments the URL pattern captured."""

    component = Component.PATH

    def __init__(self, adapter: TypeAdapter, text: TextFields) -> None:
        self.adapter = adapter
        self.text = text

    def __call__(self, _request: HttpRequest, path_kwargs: dict[str, Any], /) -> Any:
        """Validate the path parameters."""
        return self.text.validate(self.adapter, path_kwargs)


def declared_fields(serializer: Serializer, annotation: Any) -> tuple[str, ...] | None:
    """Wire names of the fields of an object model; ``None`` for an open mapping.

    Read from the backend's JSON Schema, which names exactly what the model
    accepts.
    """
    schema, definitions = serializer.json_schema(
        annotation,
        direction='request',
        ref_template='{name}',
    )
    ref = schema.get('$ref')
    if isinstance(ref, str):
        schema = definitions[ref]
    properties = schema.get('properties')
    if not isinstance(properties, dict) or schema.get('additionalProperties', False) is not False:
        return None
    return tuple(properties)


def build_extractor(
    component: Component,
    annotation: Any,
    serializer: Serializer,
    adapter: TypeAdapter,
    parsers: ParserTable,
) -> Extractor:
    """The extractor for ``component``, reading through ``adapter``.

    Text components read their text by :mod:`dmr._text`'s table first.
    """
    allow_nul = get_settings().allow_nul
    if component is Component.BODY:
        form = (
            FormFields(serializer, annotation, adapter, allow_nul=allow_nul)
            if form_parsers(parsers)
            else None
        )
        return BodyExtractor(adapter, parsers, form, allow_nul=allow_nul)
    text = TextFields(serializer, annotation, component.loc, allow_nul=allow_nul)
    if component is Component.HEADERS:
        return HeadersExtractor(adapter, declared_fields(serializer, annotation), text)
    extractors: dict[Component, type[QueryExtractor | CookiesExtractor | PathExtractor]] = {
        Component.QUERY: QueryExtractor,
        Component.COOKIES: CookiesExtractor,
        Component.PATH: PathExtractor,
    }
    return extractors[component](adapter, text)
