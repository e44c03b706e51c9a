"""The OpenAPI document: valid, complete, and served with the three UIs under /docs/."""

import io
import json
import re
import warnings

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from dmr.controller import Controller
from dmr.openapi import RegexDialectWarning, build_schema
from openapi_spec_validator import validate

from newsroom.urls import router, schema

AUTH_ROUTES = {
    '/api/auth/csrf/': {'get'},
    '/api/auth/login/': {'post'},
    '/api/auth/logout/': {'post'},
    '/api/auth/token/': {'post'},
    '/api/auth/token/refresh/': {'post'},
    '/api/auth/token/verify/': {'post'},
    '/api/auth/token/revoke/': {'post'},
}
STREAM_ROUTES = {'/api/articles/feed/': {'get'}, '/api/articles/export/': {'get'}}
RESOURCE_ROUTES = {
    '/api/users/': {'get', 'post'},
    '/api/users/{user_id}/': {'get', 'put', 'delete'},
    '/api/tags/': {'get', 'post'},
    '/api/tags/{slug}/': {'get', 'put', 'delete'},
    '/api/articles/': {'get', 'post'},
    '/api/articles/{article_id}/': {'get', 'put', 'delete'},
    '/api/articles/{article_id}/export/': {'get'},
    '/api/articles/{article_id}/image/': {'put'},
}
ROUTES = AUTH_ROUTES | RESOURCE_ROUTES | STREAM_ROUTES


@pytest.fixture
def document(client):
    response = client.get('/docs/openapi.json/')
    assert response.status_code == 200
    return response.json()


def operations(document):
    for path, item in document['paths'].items():
        for method, operation in item.items():
            yield path, method, operation


def test_the_served_document_is_valid_openapi_3_1(document):
    validate(document)
    assert document['openapi'] == '3.1.0'
    assert document == schema


def test_the_document_lists_every_route_and_method(document):
    assert {path: set(item) for path, item in document['paths'].items()} == ROUTES


def controller_routes(patterns, prefix=''):
    """Every route Django serves with a controller, in OpenAPI's path syntax."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from controller_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            view_class = getattr(pattern.callback, 'view_class', None)
            if isinstance(view_class, type) and issubclass(view_class, Controller):
                route = re.sub(r'<(?:\w+:)?(\w+)>', r'{\1}', prefix + str(pattern.pattern))
                yield '/' + route


def test_every_controller_django_serves_is_documented(document):
    assert sorted(controller_routes(get_resolver().url_patterns)) == sorted(document['paths'])


def test_each_operation_carries_the_tag_of_its_app(document):
    for path, _, operation in operations(document):
        assert operation['tags'] == [path.split('/')[2]]


def test_lookups_declare_404_and_writes_declare_409(document):
    for path, method, operation in operations(document):
        if path in AUTH_ROUTES or path in STREAM_ROUTES:
            continue
        responses = operation['responses']
        # Pages by number have a 404 past the end; cursors (articles) have none.
        is_lookup = '{' in path or (path == '/api/users/' and method == 'get')
        # An image replaces a file: no unique field of the article can clash.
        is_write = method in {'post', 'put'} and not path.endswith('/image/')
        assert ('404' in responses) == is_lookup, (method, path)
        assert ('409' in responses) == is_write, (method, path)


def test_list_answers_are_typed_pages(document):
    # dmr.pagination's CursorPage[ArticleOut], named the same under every backend.
    answer = document['paths']['/api/articles/']['get']['responses']['200']
    name = answer['content']['application/json']['schema']['$ref'].rpartition('/')[2]
    page = document['components']['schemas'][name]
    assert name == 'ArticleOutCursorPage'
    assert set(page['properties']) == {'items', 'per_page', 'next', 'previous'}
    assert page['properties']['items']['items'] == {'$ref': '#/components/schemas/ArticleOut'}


def test_list_parameters_document_the_bounds_the_paginators_enforce(document):
    """``page`` from 1, ``per_page`` from 1 to the paginators' 100, cursors of 1 to 1024 chars."""

    def parameters(path):
        listed = document['paths'][path]['get']['parameters']
        return {parameter['name']: parameter['schema'] for parameter in listed}

    users, articles = parameters('/api/users/'), parameters('/api/articles/')
    assert (users['page']['minimum'], users['page']['default']) == (1, 1)
    for per_page in (users['per_page'], articles['per_page']):
        assert (per_page['minimum'], per_page['maximum'], per_page['default']) == (1, 100, 20)
    assert (articles['cursor']['minLength'], articles['cursor']['maxLength']) == (1, 1024)


def test_the_yaml_document_is_served(client):
    response = client.get('/docs/openapi.yaml/')

    assert response.status_code == 200
    assert response.content.startswith(b'openapi: "3.1.0"\n')


@pytest.mark.parametrize('ui', ['swagger', 'redoc', 'scalar'])
def test_each_docs_ui_is_served(client, ui):
    response = client.get(f'/docs/{ui}/')

    assert response.status_code == 200
    assert response['Content-Type'].startswith('text/html')
    assert b'Newsroom' in response.content


