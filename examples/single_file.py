"""A whole dmr API in one file.

Run it with ``python examples/single_file.py runserver``, then::

    curl http://127.0.0.1:8000/api/user/ -X POST \\
      -d '{"email": "djangomodernrest@wemake.services"}' \\
      -H 'Content-Type: application/json'

and open http://127.0.0.1:8000/docs/swagger/ (or ``/docs/redoc/``,
``/docs/scalar/``) for the documentation.
"""

import sys
import uuid

import msgspec
from django.conf import settings

settings.configure(
    DEBUG=False,
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=['127.0.0.1', 'localhost', 'testserver'],
    SECRET_KEY='single-file-example-only',
    INSTALLED_APPS=['dmr'],
    DMR_SETTINGS={'serializer': 'msgspec'},
    # English only: without LocaleMiddleware no answer depends on Accept-Language.
    USE_I18N=False,
)

from dmr import Body, Controller  # noqa: E402 - settings come first
from dmr.openapi import OpenAPIConfig, build_schema  # noqa: E402
from dmr.openapi.views import (  # noqa: E402
    OpenAPIJsonView,
    OpenAPIYamlView,
    RedocView,
    ScalarView,
    SwaggerView,
)
from dmr.routing import Router, path  # noqa: E402


class UserCreateModel(msgspec.Struct):
    email: str


class UserResponseModel(UserCreateModel):
    uid: uuid.UUID


class UserController(Controller):
    def post(self, parsed_body: Body[UserCreateModel]) -> UserResponseModel:
        return UserResponseModel(uid=uuid.uuid4(), email=parsed_body.email)


router = Router('api/', [path('user/', UserController.as_view(), name='users')])
schema = build_schema(
    router,
    OpenAPIConfig(
        title='Django Modern Rest',
        version='0.1.0',
        openapi_version='3.2.0',
        security_schemes={},  # the seed's document lists an empty securitySchemes
    ),
)
urlpatterns = [
    # catch_all: an unknown URL under api/ is a 404 in the error model, DEBUG or not.
    router.to_urlpatterns(namespace='api', catch_all=True),
    path('docs/openapi.json/', OpenAPIJsonView.as_view(schema), name='openapi'),
    path('docs/openapi.yaml/', OpenAPIYamlView.as_view(schema), name='openapi-yaml'),
    path('docs/swagger/', SwaggerView.as_view(schema), name='swagger'),
    path('docs/redoc/', RedocView.as_view(schema), name='redoc'),
    path('docs/scalar/', ScalarView.as_view(schema), name='scalar'),
]
# Django's own errors (a 404 elsewhere, a 500...) in the error model too.
handler400 = 'dmr.handlers.bad_request'
handler403 = 'dmr.handlers.permission_denied'
handler404 = 'dmr.handlers.not_found'
handler500 = 'dmr.handlers.server_error'

if __name__ == '__main__':
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
