"""One OpenAPI Operation Object per endpoint, from its compiled metadata.

Everything here reads what the request path itself uses (the endpoint's
components, parsers, renderers and response table), so the document
describes exactly what the code does.
"""

import inspect
from collections.abc import Callable
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from django.conf import settings

from dmr.components import Component
from dmr.downloads import FileBody
from dmr.files import wire_file_limits
from dmr.openapi._components import REF_PREFIX, ComponentRegistry
from dmr.openapi._files import file_content, file_headers
from dmr.operation import OperationInfo
from dmr.serializer import JsonSchema
from dmr.streaming._declaration import stream_declaration

if TYPE_CHECKING:
    from dmr._pipeline.endpoint import Endpoint
    from dmr._signature import Parameter
    from dmr.openapi._routes import Route

# An error answer in the error model sends `Vary: Accept-Language` while USE_I18N is on.
_VARY_LANGUAGE = 'Holds `Accept-Language`: the messages are in the language the request asks for'

_LOCATION = {
    Component.QUERY: 'query',
    Component.HEADERS: 'header',
    Component.PATH: 'path',
    Component.COOKIES: 'cookie',
}


def default_operation_id(method: str, route: 'Route') -> str:
    """``postUsercontrollerApiUser``: method, controller, path segments."""
    segments = (segment.strip('{}') for segment in route.path.split('/') if segment)
    return (
        method.lower()
        + route.controller.__name__.capitalize()
        + ''.join(segment.capitalize() for segment in segments)
    )


def operation_info(endpoint: 'Endpoint', route: 'Route') -> OperationInfo:
    """The endpoint's metadata over its controller's, docstring as fallback."""
    declared = endpoint.signature.options.operation or OperationInfo()
    info = declared.over(route.controller.operation)
    doc = inspect.getdoc(endpoint.func)
    if doc is None:
        return info
    summary, _, description = doc.partition('\n\n')
    return info.over(
        OperationInfo(summary=' '.join(summary.split()), description=description.strip() or None),
    )


def _model(
    endpoint: 'Endpoint',
    parameter: 'Parameter',
    registry: ComponentRegistry,
    owner: str,
) -> tuple[dict[str, JsonSchema], set[str]]:
    """The properties of a parameter model and the names it requires."""
    model = registry.schema(
        endpoint.serializer,
        parameter.annotation,
        direction='request',
        owner=f'{owner} {parameter.component.value}',
    )
    ref = model.get('$ref')
    if isinstance(ref, str) and ref.startswith(REF_PREFIX):
        model = registry.definition('request', ref.removeprefix(REF_PREFIX))
    return dict(model.get('properties', {})), set(model.get('required', ()))


_NULL = {'type': 'null'}


def without_null(schema: JsonSchema) -> JsonSchema:
    """``schema`` with ``null`` taken out: a URL, header or cookie cannot carry JSON null.

    ``T | None = None`` is an optional ``T`` parameter: the ``null`` member of
    an ``anyOf``/``oneOf``, a ``null`` in a ``type`` list or an ``enum``, and
    a ``null`` default go.
    """
    schema = dict(schema)
    if schema.get('default', 0) is None:
        del schema['default']
    kind = schema.get('type')
    if isinstance(kind, list) and 'null' in kind:
        rest = [name for name in kind if name != 'null']
        schema['type'] = rest[0] if len(rest) == 1 else rest
    if isinstance(schema.get('enum'), list):
        schema['enum'] = [value for value in schema['enum'] if value is not None]
    for key in ('anyOf', 'oneOf'):
        members = schema.get(key)
        if not isinstance(members, list):
            continue
        rest = [member for member in members if member != _NULL]
        if not rest or rest == members:
            continue
        del schema[key]
        if len(rest) > 1:
            schema[key] = rest
        elif '$ref' in rest[0] and schema:
            schema['allOf'] = [*schema.get('allOf', ()), rest[0]]
        else:
            schema.update(rest[0])
    return schema


def _keywords(parameter: 'Parameter | None') -> dict[str, dict[str, Any]]:
    """The keywords the parameter's metadata adds, by parameter name (later ones win)."""
    found: dict[str, dict[str, Any]] = {}
    for source in () if parameter is None else parameter.keywords:
        for name, keywords in source.parameter_keywords().items():
            found.setdefault(name, {}).update(keywords)
    return found


def _parameter(
    name: str,
    location: str,
    schema: JsonSchema,
    registry: ComponentRegistry,
    *,
    required: bool,
    keywords: dict[str, Any] | None = None,
) -> JsonSchema:
    """A Parameter Object; the property's description and deprecation move up."""
    schema = without_null(schema)
    if keywords:
        schema = {'allOf': [schema], **keywords} if '$ref' in schema else {**schema, **keywords}
    entry: JsonSchema = {'name': name, 'in': location, 'required': required}
    description = schema.pop('description', None)
    if description:
        entry['description'] = description
    if schema.pop('deprecated', False):
        entry['deprecated'] = True
    entry['schema'] = registry.track('request', schema)
    return entry


