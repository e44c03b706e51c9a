"""OpenAPI responses: success, declared, semantic, headers and media types."""

from django.http import HttpResponse
from django.test import override_settings

from dmr import Body, Controller, Query, ResponseSpec, modify, validate
from dmr.errors import ErrorDetail, ErrorModel
from dmr.renderers import JsonRenderer
from tests.models import Conflict, Page, User, UserCreate
from tests.openapi_support import document, operation, served
from tests.renderers import TextRenderer

ERROR = {'application/json': {'schema': {'$ref': '#/components/schemas/ErrorModel'}}}


class Users(Controller):
    def post(self, user: Body[UserCreate]) -> User:
        raise NotImplementedError

    def get(self, page: Query[Page]) -> list[User]:
        raise NotImplementedError

    def delete(self) -> None:
        raise NotImplementedError


def responses(controller: type[Controller], method: str) -> dict:
    return operation(document(served(controller)), method)['responses']  # type: ignore[no-any-return]


# Success


def test_post_success_is_201_created():
    """POST documents 201 with the HTTP phrase as its description."""
    created = responses(Users, 'post')['201']
    assert created == {
        'description': 'Created',
        'content': {'application/json': {'schema': {'$ref': '#/components/schemas/User'}}},
    }


def test_get_success_is_200_ok():
    """GET documents 200 ``OK`` with its return type."""
    ok = responses(Users, 'get')['200']
    assert ok['description'] == 'OK'
    assert ok['content']['application/json']['schema'] == {
        'type': 'array',
        'items': {'$ref': '#/components/schemas/User'},
    }


def test_delete_returning_none_is_204_without_content():
    """A bodiless 204 has a description and no ``content``."""
    assert responses(Users, 'delete')['204'] == {'description': 'No Content'}


def test_modified_status_is_documented():
    """``@modify(status_code=...)`` changes the documented success status."""

    class Accepted(Controller):
        @modify(status_code=202)
        def post(self, user: Body[UserCreate]) -> User:
            raise NotImplementedError

    result = responses(Accepted, 'post')
    assert (result['202']['description'], '201' in result) == ('Accepted', False)


def test_success_headers_are_documented():
    """Headers ``@modify`` sends with every success response are documented."""

    class Retry(Controller):
        @modify(headers={'Retry-After': '5'})
        def post(self, user: Body[UserCreate]) -> User:
            raise NotImplementedError

    assert responses(Retry, 'post')['201']['headers'] == {
        'Retry-After': {'schema': {'type': 'string'}},
    }


def test_one_content_entry_per_renderer():
    """Each renderer is one media type of every response with a body."""

    class TwoRenderers(Controller):
        renderers = (JsonRenderer(), TextRenderer())

        def post(self, user: Body[UserCreate]) -> User:
            raise NotImplementedError

    result = responses(TwoRenderers, 'post')
    user = {'schema': {'$ref': '#/components/schemas/User'}}
    error = {'schema': {'$ref': '#/components/schemas/ErrorModel'}}
    assert result['201']['content'] == {'application/json': user, 'text/plain': user}
    assert result['400']['content'] == {'application/json': error, 'text/plain': error}


# Declared responses


class Declared(Controller):
    @modify(
        extra_responses=[
            ResponseSpec(Conflict, status_code=409, description='Already exists'),
            ResponseSpec(None, status_code=404),
            ResponseSpec(
                Conflict,
                status_code=429,
                headers={'Retry-After': 'Seconds to wait', 'X-Quota': ''},
            ),
        ],
    )
    def post(self, user: Body[UserCreate]) -> User:
        raise NotImplementedError


def test_declared_response_uses_its_description():
    """An extra ``ResponseSpec`` is documented with its own description and body."""
    assert responses(Declared, 'post')['409'] == {
        'description': 'Already exists',
        'content': {'application/json': {'schema': {'$ref': '#/components/schemas/Conflict'}}},
    }


def test_declared_response_without_description_uses_the_phrase():
    """A ``ResponseSpec`` without description is described by its HTTP phrase."""
    assert responses(Declared, 'post')['404'] == {'description': 'Not Found'}


def test_declared_response_headers_are_documented():
    """``ResponseSpec.headers`` are documented, with their descriptions when given."""
    assert responses(Declared, 'post')['429']['headers'] == {
        'Retry-After': {'description': 'Seconds to wait', 'schema': {'type': 'string'}},
        'X-Quota': {'schema': {'type': 'string'}},
    }


def test_responses_are_sorted_by_status():
    """Responses are listed in status order."""
    assert list(responses(Declared, 'post')) == [
        '201',
        '400',
        '404',
        '406',
        '409',
        '415',
        '422',
        '429',
    ]


def test_unregistered_status_is_described_generically():
    """A status without an HTTP phrase is described as ``Status NNN``."""

    class Unusual(Controller):
        @modify(extra_responses=[ResponseSpec(None, status_code=299)])
        def get(self) -> str:
            raise NotImplementedError

    assert responses(Unusual, 'get')['299'] == {'description': 'Status 299'}


def test_validate_documents_every_declared_response():
    """An ``@validate`` endpoint documents the responses it lists."""

    class Raw(Controller):
        @validate(
            ResponseSpec(User, status_code=200),
            ResponseSpec(None, status_code=304, headers={'ETag': 'Version'}),
        )
        def get(self) -> HttpResponse:
            raise NotImplementedError

    result = responses(Raw, 'get')
    assert sorted(result) == ['200', '304', '406', '422']
    assert result['304'] == {
        'description': 'Not Modified',
        'headers': {'ETag': {'description': 'Version', 'schema': {'type': 'string'}}},
    }


