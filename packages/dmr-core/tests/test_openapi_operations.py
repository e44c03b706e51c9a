"""OpenAPI operations: operationId, summary, description, tags, deprecation, hiding."""

import pytest
from django.http import HttpResponse

from dmr import Body, Controller, Path, ResponseSpec, modify, validate
from dmr.openapi import OperationIdConflictError, OperationInfo, build_schema
from dmr.routing import Router, path
from tests.models import PathArgs, User, UserCreate
from tests.openapi_support import document, operation, served


class UserController(Controller):
    def post(self, user: Body[UserCreate]) -> User:
        raise NotImplementedError

    def get(self) -> list[User]:
        raise NotImplementedError


class Documented(Controller):
    def get(self) -> list[User]:
        """List the users.

        Sorted by e-mail,
        oldest first.
        """
        raise NotImplementedError

    def delete(self) -> None:
        """Delete   every
        user."""
        raise NotImplementedError


class Tagged(Controller):
    operation = OperationInfo(tags=['users'], summary='Users', deprecated=True)

    @modify(operation=OperationInfo(summary='Create'))
    def post(self, user: Body[UserCreate]) -> User:
        """Docstring summary."""
        raise NotImplementedError

    @modify(operation=OperationInfo(tags=['admin'], deprecated=False))
    def get(self) -> list[User]:
        raise NotImplementedError


# operationId


def test_operation_id_follows_the_seed_rule():
    """Method + ``ClassName.capitalize()`` + each path segment capitalized."""
    schema = document(served(UserController, 'user/'))
    assert operation(schema, 'post', '/api/user/')['operationId'] == 'postUsercontrollerApiUser'


def test_operation_id_uses_each_method():
    """Every operation of one path has its own method in its operationId."""
    schema = document(served(UserController, 'user/'))
    assert operation(schema, 'get', '/api/user/')['operationId'] == 'getUsercontrollerApiUser'


def test_operation_id_names_path_parameters_without_braces():
    """A path parameter is a segment like any other, without its braces."""

    class OneUser(Controller):
        def get(self, args: Path[PathArgs]) -> User:
            raise NotImplementedError

    schema = document(served(OneUser, 'user/<int:user_id>/'))
    assert operation(schema, 'get', '/api/user/{user_id}/')['operationId'] == (
        'getOneuserApiUserUser_id'
    )


def test_operation_ids_are_deterministic():
    """Building the document twice gives the same operationIds."""
    urls = [path('user/', UserController.as_view()), path('docs/', Documented.as_view())]
    first, second = document(urls), document(urls)
    assert first == second


def test_operation_id_override_is_used():
    """``OperationInfo(operation_id=...)`` replaces the generated operationId."""

    class Custom(Controller):
        @modify(operation=OperationInfo(operation_id='createUser'))
        def post(self, user: Body[UserCreate]) -> User:
            raise NotImplementedError

    schema = document(served(Custom))
    assert operation(schema, 'post')['operationId'] == 'createUser'


def test_operation_id_clash_is_refused_naming_both():
    """Two operations with one operationId are an error naming both."""

    class Clashing(Controller):
        @modify(operation=OperationInfo(operation_id='getUsercontrollerApiUser'))
        def get(self) -> list[User]:
            raise NotImplementedError

    router = Router(
        'api/',
        [path('user/', UserController.as_view()), path('other/', Clashing.as_view())],
    )
    message = (
        r"GET /api/other/ and GET /api/user/ both have operationId 'getUsercontrollerApiUser'"
    )
    with pytest.raises(OperationIdConflictError, match=message):
        build_schema(router)


def test_generated_operation_ids_can_clash():
    """Paths that differ only in braces generate one operationId: an error."""
    router = Router(
        'api/',
        [
            path('user/<int:pk>/', UserController.as_view()),
            path('user/pk/', UserController.as_view()),
        ],
    )
    with pytest.raises(OperationIdConflictError, match='getUsercontrollerApiUserPk'):
        build_schema(router)


