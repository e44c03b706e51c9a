"""OpenAPI: each auth is a security scheme; each operation lists its alternatives."""

from dmr import Controller, modify
from dmr.openapi import OpenAPIConfig, build_schema
from dmr.routing import Router, path
from dmr.security import DjangoSession, HttpBasic


class ReportController(Controller):
    auth = (HttpBasic(), DjangoSession())

    def post(self) -> str:
        return 'written'

    @modify(auth=None)
    def get(self) -> str:
        return 'public'


schema = build_schema(
    Router('api/', [path('reports/', ReportController.as_view())]), OpenAPIConfig()
)

assert schema['components']['securitySchemes'] == {
    'basicAuth': {'type': 'http', 'scheme': 'basic'},
    'sessionCookie': {'type': 'apiKey', 'in': 'cookie', 'name': 'sessionid'},
}
operations = schema['paths']['/api/reports/']
assert operations['post']['security'] == [{'basicAuth': []}, {'sessionCookie': []}]
assert {'401', '403'} <= set(operations['post']['responses'])
assert operations['get']['security'] == []  # public
