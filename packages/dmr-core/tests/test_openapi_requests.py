"""OpenAPI requests: parameters from components, and the request body."""

import dataclasses
from typing import Any, TypedDict

import pytest

from dmr import Body, Controller, Cookies, Headers, Path, Query
from dmr.openapi._operations import without_null
from dmr.parsers import JsonParser
from tests.models import PathArgs, Session, User, UserCreate
from tests.openapi_support import INTEGER, document, operation, served
from tests.renderers import TextJsonParser
from tests.stub_backend import StubSerializer


@dataclasses.dataclass
class Filters:
    page: int
    search: str = dataclasses.field(default='', metadata={'schema': {'description': 'Text'}})
    legacy: int | None = dataclasses.field(default=None, metadata={'schema': {'deprecated': True}})
    tags: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class ApiHeaders:
    x_api_token: str
    x_request_id: str | None = None


class TypedPath(TypedDict):
    user_id: int


class Everything(Controller):
    def put(
        self,
        args: Path[PathArgs],
        filters: Query[Filters],
        headers: Headers[ApiHeaders],
        cookies: Cookies[Session],
        user: Body[UserCreate],
    ) -> User:
        raise NotImplementedError


def parameters(location: str | None = None) -> list[dict]:
    schema = document(served(Everything, 'users/<int:user_id>/'))
    found = operation(schema, 'put', '/api/users/{user_id}/')['parameters']
    return [parameter for parameter in found if location in {None, parameter['in']}]


def by_name(location: str) -> dict[str, dict]:
    return {parameter['name']: parameter for parameter in parameters(location)}


# Parameters


def test_parameters_are_listed_path_query_header_cookie():
    """Path parameters come first, then each component model's fields in order."""
    assert [(p['in'], p['name']) for p in parameters()] == [
        ('path', 'user_id'),
        ('query', 'page'),
        ('query', 'search'),
        ('query', 'legacy'),
        ('query', 'tags'),
        ('header', 'x-api-token'),
        ('header', 'x-request-id'),
        ('cookie', 'sessionid'),
    ]


def test_query_field_is_a_query_parameter_with_its_schema():
    """A query model field is a ``query`` parameter, typed by its schema."""
    assert by_name('query')['page'] == {
        'name': 'page',
        'in': 'query',
        'required': True,
        'schema': INTEGER,
    }


def test_query_field_with_default_is_optional():
    """A field with a default is an optional parameter."""
    assert by_name('query')['tags']['required'] is False


def test_array_query_field_has_array_schema():
    """A list field documents an array parameter (repeated keys)."""
    assert by_name('query')['tags']['schema'] == {'type': 'array', 'items': {'type': 'string'}}


def test_field_description_moves_to_the_parameter():
    """A property's description is the parameter's, not its schema's."""
    search = by_name('query')['search']
    assert (search['description'], search['schema']) == ('Text', {'type': 'string'})


def test_field_deprecation_moves_to_the_parameter():
    """A deprecated property is a deprecated parameter."""
    legacy = by_name('query')['legacy']
    assert legacy['deprecated'] is True
    assert 'deprecated' not in legacy['schema']


def test_optional_query_field_is_an_optional_parameter_without_null():
    """``int | None = None`` is an optional integer: a query string cannot carry JSON null."""
    assert by_name('query')['legacy']['schema'] == INTEGER


def test_optional_header_field_is_an_optional_parameter_without_null():
    """``str | None = None`` in a header model is an optional string header."""
    header = by_name('header')['x-request-id']
    assert (header['required'], header['schema']) == (False, {'type': 'string'})


@pytest.mark.parametrize(
    ('schema', 'expected'),
    [
        (
            {'anyOf': [{'type': 'boolean'}, {'type': 'null'}], 'default': None},
            {'type': 'boolean'},
        ),
        ({'type': ['integer', 'null'], 'default': 3}, {'type': 'integer', 'default': 3}),
        ({'type': ['integer', 'string', 'null']}, {'type': ['integer', 'string']}),
        ({'enum': ['a', None]}, {'enum': ['a']}),
        (
            {'anyOf': [{'$ref': '#/components/schemas/Colour'}, {'type': 'null'}], 'title': 'C'},
            {'title': 'C', 'allOf': [{'$ref': '#/components/schemas/Colour'}]},
        ),
        (
            {'anyOf': [{'$ref': '#/components/schemas/Colour'}, {'type': 'null'}]},
            {'$ref': '#/components/schemas/Colour'},
        ),
        (
            {'oneOf': [{'type': 'integer'}, {'type': 'string'}, {'type': 'null'}]},
            {'oneOf': [{'type': 'integer'}, {'type': 'string'}]},
        ),
        ({'anyOf': [{'type': 'null'}]}, {'anyOf': [{'type': 'null'}]}),
        (
            {'anyOf': [{'type': 'integer'}, {'type': 'string'}]},
            {'anyOf': [{'type': 'integer'}, {'type': 'string'}]},
        ),
    ],
)
def test_null_is_taken_out_of_parameter_schemas(schema: dict, expected: dict):
    """Every spelling of ``null`` leaves a parameter's schema; the rest stays."""
    assert without_null(schema) == expected


