"""Serving the document and the documentation UIs."""

from django.test import Client, override_settings
from dmr.openapi import OpenAPIConfig, build_schema
from dmr.openapi.views import (
    OpenAPIJsonView,
    OpenAPIYamlView,
    RedocView,
    ScalarView,
    SwaggerView,
)
from dmr.routing import path

from openapi_build import router

schema = build_schema(router, OpenAPIConfig(title='Pet shop', version='2.0.0'))

urlpatterns = [
    router.to_urlpatterns(namespace='api'),
    path('docs/openapi.json/', OpenAPIJsonView.as_view(schema), name='openapi'),
    path('docs/openapi.yaml/', OpenAPIYamlView.as_view(schema), name='openapi-yaml'),
    path('docs/swagger/', SwaggerView.as_view(schema), name='swagger'),
    path('docs/redoc/', RedocView.as_view(schema), name='redoc'),
    path('docs/scalar/', ScalarView.as_view(schema), name='scalar'),
]

with override_settings(ROOT_URLCONF=__name__):
    client = Client()
    assert client.get('/docs/openapi.json/').json()['info']['title'] == 'Pet shop'
    yaml = client.get('/docs/openapi.yaml/')
    assert yaml['Content-Type'] == 'application/yaml; charset=utf-8'
    assert yaml.content.startswith(b'openapi: "3.1.0"\n')

    page = client.get('/docs/swagger/')
    assert page['Content-Type'] == 'text/html; charset=utf-8'
    assert b'<title>Pet shop' in page.content
    # The page loads Swagger UI from its own URL: no CDN, works offline.
    asset = client.get('/docs/swagger/?asset=swagger-ui/swagger-ui-bundle.js')
    assert asset.status_code == 200
    asset.close()  # a file response: close it when done
    assert client.get('/docs/redoc/').status_code == 200
    assert client.get('/docs/scalar/').status_code == 200