def test_head_served_by_get_is_not_an_operation():
    """The HEAD that Django answers with GET is not documented separately."""
    schema = document(served(UserController))
    assert sorted(schema['paths']['/api/users/']) == ['get', 'post']


def test_explicit_head_is_an_operation():
    """A controller that defines ``head`` documents it."""

    class WithHead(Controller):
        def get(self) -> list[User]:
            raise NotImplementedError

        def head(self) -> None:
            raise NotImplementedError

    schema = document(served(WithHead))
    assert operation(schema, 'head')['operationId'] == 'headWithheadApiUsers'


# Summary and description


def test_summary_is_first_docstring_paragraph():
    """The summary is the docstring's first paragraph."""
    schema = document(served(Documented))
    assert operation(schema, 'get')['summary'] == 'List the users.'


def test_description_is_the_rest_of_the_docstring():
    """The description is the docstring after its first paragraph, dedented."""
    schema = document(served(Documented))
    assert operation(schema, 'get')['description'] == 'Sorted by e-mail,\noldest first.'


def test_summary_spanning_lines_is_joined():
    """A summary paragraph over several lines becomes one line."""
    schema = document(served(Documented))
    assert operation(schema, 'delete')['summary'] == 'Delete every user.'


def test_single_paragraph_docstring_has_no_description():
    """A one-paragraph docstring gives a summary and no description."""
    schema = document(served(Documented))
    assert 'description' not in operation(schema, 'delete')


def test_no_docstring_no_summary_or_description():
    """An endpoint without docstring or OperationInfo has neither field."""
    schema = document(served(UserController))
    assert {'summary', 'description'} & set(operation(schema, 'post')) == set()


def test_operation_info_summary_and_description_win_over_docstring():
    """``OperationInfo`` summary and description replace the docstring's."""

    class Described(Controller):
        @modify(operation=OperationInfo(summary='Short', description='Long'))
        def get(self) -> list[User]:
            """Docstring summary.

            Docstring description.
            """
            raise NotImplementedError

    result = operation(document(served(Described)), 'get')
    assert (result['summary'], result['description']) == ('Short', 'Long')


def test_operation_info_summary_keeps_docstring_description():
    """Setting only the summary keeps the docstring's description."""

    class Described(Controller):
        @modify(operation=OperationInfo(summary='Short'))
        def get(self) -> list[User]:
            """Docstring summary.

            Docstring description.
            """
            raise NotImplementedError

    result = operation(document(served(Described)), 'get')
    assert (result['summary'], result['description']) == ('Short', 'Docstring description.')


def test_validate_takes_operation_info():
    """``@validate(..., operation=...)`` describes the endpoint like ``@modify``."""

    class Raw(Controller):
        @validate(
            ResponseSpec(User, status_code=200),
            operation=OperationInfo(summary='Raw', operation_id='rawUsers'),
        )
        def get(self) -> HttpResponse:
            raise NotImplementedError

    result = operation(document(served(Raw)), 'get')
    assert (result['summary'], result['operationId']) == ('Raw', 'rawUsers')


# Tags and deprecation


def test_controller_operation_applies_to_every_endpoint():
    """A controller's ``operation`` sets tags for endpoints that set none."""
    schema = document(served(Tagged))
    assert operation(schema, 'post')['tags'] == ['users']


def test_endpoint_tags_replace_controller_tags():
    """An endpoint's tags replace its controller's, they are not merged."""
    schema = document(served(Tagged))
    assert operation(schema, 'get')['tags'] == ['admin']


def test_endpoint_summary_wins_over_controller_summary():
    """An endpoint-level summary wins over the controller-level one."""
    schema = document(served(Tagged))
    assert operation(schema, 'post')['summary'] == 'Create'


def test_controller_summary_wins_over_docstring():
    """A controller-level summary is set explicitly, so it wins over a docstring."""

    class Summarised(Controller):
        operation = OperationInfo(summary='Controller summary')

        def get(self) -> list[User]:
            """Docstring summary."""
            raise NotImplementedError

    schema = document(served(Summarised))
    assert operation(schema, 'get')['summary'] == 'Controller summary'


