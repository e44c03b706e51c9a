"""The API under ``/api/``, its OpenAPI document and the three docs UIs under ``/docs/``."""

from django.urls import include
from django.views.generic import RedirectView
from dmr.openapi import OpenAPIConfig, build_schema
from dmr.openapi.views import (
    OpenAPIJsonView,
    OpenAPIYamlView,
    RedocView,
    ScalarView,
    SwaggerView,
)
from dmr.routing import Router, path

router = Router(
    'api/',
    [
        path('users/', include('users.urls')),
        path('tags/', include('tags.urls')),
        path('articles/', include('articles.urls')),
    ],
)
schema = build_schema(
    router,
    OpenAPIConfig(
        title='Newsroom',
        version='1.0.0',
        openapi_version='3.1.0',
        description='Users write articles; articles carry tags. The dmr example project.',
    ),
)

urlpatterns = [
    router.to_urlpatterns(namespace='api'),
    path('docs/openapi.json/', OpenAPIJsonView.as_view(schema), name='openapi'),
    path('docs/openapi.yaml/', OpenAPIYamlView.as_view(schema), name='openapi-yaml'),
    path('docs/swagger/', SwaggerView.as_view(schema), name='swagger'),
    path('docs/redoc/', RedocView.as_view(schema), name='redoc'),
    path('docs/scalar/', ScalarView.as_view(schema), name='scalar'),
    path('', RedirectView.as_view(pattern_name='swagger'), name='home'),
]
