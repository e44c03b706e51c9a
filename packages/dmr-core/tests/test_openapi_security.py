"""Security in the OpenAPI document: schemes, requirements, 401 and 403."""

from typing import Any

import pytest

from dmr import Controller
from dmr.openapi import OpenAPIConfig, SecuritySchemeConflictError, build_schema
from dmr.routing import Router, path
from dmr.security import ApiKey, HttpBasic
from dmr.security.jwt import token_controllers
from dmr.security.login import LoginController
from tests.jwt_app import TOKENS
from tests.openapi_support import document
from tests.security_app import CONTROLLERS, MostlyPrivate

URLS = [
    *(path(f'{name}/', pair[0].as_view()) for name, pair in CONTROLLERS.items()),
    path('mostly-private/', MostlyPrivate.as_view()),
    path('login/', LoginController.as_view()),
]


@pytest.fixture(scope='module')
def schema() -> Any:
    return document(URLS)


def test_each_auth_is_a_security_scheme(schema: Any):
    """Every auth the document uses is in ``components.securitySchemes``."""
    assert schema['components']['securitySchemes'] == {
        'basicAuth': {'type': 'http', 'scheme': 'basic'},
        'sessionCookie': {'type': 'apiKey', 'in': 'cookie', 'name': 'sessionid'},
        'apiKeyHeaderXApiKey': {'type': 'apiKey', 'in': 'header', 'name': 'X-API-Key'},
        'apiKeyCookieApiKey': {'type': 'apiKey', 'in': 'cookie', 'name': 'api_key'},
        'apiKeyQueryKey': {'type': 'apiKey', 'in': 'query', 'name': 'key'},
    }


@pytest.mark.parametrize(
    ('route', 'method', 'security'),
    [
        ('basic', 'get', [{'basicAuth': []}]),
        ('session-then-basic', 'post', [{'sessionCookie': []}, {'basicAuth': []}]),
        ('optional', 'get', [{'basicAuth': []}, {}]),
        ('public', 'get', []),
        ('mostly-private', 'get', [{'basicAuth': []}]),
        ('mostly-private', 'post', []),
        ('login', 'post', []),
    ],
)
def test_operations_list_their_auths_as_alternatives(
    schema: Any, route: str, method: str, security: list[Any]
):
    """Auths in order; ``{}`` for ``Anonymous()``; ``[]`` for a public operation."""
    assert schema['paths'][f'/api/{route}/'][method]['security'] == security


def test_401_documents_its_challenge(schema: Any):
    """An operation with auth documents 401 with ``WWW-Authenticate`` and the ``Vary``."""
    unauthorized = schema['paths']['/api/basic/']['get']['responses']['401']
    assert set(unauthorized['headers']) == {'WWW-Authenticate', 'Vary'}
    assert unauthorized['content']['application/json']['schema'] == {
        '$ref': '#/components/schemas/ErrorModel',
    }


@pytest.mark.parametrize(
    ('route', 'statuses'),
    [
        ('basic', {'401'}),
        ('session', {'401', '403'}),
        ('staff', {'401', '403'}),
        ('public', set()),
    ],
)
def test_403_where_a_csrf_check_or_a_permission_can_refuse(
    schema: Any, route: str, statuses: set[str]
):
    """Cookie auths (CSRF) and permissions add 403; every auth adds 401."""
    responses = schema['paths'][f'/api/{route}/']['get']['responses']
    assert {status for status in responses if status in {'401', '403'}} == statuses


def test_login_documents_its_refusals_in_the_error_format():
    """``ERROR_BODY`` follows the error format: problem details when configured."""
    LoginController.error_format = 'problem_details'
    LoginController._compiled = None
    try:
        schema = document([path('login/', LoginController.as_view())])
    finally:
        LoginController.error_format = None
        LoginController._compiled = None
    refused = schema['paths']['/api/login/']['post']['responses']['401']['content']
    assert refused == {
        'application/problem+json': {'schema': {'$ref': '#/components/schemas/ProblemDetails'}},
    }


def test_document_level_security_may_name_an_auths_scheme():
    """``OpenAPIConfig(security=...)`` may require a scheme that an auth defines."""
    schema = document(URLS, security=[{'basicAuth': []}])
    assert schema['security'] == [{'basicAuth': []}]


def test_two_schemes_under_one_name_are_refused():
    """Two different auths sharing a ``scheme_name`` would overwrite each other."""

    class First(Controller):
        auth = (ApiKey('X-One', check=lambda request, key: None, scheme_name='key'),)

        def get(self) -> int:
            return 1

    class Second(Controller):
        auth = (ApiKey('X-Two', check=lambda request, key: None, scheme_name='key'),)

        def get(self) -> int:
            return 2

    router = Router('api/', [path('one/', First.as_view()), path('two/', Second.as_view())])
    with pytest.raises(SecuritySchemeConflictError, match="'key'"):
        build_schema(router, OpenAPIConfig())


def test_configured_schemes_are_kept_beside_the_auths():
    """``security_schemes`` adds schemes of its own (an OAuth flow handled elsewhere)."""
    oauth = {
        'type': 'oauth2',
        'flows': {
            'implicit': {
                'authorizationUrl': 'https://example.com/auth',
                'scopes': {},
            }
        },
    }
    schema = document(
        [path('basic/', CONTROLLERS['basic'][0].as_view())],
        security_schemes={'oauth': oauth},
    )
    assert schema['components']['securitySchemes'] == {
        'oauth': oauth,
        'basicAuth': HttpBasic().security_scheme(),
    }


def test_one_status_two_reasons_are_both_described():
    """A CSRF failure and a refused permission are one 403 with both reasons."""
    from dmr.permissions import IsStaff
    from dmr.security import DjangoSession

    class StaffSession(Controller):
        auth = (DjangoSession(),)
        permissions = (IsStaff(),)

        def get(self) -> int:
            return 1

    schema = document([path('staff-session/', StaffSession.as_view())])
    forbidden = schema['paths']['/api/staff-session/']['get']['responses']['403']
    assert forbidden['description'] == (
        'Raised when a cookie-authenticated request fails the CSRF check; '
        'Raised when the user may not perform this action'
    )


def test_session_login_and_jwt_obtain_share_one_credentials_schema():
    """Both login endpoints read the same ``Credentials``: one document may list both."""
    obtain = token_controllers(TOKENS).obtain
    schema = document(
        [path('login/', LoginController.as_view()), path('token/', obtain.as_view())]
    )

    bodies = [
        schema['paths'][route]['post']['requestBody']['content']['application/json']['schema']
        for route in ('/api/login/', '/api/token/')
    ]
    assert bodies == [{'$ref': '#/components/schemas/Credentials'}] * 2
