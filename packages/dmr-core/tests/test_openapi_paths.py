"""OpenAPI paths: what the generator finds in a ``Router``."""

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import include, re_path, register_converter
from django.views import View

from dmr import Controller, Path
from dmr.openapi import UnsupportedRouteError, build_schema
from dmr.openapi._path_limits import combine, converter_schema
from dmr.openapi._routes import PathConflictError
from dmr.routing import Router, path
from tests.models import PathArgs, User
from tests.openapi_support import INTEGER, document, served

UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'


class YearConverter:
    regex = '[0-9]{4}|now'

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(YearConverter, 'year')


class Users(Controller):
    def get(self) -> list[User]:
        raise NotImplementedError


class Articles(Controller):
    def get(self) -> list[str]:
        raise NotImplementedError


class OneUser(Controller):
    def get(self, args: Path[PathArgs]) -> User:
        raise NotImplementedError


class Untyped(Controller):
    def get(self) -> str:
        raise NotImplementedError


def plain_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


class PlainView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse()


def test_path_joins_router_prefix_and_route():
    """A route's path is ``/`` + the router's prefix + its own route."""
    schema = document(served(Users, 'users/'), prefix='api/v1/')
    assert list(schema['paths']) == ['/api/v1/users/']


def test_paths_keep_declaration_order():
    """Paths appear in the order the router declares them."""
    schema = document([path('b/', Users.as_view()), path('a/', Articles.as_view())])
    assert list(schema['paths']) == ['/api/b/', '/api/a/']


def test_nested_includes_join_every_prefix():
    """Routes inside nested ``include()``s carry every prefix on the way."""
    urls = [path('v1/', include([path('admin/', include([path('users/', Users.as_view())]))]))]
    schema = document(urls)
    assert list(schema['paths']) == ['/api/v1/admin/users/']


def test_empty_prefix_gives_root_paths():
    """A router without a prefix documents paths from ``/``."""
    schema = document(served(Users, 'users/'), prefix='')
    assert list(schema['paths']) == ['/users/']


def test_converters_become_path_templates():
    """``<int:user_id>`` in a route is ``{user_id}`` in the document."""
    schema = document(served(OneUser, 'users/<int:user_id>/'))
    assert list(schema['paths']) == ['/api/users/{user_id}/']


def test_converters_without_type_become_path_templates():
    """``<name>`` (the implicit ``str`` converter) is ``{name}`` too."""
    schema = document(served(Untyped, 'pages/<name>/'))
    assert list(schema['paths']) == ['/api/pages/{name}/']


def test_function_views_are_ignored():
    """A plain Django function view on the router is not documented."""
    schema = document([path('plain/', plain_view), *served(Users)])
    assert list(schema['paths']) == ['/api/users/']


def test_class_views_that_are_not_controllers_are_ignored():
    """A Django ``View`` that is not a ``Controller`` is not documented."""
    schema = document([path('plain/', PlainView.as_view()), *served(Users)])
    assert list(schema['paths']) == ['/api/users/']


def test_regex_views_that_are_not_controllers_are_ignored():
    """A non-controller view under ``re_path`` does not stop the document."""
    urls = [
        re_path(r'^legacy/$', plain_view),
        re_path(r'^old/', include([path('x/', plain_view)])),
    ]
    schema = document([*urls, *served(Users)])
    assert list(schema['paths']) == ['/api/users/']


def test_regex_route_to_a_controller_is_documented():
    """A controller under ``re_path`` gets a path template; each group is a parameter."""
    schema = document([re_path(r'^users/(?P<pk>[0-9]+)/$', Untyped.as_view())])
    (parameter,) = schema['paths']['/api/users/{pk}/']['get']['parameters']
    assert parameter['schema'] == {'type': 'string', 'pattern': '^[0-9]+$'}


def test_regex_include_prefixes_its_routes():
    """A ``re_path`` include is literal text and groups before its routes' paths."""
    urls = [re_path(r'^v(?P<version>[12])/', include([path('users/', Untyped.as_view())]))]
    schema = document(urls)
    assert list(schema['paths']) == ['/api/v{version}/users/']


