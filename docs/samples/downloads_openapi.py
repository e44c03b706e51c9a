"""A file response in the OpenAPI document, in 3.0 and in 3.1."""

from django.http import HttpResponse
from dmr import Controller, ResponseSpec, validate
from dmr.downloads import FileBody
from dmr.openapi import OpenAPIConfig, build_schema
from dmr.routing import Router, path


class AvatarController(Controller):
    @validate(ResponseSpec(FileBody('image/png', 'image/webp'), status_code=200))
    def get(self) -> HttpResponse:
        raise NotImplementedError


router = Router('api/', [path('avatar/', AvatarController.as_view())])


def documented(version: str) -> dict:
    document = build_schema(router, OpenAPIConfig(openapi_version=version))
    return document['paths']['/api/avatar/']['get']['responses']['200']


assert documented('3.1.0')['content'] == {
    'image/png': {'schema': {'type': 'string', 'contentMediaType': 'image/png'}},
    'image/webp': {'schema': {'type': 'string', 'contentMediaType': 'image/webp'}},
}
assert documented('3.0.3')['content']['image/png'] == {
    'schema': {'type': 'string', 'format': 'binary'},
}
assert documented('3.1.0')['headers']['Content-Disposition']['schema'] == {'type': 'string'}
