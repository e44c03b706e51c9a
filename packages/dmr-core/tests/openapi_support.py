"""Building OpenAPI documents in tests: every document is validated.

``document`` builds the document of some routes in each supported OpenAPI
version, checks each one with openapi-spec-validator, and returns the 3.1
one for the test to look at, so no test can pass on an invalid document.
"""

from collections.abc import Sequence
from typing import Any

from django.urls import URLPattern, URLResolver
from openapi_spec_validator import validate

from dmr import Controller
from dmr.openapi import OpenAPIConfig, build_schema
from dmr.openapi._integers import INTEGER_COMMENT
from dmr.routing import Router, path
from dmr.serializer import JsonSchema

VERSIONS = ('3.0.3', '3.1.0', '3.2.0')
# A request's `int` in 3.1 and 3.2 documents: the spelling is noted.
INTEGER = {'type': 'integer', '$comment': INTEGER_COMMENT}


def validated(schema: JsonSchema) -> JsonSchema:
    """``schema``, after openapi-spec-validator accepted it."""
    validate(schema)
    return schema


def document(
    urls: Sequence[URLPattern | URLResolver],
    *,
    prefix: str = 'api/',
    openapi_version: str = '3.1.0',
    **config: Any,
) -> JsonSchema:
    """The validated document of ``urls`` in ``openapi_version``; the others validate too."""
    documents = {
        version: validated(
            build_schema(Router(prefix, urls), OpenAPIConfig(openapi_version=version, **config)),
        )
        for version in {*VERSIONS, openapi_version}
    }
    return documents[openapi_version]


def served(controller: type[Controller[Any]], route: str = 'users/') -> list[URLPattern]:
    """One route serving ``controller``."""
    return [path(route, controller.as_view())]


def operation(schema: JsonSchema, method: str, url: str = '/api/users/') -> JsonSchema:
    """One Operation Object of a document."""
    return schema['paths'][url][method]  # type: ignore[no-any-return]