def test_regex_escapes_are_literal_text():
    """``\\.`` in a ``re_path`` pattern is a dot in the path template."""
    schema = document([re_path(r'^feed\.json$', Untyped.as_view())])
    assert list(schema['paths']) == ['/api/feed.json']


def test_regex_group_narrows_the_path_model():
    """A ``Path`` model's ``int`` field under a group keeps the model's schema."""
    schema = document([re_path(r'^users/(?P<user_id>[0-9]+)/$', OneUser.as_view())])
    (parameter,) = schema['paths']['/api/users/{user_id}/']['get']['parameters']
    assert parameter['schema'] == INTEGER


def test_regex_route_with_an_expression_outside_a_group_is_refused():
    """A quantifier outside a named group cannot be a template: an error naming the pattern."""
    router = Router('api/', [re_path(r'^users/[0-9]+/$', Users.as_view())])
    with pytest.raises(UnsupportedRouteError, match=r"'\^users/\[0-9\]\+/\$' uses '\['"):
        build_schema(router)


def test_regex_route_with_an_unnamed_group_is_refused():
    """An unnamed group has no parameter name: an error."""
    router = Router('api/', [re_path(r'^users/([0-9]+)/$', Users.as_view())])
    with pytest.raises(UnsupportedRouteError, match=r"uses '\('"):
        build_schema(router)


def test_regex_route_without_end_anchor_is_refused():
    """A controller's ``re_path`` without ``$`` matches more than a template says."""
    router = Router('api/', [re_path(r'^users/', Users.as_view())])
    with pytest.raises(UnsupportedRouteError, match=r'does not end with \$'):
        build_schema(router)


def test_regex_group_with_escapes_and_classes_keeps_its_pattern():
    """``\\)`` and ``[)]`` inside a group do not close it: the group's pattern is whole."""
    schema = document([re_path(r'^files/(?P<name>[)a-z]+\)?)/$', Untyped.as_view())])
    (parameter,) = schema['paths']['/api/files/{name}/']['get']['parameters']
    assert parameter['schema'] == {'type': 'string', 'pattern': r'^[)a-z]+\)?$'}


def test_locale_prefixed_routes_are_refused():
    """``i18n_patterns`` has no path template of its own: an error naming the pattern kind."""
    router = Router('api/', i18n_patterns(path('users/', Users.as_view())))
    with pytest.raises(UnsupportedRouteError, match='is a LocalePrefixPattern'):
        build_schema(router)


def test_regex_route_with_unbalanced_group_is_refused():
    """A group that never closes is refused, not looped over."""
    router = Router('api/', [re_path(r'^users/(?P<pk>[0-9]+/$', Users.as_view())])
    with pytest.raises(UnsupportedRouteError, match='unbalanced'):
        build_schema(router)


def test_controller_without_endpoints_adds_no_path():
    """A path whose controller has no endpoint is left out."""

    class Empty(Controller):
        pass

    schema = document([path('empty/', Empty.as_view()), *served(Users)])
    assert list(schema['paths']) == ['/api/users/']


def test_one_controller_at_two_paths_is_documented_twice():
    """A controller routed twice has one path item per route."""
    schema = document([path('users/', Users.as_view()), path('people/', Users.as_view())])
    assert list(schema['paths']) == ['/api/users/', '/api/people/']


def test_two_routes_with_one_path_are_refused():
    """Two routes with the same OpenAPI path are an error naming both controllers."""
    router = Router('api/', [path('users/', Users.as_view()), path('users/', Articles.as_view())])
    with pytest.raises(
        PathConflictError, match=r'Users and Articles are both routed at /api/users/'
    ):
        build_schema(router)


def test_routes_differing_only_by_converter_are_refused():
    """``<int:pk>`` and ``<slug:pk>`` share the path ``{pk}``: an error."""
    router = Router(
        'api/',
        [path('users/<int:pk>/', Users.as_view()), path('users/<slug:pk>/', Articles.as_view())],
    )
    with pytest.raises(PathConflictError, match=r'/api/users/\{pk\}/'):
        build_schema(router)