def test_the_root_redirects_to_swagger_ui(client):
    response = client.get('/')

    assert (response.status_code, response['Location']) == (302, '/docs/swagger/')


def test_operation_ids_name_the_verb_and_the_resource(document):
    """Generated clients get ``list_users``, ``get_user``..., not the controller and path."""
    ids = {(path, method): op['operationId'] for path, method, op in operations(document)}
    assert ids == {
        ('/api/users/', 'get'): 'listUsers',
        ('/api/users/', 'post'): 'createUser',
        ('/api/users/{user_id}/', 'get'): 'getUser',
        ('/api/users/{user_id}/', 'put'): 'replaceUser',
        ('/api/users/{user_id}/', 'delete'): 'deleteUser',
        ('/api/tags/', 'get'): 'listTags',
        ('/api/tags/', 'post'): 'createTag',
        ('/api/tags/{slug}/', 'get'): 'getTag',
        ('/api/tags/{slug}/', 'put'): 'replaceTag',
        ('/api/tags/{slug}/', 'delete'): 'deleteTag',
        ('/api/articles/', 'get'): 'listArticles',
        ('/api/articles/', 'post'): 'createArticle',
        ('/api/articles/{article_id}/', 'get'): 'getArticle',
        ('/api/articles/{article_id}/', 'put'): 'replaceArticle',
        ('/api/articles/{article_id}/', 'delete'): 'deleteArticle',
        ('/api/articles/{article_id}/export/', 'get'): 'exportArticle',
        ('/api/articles/feed/', 'get'): 'followArticles',
        ('/api/articles/export/', 'get'): 'exportArticles',
        ('/api/articles/{article_id}/image/', 'put'): 'replaceArticleImage',
        ('/api/auth/csrf/', 'get'): 'getCsrfToken',
        ('/api/auth/login/', 'post'): 'logIn',
        ('/api/auth/logout/', 'post'): 'logOut',
        ('/api/auth/token/', 'post'): 'obtainToken',
        ('/api/auth/token/refresh/', 'post'): 'refreshToken',
        ('/api/auth/token/verify/', 'post'): 'verifyToken',
        ('/api/auth/token/revoke/', 'post'): 'revokeToken',
    }


def test_the_document_describes_each_tag(document):
    """Each app's tag is listed at the top of the document with a description."""
    assert [tag['name'] for tag in document['tags']] == ['auth', 'users', 'tags', 'articles']
    assert all(tag['description'] for tag in document['tags'])


def test_the_document_names_the_project(document):
    """The Info Object is the newsroom's, with its contact and licence."""
    assert (document['info']['title'], document['info']['version']) == ('Newsroom', '1.0.0')
    assert document['info']['license']['name'] == 'MIT'


def test_integer_ids_in_paths_are_non_negative(document):
    """``<int:...>`` only matches digits, so the document says a non-negative integer."""
    parameter = document['paths']['/api/users/{user_id}/']['get']['parameters'][0]
    assert parameter['schema']['minimum'] >= 0


def test_export_command_writes_the_served_document(document):
    """``manage.py dmr_export_schema newsroom.urls.router`` writes what ``/docs/`` serves."""
    stdout = io.StringIO()
    call_command('dmr_export_schema', 'newsroom.urls.router', stdout=stdout)
    assert json.loads(stdout.getvalue()) == document


def test_export_command_writes_the_served_document_in_3_0(document):
    """The served document, exported at 3.0.3 from the built ``schema``, is valid 3.0."""
    stdout = io.StringIO()
    call_command(
        'dmr_export_schema',
        'newsroom.urls.schema',
        '--openapi-version',
        '3.0.3',
        stdout=stdout,
    )
    exported = json.loads(stdout.getvalue())
    validate(exported)
    assert (exported['openapi'], exported['info']) == ('3.0.3', document['info'])


def test_patterns_read_alike_in_python_and_ecma_262(document):
    """Rebuilding the document raises no RegexDialectWarning, and ``\\Z`` is written ``$``."""
    with warnings.catch_warnings():
        warnings.simplefilter('error', RegexDialectWarning)
        rebuilt = build_schema(router)
    email = rebuilt['components']['schemas']['UserIn']['properties']['email']
    assert email['pattern'].endswith('+$')


def test_the_document_lists_the_security_schemes(document):
    """The bearer JWT and the session cookie are the document's two security schemes."""
    assert document['components']['securitySchemes'] == {
        'jwtBearer': {'type': 'http', 'scheme': 'bearer', 'bearerFormat': 'JWT'},
        'sessionCookie': {'type': 'apiKey', 'in': 'cookie', 'name': 'sessionid'},
    }


def test_reads_are_public_and_writes_need_a_token_or_a_session(document):
    """Each read lists no requirement; each write either scheme, and its 401 and 403."""
    for path, method, operation in operations(document):
        if path in AUTH_ROUTES:
            continue
        if method == 'get':
            assert operation['security'] == [], (method, path)
            assert '401' not in operation['responses'], (method, path)
        else:
            assert operation['security'] == [{'jwtBearer': []}, {'sessionCookie': []}]
            assert {'401', '403'} <= set(operation['responses']), (method, path)
