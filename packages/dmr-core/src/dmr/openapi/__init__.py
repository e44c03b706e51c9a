"""The OpenAPI document, built from the code that serves the API.

>>> schema = build_schema(router, OpenAPIConfig(title='Users', version='1.0.0'))
"""

from dmr.openapi._builder import OperationIdConflictError, build_schema
from dmr.openapi._components import SchemaConflictError
from dmr.openapi._path_limits import UnsupportedRouteError
from dmr.openapi._regex import RegexDialectWarning
from dmr.openapi._routes import PathConflictError
from dmr.openapi._security import SecuritySchemeConflictError
from dmr.openapi.config import OpenAPIConfig
from dmr.operation import OperationInfo

__all__ = [
    'OpenAPIConfig',
    'OperationIdConflictError',
    'OperationInfo',
    'PathConflictError',
    'RegexDialectWarning',
    'SchemaConflictError',
    'SecuritySchemeConflictError',
    'UnsupportedRouteError',
    'build_schema',
]
