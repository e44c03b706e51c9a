"""A project's ``urls.py``: every app's API under one router, its document, the UIs."""

from django.urls import include
from dmr.openapi import OpenAPIConfig, build_schema
from dmr.openapi.views import OpenAPIJsonView, RedocView, SwaggerView
from dmr.routing import Router, path

router = Router(
    'api/',
    [
        path('notes/', include('notes.urls')),
    ],
)
schema = build_schema(router, OpenAPIConfig(title='Notes', version='1.0.0'))

urlpatterns = [
    router.to_urlpatterns(namespace='api'),
    path('docs/openapi.json/', OpenAPIJsonView.as_view(schema), name='openapi'),
    path('docs/swagger/', SwaggerView.as_view(schema), name='swagger'),
    path('docs/redoc/', RedocView.as_view(schema), name='redoc'),
]
# The page shows the lines above; the docs' tests check them below.
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

with override_settings(ROOT_URLCONF=__name__):
    assert reverse('api:notes:list') == '/api/notes/'
    client = Client()
    assert client.post('/api/notes/', {'text': 'hi'}, content_type='application/json').json() == {
        'id': 2,
        'text': 'hi',
    }
    assert client.get('/docs/openapi.json/').json()['paths']['/api/notes/']['get']['summary'] == (
        'List the notes.'
    )
    assert client.get('/docs/swagger/').status_code == 200