def test_declared_status_replaces_a_semantic_one():
    """An endpoint's own 400 replaces the framework's description and body."""

    class Own400(Controller):
        @modify(extra_responses=[ResponseSpec(Conflict, status_code=400, description='Mine')])
        def post(self, user: Body[UserCreate]) -> User:
            raise NotImplementedError

    assert responses(Own400, 'post')['400'] == {
        'description': 'Mine',
        'content': {'application/json': {'schema': {'$ref': '#/components/schemas/Conflict'}}},
    }


def test_controller_responses_are_documented():
    """Responses a controller declares appear on each of its endpoints."""

    class Shared(Controller):
        responses = (ResponseSpec(Conflict, status_code=409),)

        def get(self) -> str:
            raise NotImplementedError

    assert responses(Shared, 'get')['409']['description'] == 'Conflict'


def test_settings_responses_are_documented():
    """Responses in ``DMR_SETTINGS['responses']`` appear on every endpoint."""

    class Everywhere(Controller):
        def get(self) -> str:
            raise NotImplementedError

    settings = {
        'serializer': 'tests.stub_backend.StubSerializer',
        'responses': [ResponseSpec(None, status_code=503, description='Maintenance')],
    }
    with override_settings(DMR_SETTINGS=settings):
        assert responses(Everywhere, 'get')['503'] == {'description': 'Maintenance'}


def test_error_model_response_refers_to_the_core_component():
    """``ResponseSpec(ErrorModel, ...)`` refers to dmr's ``ErrorModel``."""

    class Missing(Controller):
        @modify(extra_responses=[ResponseSpec(ErrorModel, status_code=404)])
        def get(self) -> str:
            raise NotImplementedError

    assert responses(Missing, 'get')['404']['content'] == ERROR


def test_error_detail_response_refers_to_the_core_component():
    """``ResponseSpec(ErrorDetail, ...)`` refers to dmr's ``ErrorDetail``."""

    class Detail(Controller):
        @modify(extra_responses=[ResponseSpec(ErrorDetail, status_code=409)])
        def get(self) -> str:
            raise NotImplementedError

    schema = document(served(Detail))
    content = operation(schema, 'get')['responses']['409']['content']
    assert content == {
        'application/json': {'schema': {'$ref': '#/components/schemas/ErrorDetail'}},
    }


# Semantic responses


@override_settings(USE_I18N=False)
def test_semantic_responses_use_the_seed_descriptions():
    """400, 406, 415 and 422 carry the seed's descriptions and the error model."""
    result = responses(Users, 'post')
    assert {status: result[status] for status in ('400', '406', '415', '422')} == {
        '400': {
            'description': 'Raised when request components cannot be parsed',
            'content': ERROR,
        },
        '406': {
            'description': 'Raised when provided `Accept` header cannot be satisfied',
            'content': ERROR,
        },
        '415': {
            'description': 'Raised when the request `Content-Type` is not supported',
            'content': ERROR,
        },
        '422': {
            'description': 'Raised when returned response does not match the response schema',
            'content': ERROR,
        },
    }


def test_no_400_without_components():
    """An endpoint that reads no component cannot answer 400."""
    assert '400' not in responses(Users, 'delete')


def test_400_with_any_component():
    """An endpoint reading only the query string can answer 400."""
    assert '400' in responses(Users, 'get')


def test_no_415_without_body():
    """An endpoint without a body cannot answer 415."""
    assert '415' not in responses(Users, 'get')


def test_406_on_every_endpoint():
    """Every endpoint negotiates ``Accept``, so every one documents 406."""
    assert '406' in responses(Users, 'delete')


def test_no_422_when_controller_turns_validation_off():
    """Without response validation, 422 is not documented."""

    class Unchecked(Controller):
        validate_responses = False

        def post(self, user: Body[UserCreate]) -> User:
            raise NotImplementedError

    assert '422' not in responses(Unchecked, 'post')


def test_no_422_when_endpoint_turns_validation_off():
    """``@modify(validate_responses=False)`` drops that endpoint's 422."""

    class Partly(Controller):
        @modify(validate_responses=False)
        def post(self, user: Body[UserCreate]) -> User:
            raise NotImplementedError

    assert '422' not in responses(Partly, 'post')


def test_no_422_when_settings_turn_validation_off():
    """``DMR_SETTINGS['validate_responses'] = False`` drops every 422."""

    class Anywhere(Controller):
        def get(self) -> str:
            raise NotImplementedError

    settings = {'serializer': 'tests.stub_backend.StubSerializer', 'validate_responses': False}
    with override_settings(DMR_SETTINGS=settings):
        assert sorted(responses(Anywhere, 'get')) == ['200', '406']


# The error model components


def test_error_components_as_in_the_seed():
    """The error components are the seed's, written out."""
    schemas = document(served(Users))['components']['schemas']
    assert schemas['ErrorModel'] == {
        'description': (
            'Default error response schema.\n\nCan be customized.\n'
            'See :ref:`customizing-error-messages` for more details.'
        ),
        'properties': {
            'detail': {
                'items': {'$ref': '#/components/schemas/ErrorDetail'},
                'title': 'Detail',
                'type': 'array',
            },
        },
        'required': ['detail'],
        'title': 'ErrorModel',
        'type': 'object',
    }
    assert schemas['ErrorDetail'] == {
        'description': 'Base schema for error details description.',
        'properties': {
            'loc': {
                'items': {'anyOf': [{'type': 'integer'}, {'type': 'string'}]},
                'title': 'Loc',
                'type': 'array',
            },
            'msg': {'title': 'Msg', 'type': 'string'},
            'type': {'title': 'Type', 'type': 'string'},
        },
        'required': ['msg'],
        'title': 'ErrorDetail',
        'type': 'object',
    }
