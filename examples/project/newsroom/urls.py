"""The API under ``/api/``, its OpenAPI document and the three docs UIs under ``/docs/``.

Every answer under ``/api/`` is in the error model when it is an error, even
for a URL no route matches (the router's catch-all, which works with
``DEBUG`` on too) and for what Django refuses itself (the handlers below).
"""

from django.urls import include
from django.views.generic import RedirectView
from dmr.openapi import build_schema
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
        path('auth/', include('newsroom.auth_urls')),
        path('users/', include('users.urls')),
        path('tags/', include('tags.urls')),
        path('articles/', include('articles.urls')),
    ],
)
# Built with DMR_SETTINGS['openapi'] (newsroom/openapi.py), as the export command builds it.
schema = build_schema(router)

urlpatterns = [
    router.to_urlpatterns(namespace='api', catch_all=True),
    path('docs/openapi.json/', OpenAPIJsonView.as_view(schema), name='openapi'),
    path('docs/openapi.yaml/', OpenAPIYamlView.as_view(schema), name='openapi-yaml'),
    path('docs/swagger/', SwaggerView.as_view(schema), name='swagger'),
    path('docs/redoc/', RedocView.as_view(schema), name='redoc'),
    path('docs/scalar/', ScalarView.as_view(schema), name='scalar'),
    path('', RedirectView.as_view(pattern_name='swagger'), name='home'),
]

handler400 = 'dmr.handlers.bad_request'
handler403 = 'dmr.handlers.permission_denied'
handler404 = 'dmr.handlers.not_found'
handler500 = 'dmr.handlers.server_error'