def test_no_tags_field_without_tags():
    """An operation without tags has no ``tags`` field."""
    schema = document(served(UserController))
    assert 'tags' not in operation(schema, 'post')


def test_deprecated_defaults_to_false():
    """``deprecated`` is always present, ``false`` unless set."""
    schema = document(served(UserController))
    assert operation(schema, 'post')['deprecated'] is False


def test_controller_deprecation_applies_to_endpoints():
    """A deprecated controller deprecates endpoints that say nothing."""
    schema = document(served(Tagged))
    assert operation(schema, 'post')['deprecated'] is True


def test_endpoint_can_undeprecate():
    """``deprecated=False`` on an endpoint wins over a deprecated controller."""
    schema = document(served(Tagged))
    assert operation(schema, 'get')['deprecated'] is False


def test_tags_as_a_string_are_refused():
    """``tags='users'`` is an error, not the tags ``u``, ``s``, ``e``, ``r``, ``s``."""
    with pytest.raises(TypeError, match=r"use \['users'\]"):
        OperationInfo(tags='users')


def test_operation_info_over_none_is_itself():
    """Merging over no base keeps the fields as they are."""
    info = OperationInfo(summary='s')
    assert info.over(None) is info


# Hiding


def test_hidden_endpoint_is_not_documented():
    """``include_in_schema=False`` on an endpoint removes its operation."""

    class Partly(Controller):
        def post(self, user: Body[UserCreate]) -> User:
            raise NotImplementedError

        @modify(operation=OperationInfo(include_in_schema=False))
        def get(self) -> list[User]:
            raise NotImplementedError

    schema = document(served(Partly))
    assert list(schema['paths']['/api/users/']) == ['post']


def test_hidden_controller_removes_its_path():
    """A hidden controller leaves no path item behind."""

    class Hidden(Controller):
        operation = OperationInfo(include_in_schema=False)

        def get(self) -> list[User]:
            raise NotImplementedError

    schema = document([path('hidden/', Hidden.as_view()), *served(UserController)])
    assert list(schema['paths']) == ['/api/users/']


def test_endpoint_can_show_itself_in_hidden_controller():
    """``include_in_schema=True`` on an endpoint wins over a hidden controller."""

    class Mostly(Controller):
        operation = OperationInfo(include_in_schema=False)

        def post(self, user: Body[UserCreate]) -> User:
            raise NotImplementedError

        @modify(operation=OperationInfo(include_in_schema=True))
        def get(self) -> list[User]:
            raise NotImplementedError

    schema = document(served(Mostly))
    assert list(schema['paths']['/api/users/']) == ['get']


def test_hidden_operations_free_their_operation_id():
    """A hidden operation does not claim its operationId."""

    class Hidden(Controller):
        @modify(operation=OperationInfo(include_in_schema=False, operation_id='listUsers'))
        def get(self) -> list[User]:
            raise NotImplementedError

    class Shown(Controller):
        @modify(operation=OperationInfo(operation_id='listUsers'))
        def get(self) -> list[User]:
            raise NotImplementedError

    schema = document([path('a/', Hidden.as_view()), path('b/', Shown.as_view())])
    assert operation(schema, 'get', '/api/b/')['operationId'] == 'listUsers'


def test_config_may_name_operations():
    """A config naming function replaces the default rule; ``OperationInfo`` still wins."""
    from dmr.openapi import OpenAPIConfig, build_schema
    from dmr.operation import OperationInfo
    from dmr.responses import modify
    from dmr.routing import Router, path

    class Things(Controller):
        def get(self) -> int:
            return 1

        @modify(operation=OperationInfo(operation_id='makeThing'))
        def post(self) -> int:
            return 1

    def naming(method: str, route: str, controller: type) -> str:
        return f'{controller.__name__}.{method}:{route}'

    router = Router('api/', [path('things/', Things.as_view())])
    item = build_schema(router, OpenAPIConfig(operation_id=naming))['paths']['/api/things/']
    assert item['get']['operationId'] == 'Things.get:/api/things/'
    assert item['post']['operationId'] == 'makeThing'