def _parameters(
    endpoint: 'Endpoint',
    route: 'Route',
    registry: ComponentRegistry,
    owner: str,
) -> list[JsonSchema]:
    """Path parameters in path order, then the query, header and cookie models.

    Every parameter of the path is documented, from the ``Path`` model where
    it declares it, narrowed by what the route's converter matches (Django
    answers anything else before dmr runs); the fields of a ``Path`` model
    the route does not capture are not part of the URL.
    """
    declared = {
        parameter.component: parameter
        for parameter in endpoint.signature.parameters
        if parameter.component in _LOCATION
    }
    models = {
        component: _model(endpoint, parameter, registry, owner)
        for component, parameter in declared.items()
    }
    path_properties, _ = models.pop(Component.PATH, ({}, set()))
    path_keywords = _keywords(declared.get(Component.PATH))
    parameters = [
        _parameter(
            name,
            'path',
            route.parameter_schema(name, path_properties.get(name)),
            registry,
            required=True,
            keywords=path_keywords.get(name),
        )
        for name in route.converters
    ]
    for component, (properties, required) in models.items():
        location = _LOCATION[component]
        keywords = _keywords(declared[component])
        for name, prop in properties.items():
            wire_name = name.replace('_', '-') if location == 'header' else name
            parameters.append(
                _parameter(
                    wire_name,
                    location,
                    prop,
                    registry,
                    required=name in required,
                    keywords=keywords.get(name),
                ),
            )
    return parameters


def _request_body(
    endpoint: 'Endpoint', registry: ComponentRegistry, owner: str
) -> JsonSchema | None:
    """The body's schema under each parser's media type.

    A multipart body holds the ``Body`` fields and the ``Files`` uploads in
    one schema (``allOf`` both models), with an ``encoding`` for the file
    fields whose content types are limited; a urlencoded body cannot carry
    files, and JSON-like bodies carry the ``Body`` model alone.
    """
    schemas = {
        parameter.component: registry.schema(
            endpoint.serializer,
            parameter.annotation,
            direction='request',
            owner=f'{owner} {parameter.component.value}',
        )
        for parameter in endpoint.signature.parameters
        if parameter.component in {Component.BODY, Component.FILES}
    }
    if not schemas:
        return None
    body, files = schemas.get(Component.BODY), schemas.get(Component.FILES)
    content: JsonSchema = {}
    for media_type, parser in endpoint.parsers.parsers.items():
        if media_type == 'multipart/form-data' and hasattr(parser, 'parse_form'):
            content[media_type] = _multipart(endpoint, body, files)
        elif body is not None and (files is None or not hasattr(parser, 'parse_form')):
            content[media_type] = {'schema': body}
    return {'content': content, 'required': True}


def _multipart(
    endpoint: 'Endpoint', body: JsonSchema | None, files: JsonSchema | None
) -> JsonSchema:
    members = [schema for schema in (body, files) if schema is not None]
    media: JsonSchema = {'schema': members[0] if len(members) == 1 else {'allOf': members}}
    annotation = next(
        (p.annotation for p in endpoint.signature.parameters if p.component is Component.FILES),
        None,
    )
    limits = {} if annotation is None else wire_file_limits(endpoint.serializer, annotation)
    encoding = {
        name: {'contentType': ', '.join(limit.content_types)}
        for name, limit in limits.items()
        if limit.content_types
    }
    if encoding:
        media['encoding'] = encoding
    return media


def _responses(endpoint: 'Endpoint', registry: ComponentRegistry, owner: str) -> JsonSchema:
    responses: JsonSchema = {}
    success = endpoint.signature.success
    translated = settings.USE_I18N
    error_model = endpoint.error_format.model
    for status, entry in sorted(endpoint.responses.items()):
        spec = entry.spec
        response: JsonSchema = {'description': spec.description or _phrase(status)}
        headers = dict(spec.headers)
        is_file = isinstance(spec.return_type, FileBody)
        if is_file:
            headers = {**file_headers(spec.return_type), **headers}
        if spec is success:
            for name in endpoint.success_headers:
                headers.setdefault(name, '')
        if status >= 400 and translated and spec.return_type is error_model:
            headers.setdefault('Vary', _VARY_LANGUAGE)
        if headers:
            response['headers'] = {
                name: ({'description': text} if text else {}) | {'schema': {'type': 'string'}}
                for name, text in headers.items()
            }
        stream = stream_declaration(spec.return_type)
        if is_file:
            response['content'] = file_content(spec.return_type)
        elif stream is not None:
            item = registry.schema(
                endpoint.serializer,
                stream.item,
                direction='response',
                owner=f'{owner} {status} response',
            )
            response['content'] = {
                form.media_type: {'itemSchema': item} for form in stream.formats
            }
        elif spec.return_type is not None:
            schema = registry.schema(
                endpoint.serializer,
                spec.return_type,
                direction='response',
                owner=f'{owner} {status} response',
            )
            is_error = spec.return_type is endpoint.error_format.model
            response['content'] = {
                (
                    endpoint.error_format.media_type(renderer.media_type)
                    if is_error
                    else renderer.media_type
                ): {'schema': schema}
                for renderer in endpoint.renderers.renderers
            }
        responses[str(status)] = response
    return responses


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f'Status {status}'


def build_operation(
    method: str,
    endpoint: 'Endpoint',
    route: 'Route',
    registry: ComponentRegistry,
    naming: Callable[[str, str, type], str] | None = None,
) -> JsonSchema | None:
    """The Operation Object of ``endpoint``, or ``None`` when it is hidden.

    ``naming(method, path, controller)`` gives the default ``operationId``.
    """
    info = operation_info(endpoint, route)
    if info.include_in_schema is False:
        return None
    owner = endpoint.signature.qualname
    operation: dict[str, Any] = {}
    if info.tags:
        operation['tags'] = list(info.tags)
    if info.summary:
        operation['summary'] = info.summary
    if info.description:
        operation['description'] = info.description
    operation['operationId'] = info.operation_id or (
        default_operation_id(method, route)
        if naming is None
        else naming(method.lower(), route.path, route.controller)
    )
    operation['deprecated'] = bool(info.deprecated)
    parameters = _parameters(endpoint, route, registry, owner)
    if parameters:
        operation['parameters'] = parameters
    body = _request_body(endpoint, registry, owner)
    if body is not None:
        operation['requestBody'] = body
    operation['responses'] = _responses(endpoint, registry, owner)
    return operation
