"""``build_schema``: the OpenAPI document of a ``Router``."""

import copy
from typing import Any

from dmr._pipeline.endpoint import Endpoint
from dmr.openapi._components import ComponentRegistry, referred_names
from dmr.openapi._dialects import document_to_30
from dmr.openapi._integers import comment_request_integers
from dmr.openapi._operations import build_operation
from dmr.openapi._regex import PatternRewriter
from dmr.openapi._routes import collect_routes
from dmr.openapi._security import check_requirements, operation_security, security_schemes
from dmr.openapi.config import OpenAPIConfig
from dmr.routing import Router
from dmr.serializer import JsonSchema
from dmr.settings import get_settings


class OperationIdConflictError(ValueError):
    """Two operations would share one ``operationId``."""


def build_schema(router: Router, config: OpenAPIConfig | None = None) -> JsonSchema:
    """The OpenAPI document of every controller ``router`` serves.

    ``config`` defaults to ``DMR_SETTINGS['openapi']``, then to
    ``OpenAPIConfig()``. Controllers are compiled if they were not already,
    and the document is built from the compiled endpoints.
    """
    config = config or get_settings().openapi or OpenAPIConfig()
    registry = ComponentRegistry()
    paths: dict[str, dict[str, Any]] = {}
    operation_ids: dict[str, str] = {}
    owners: list[tuple[str, str, str]] = []
    documented: list[tuple[str, Endpoint]] = []
    for route in collect_routes(router.prefix, router.urls):
        compiled = route.controller.compiled()
        path_item = paths[route.path] = {}
        for method, endpoint in compiled.endpoints.items():
            operation = build_operation(method, endpoint, route, registry, config.operation_id)
            if operation is None:
                continue
            owner = f'{method} {route.path}'
            previous = operation_ids.setdefault(operation['operationId'], owner)
            if previous != owner:
                raise OperationIdConflictError(
                    f'{owner} and {previous} both have operationId '
                    f'{operation["operationId"]!r}; set OperationInfo(operation_id=...)',
                )
            path_item[method.lower()] = operation
            owner_name = f'{route.controller.__qualname__}.{method.lower()}'
            owners.append((owner_name, route.path, method.lower()))
            documented.append((owner_name, endpoint))
    schemes = _secured(paths, owners, documented, config)
    document = _head(config, paths)
    # Copies: the patterns are rewritten in place, and backends may cache their schemas.
    schemas = _reachable(paths, registry.finish())  # finishing also settles the paths' refs
    document['paths'] = copy.deepcopy({path: item for path, item in paths.items() if item})
    components: JsonSchema = {'schemas': copy.deepcopy(schemas)}
    rewriter = PatternRewriter(components['schemas'])
    for owner, path, method in owners:
        rewriter.operation(owner, document['paths'][path][method])
    if schemes or config.security_schemes is not None:
        components['securitySchemes'] = schemes
    document['components'] = components
    _in_its_version(document, config)
    return document


def _head(config: OpenAPIConfig, paths: dict[str, dict[str, Any]]) -> JsonSchema:
    """The document's fields before its paths: version, info, servers, security, tags."""
    document: JsonSchema = {'openapi': config.openapi_version, 'info': _info(config)}
    if config.servers:
        document['servers'] = [dict(server) for server in config.servers]
    if config.security:
        document['security'] = [dict(requirement) for requirement in config.security]
    tags = _tags(config, paths)
    if tags:
        document['tags'] = tags
    if config.external_docs is not None:
        document['externalDocs'] = dict(config.external_docs)
    return document


def _in_its_version(document: JsonSchema, config: OpenAPIConfig) -> None:
    """Rewrite the finished document for the OpenAPI version it declares."""
    if not config.openapi_version.startswith('3.2'):
        _items_as_schemas(document['paths'])
    if config.dialect == '3.0':
        document_to_30(document)  # 3.0's `integer` already excludes `2.0`
    else:
        comment_request_integers(document)


def _items_as_schemas(paths: dict[str, Any]) -> None:
    """Before 3.2, a stream's ``itemSchema`` is given as its media type's ``schema``."""
    for item in paths.values():
        for operation in item.values():
            for response in operation['responses'].values():
                for media in response.get('content', {}).values():
                    if 'itemSchema' in media:
                        media['schema'] = media.pop('itemSchema')


def _secured(
    paths: dict[str, dict[str, Any]],
    owners: list[tuple[str, str, str]],
    documented: list[tuple[str, Endpoint]],
    config: OpenAPIConfig,
) -> dict[str, JsonSchema]:
    """Give each operation its ``security``; the document's security schemes."""
    schemes = security_schemes(documented, config.security_schemes)
    check_requirements(config.security, schemes)
    if schemes:
        for (_owner, path, method), (_name, endpoint) in zip(owners, documented, strict=True):
            paths[path][method]['security'] = operation_security(endpoint)
    return schemes


def _info(config: OpenAPIConfig) -> JsonSchema:
    info: JsonSchema = {'title': config.title, 'version': config.version}
    if config.description:
        info['description'] = config.description
    if config.terms_of_service:
        info['termsOfService'] = config.terms_of_service
    if config.contact is not None:
        info['contact'] = dict(config.contact)
    if config.license is not None:
        info['license'] = dict(config.license)
    return info | dict(config.info)


def _tags(config: OpenAPIConfig, paths: dict[str, dict[str, Any]]) -> list[JsonSchema]:
    """The configured Tag Objects, then the tags operations use that they lack."""
    tags = [dict(tag) for tag in config.tags]
    known = {tag['name'] for tag in tags}
    for item in paths.values():
        for operation in item.values():
            for name in operation.get('tags', ()):
                if name not in known:
                    known.add(name)
                    tags.append({'name': name})
    return tags


def _reachable(paths: Any, schemas: dict[str, JsonSchema]) -> dict[str, JsonSchema]:
    """The schemas that ``paths`` refers to, directly or through others."""
    keep = referred_names(paths, schemas)
    return {name: schema for name, schema in schemas.items() if name in keep}