def test_parameters_are_not_deprecated_by_default():
    """A parameter is only marked deprecated when its field is."""
    assert 'deprecated' not in by_name('query')['page']


def test_header_field_names_use_hyphens():
    """Header field ``x_api_token`` is the header ``x-api-token``."""
    assert by_name('header')['x-api-token'] == {
        'name': 'x-api-token',
        'in': 'header',
        'required': True,
        'schema': {'type': 'string'},
    }


def test_optional_header_is_not_required():
    """A header field with a default is an optional header."""
    assert by_name('header')['x-request-id']['required'] is False


def test_cookie_field_is_a_cookie_parameter():
    """A cookie model field is a ``cookie`` parameter under its own name."""
    assert by_name('cookie')['sessionid'] == {
        'name': 'sessionid',
        'in': 'cookie',
        'required': True,
        'schema': {'type': 'string'},
    }


def test_path_field_is_a_required_path_parameter():
    """A path model field is a required ``path`` parameter, within its converter's limits."""
    assert by_name('path')['user_id'] == {
        'name': 'user_id',
        'in': 'path',
        'required': True,
        'schema': {**INTEGER, 'minimum': 0},
    }


def test_path_parameters_are_required_even_with_defaults():
    """A path parameter is required even if its model field is optional."""

    @dataclasses.dataclass
    class OptionalPath:
        slug: str = 'home'

    class Pages(Controller):
        def get(self, args: Path[OptionalPath]) -> str:
            raise NotImplementedError

    schema = document(served(Pages, 'pages/<slug:slug>/'))
    (parameter,) = operation(schema, 'get', '/api/pages/{slug}/')['parameters']
    assert parameter['required'] is True


def test_typed_dict_models_give_parameters():
    """TypedDict component models document their keys like dataclasses."""

    class Typed(Controller):
        def get(self, args: Path[TypedPath]) -> str:
            raise NotImplementedError

    schema = document(served(Typed, 'users/<int:user_id>/'))
    (parameter,) = operation(schema, 'get', '/api/users/{user_id}/')['parameters']
    assert parameter['schema'] == {**INTEGER, 'minimum': 0}


class InliningSerializer(StubSerializer):
    """Writes a model's schema in place, as a backend may for a model used once."""

    def json_schema(self, annotation: Any, /, *, direction: Any, ref_template: str) -> Any:
        schema, definitions = super().json_schema(
            annotation, direction=direction, ref_template=ref_template
        )
        return definitions.pop(annotation.__name__, schema), definitions


def test_inline_parameter_models_give_parameters():
    """A parameter model the backend writes in place is read like a referenced one."""

    class Inline(Controller[InliningSerializer]):
        def get(self, cookies: Cookies[Session]) -> str:
            raise NotImplementedError

    (parameter,) = operation(document(served(Inline)), 'get')['parameters']
    assert (parameter['in'], parameter['name']) == ('cookie', 'sessionid')


def test_parameter_models_are_not_components():
    """Component models are spread into parameters, not listed as schemas."""
    schema = document(served(Everything, 'users/<int:user_id>/'))
    assert {'Filters', 'ApiHeaders', 'Session', 'PathArgs'} & set(
        schema['components']['schemas'],
    ) == set()


def test_endpoint_without_components_has_no_parameters():
    """An endpoint with no component has no ``parameters`` field."""

    class Bare(Controller):
        def get(self) -> str:
            raise NotImplementedError

    assert 'parameters' not in operation(document(served(Bare)), 'get')


# Request body


def test_body_is_a_required_request_body():
    """A ``Body`` parameter is a required requestBody referring to its schema."""
    schema = document(served(Everything, 'users/<int:user_id>/'))
    assert operation(schema, 'put', '/api/users/{user_id}/')['requestBody'] == {
        'content': {
            'application/json': {'schema': {'$ref': '#/components/schemas/UserCreate'}},
        },
        'required': True,
    }


def test_request_body_has_one_content_entry_per_parser():
    """Each parser of the endpoint is one media type of the request body."""

    class TwoParsers(Controller):
        parsers = (JsonParser(), TextJsonParser())

        def post(self, user: Body[UserCreate]) -> User:
            raise NotImplementedError

    body = operation(document(served(TwoParsers)), 'post')['requestBody']
    assert body['content'] == {
        'application/json': {'schema': {'$ref': '#/components/schemas/UserCreate'}},
        'text/plain': {'schema': {'$ref': '#/components/schemas/UserCreate'}},
    }


def test_body_schema_need_not_be_a_component():
    """A body of a plain type is described inline."""

    class Numbers(Controller):
        def post(self, numbers: Body[list[int]]) -> int:
            raise NotImplementedError

    body = operation(document(served(Numbers)), 'post')['requestBody']
    assert body['content']['application/json']['schema'] == {
        'type': 'array',
        'items': INTEGER,
    }


def test_no_body_no_request_body():
    """An endpoint without ``Body`` has no requestBody."""

    class Bare(Controller):
        def post(self) -> str:
            raise NotImplementedError

    assert 'requestBody' not in operation(document(served(Bare)), 'post')