@pytest.mark.parametrize(
    ('route', 'schema'),
    [
        ('<int:item>/', {**INTEGER, 'minimum': 0}),
        ('<uuid:item>/', {'type': 'string', 'format': 'uuid', 'pattern': UUID_PATTERN}),
        ('<slug:item>/', {'type': 'string', 'pattern': '^[-a-zA-Z0-9_]+$'}),
        ('<str:item>/', {'type': 'string', 'pattern': '^[^/]+$'}),
        ('<path:item>', {'type': 'string', 'minLength': 1}),
        ('<year:item>/', {'type': 'string', 'pattern': '^(?:[0-9]{4}|now)$'}),
    ],
)
def test_path_parameter_without_model_is_typed_by_its_converter(route: str, schema: dict):
    """A path parameter no ``Path`` model declares is documented from its converter."""
    result = document(served(Untyped, route))
    (item,) = result['paths'].values()
    assert item['get']['parameters'] == [
        {'name': 'item', 'in': 'path', 'required': True, 'schema': schema},
    ]


def test_path_parameters_in_router_prefix_are_documented():
    """A converter in the router's prefix is a path parameter of every route."""
    result = document(served(Untyped, 'users/'), prefix='tenants/<uuid:tenant>/')
    parameters = result['paths']['/tenants/{tenant}/users/']['get']['parameters']
    assert parameters == [
        {
            'name': 'tenant',
            'in': 'path',
            'required': True,
            'schema': {'type': 'string', 'format': 'uuid', 'pattern': UUID_PATTERN},
        },
    ]


def test_path_parameters_follow_path_order():
    """Path parameters are listed in the order they appear in the path."""
    urls = [path('<slug:org>/', include([path('<int:user_id>/', OneUser.as_view())]))]
    result = document(urls)
    parameters = result['paths']['/api/{org}/{user_id}/']['get']['parameters']
    assert [parameter['name'] for parameter in parameters] == ['org', 'user_id']


def test_path_model_of_another_type_than_the_converter_wins():
    """An ``int`` field behind a ``str`` converter is documented as the model says."""
    result = document(served(OneUser, 'users/<str:user_id>/'))
    (parameter,) = result['paths']['/api/users/{user_id}/']['get']['parameters']
    assert parameter['schema'] == INTEGER


def test_int_converter_limits_the_path_model():
    """An ``int`` field behind ``<int:...>`` is non-negative: Django matches ``[0-9]+``."""
    result = document(served(OneUser, 'users/<int:user_id>/'))
    (parameter,) = result['paths']['/api/users/{user_id}/']['get']['parameters']
    assert parameter['schema'] == {**INTEGER, 'minimum': 0}


def test_stricter_minimum_of_the_model_is_kept():
    """A model's ``minimum: 1`` is stricter than the converter's 0 and stays."""
    assert combine({'type': 'integer', 'minimum': 1}, {'type': 'integer', 'minimum': 0}) == {
        'type': 'integer',
        'minimum': 1,
    }


def test_model_pattern_and_converter_pattern_both_hold():
    """A model's own pattern stays; the converter's joins it in an ``allOf``."""
    combined = combine(
        {'type': 'string', 'pattern': '^a'},
        {'type': 'string', 'pattern': '^[^/]+$'},
    )
    assert combined == {'type': 'string', 'pattern': '^a', 'allOf': [{'pattern': '^[^/]+$'}]}


def test_converter_without_regex_is_text():
    """An object without a ``regex`` in the converters documents its value as a string."""
    assert converter_schema(object()) == {'type': 'string'}


def test_path_model_fields_outside_the_route_are_not_parameters():
    """A ``Path`` model field the route does not capture is not in the document."""
    result = document(served(OneUser, 'users/<int:pk>/'))
    parameters = result['paths']['/api/users/{pk}/']['get']['parameters']
    assert [parameter['name'] for parameter in parameters] == ['pk']
