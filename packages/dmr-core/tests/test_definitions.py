"""Mistakes in a controller fail when its class is created, naming it."""

import uuid
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from dmr import Body, Controller, Headers, Query, ResponseSpec, modify, validate
from dmr.backends import BackendError
from dmr.errors import EndpointDefinitionError
from tests.models import Page, User, UserCreate
from tests.stub_backend import StubSerializer


def test_parameter_without_component_is_refused():
    """A parameter must be declared as a component."""
    with pytest.raises(
        EndpointDefinitionError, match=r"Bad.post: parameter 'user' needs a component"
    ):

        class Bad(Controller):
            def post(self, user: UserCreate) -> None: ...


def test_missing_return_annotation_is_refused():
    """The return annotation is the response model, so it is required."""
    with pytest.raises(EndpointDefinitionError, match=r'Bad.get: missing return annotation'):

        class Bad(Controller):
            def get(self):  # type: ignore[no-untyped-def]
                return 1


def test_mixing_sync_and_async_is_refused():
    """All endpoints of a controller are sync, or all async."""
    with pytest.raises(
        EndpointDefinitionError, match=r'Bad mixes sync endpoints \(get\) with async ones \(post\)'
    ):

        class Bad(Controller):
            def get(self) -> int: ...

            async def post(self) -> int: ...


def test_body_on_get_is_refused():
    """A GET request has no body to declare."""
    with pytest.raises(EndpointDefinitionError, match=r'Bad.get: a GET request has no body'):

        class Bad(Controller):
            def get(self, user: Body[UserCreate]) -> None: ...


def test_body_on_204_is_refused():
    """A 204 response cannot have a body."""
    with pytest.raises(EndpointDefinitionError, match=r'Bad.post: a 204 response has no body'):

        class Bad(Controller):
            @modify(status_code=204)
            def post(self) -> User: ...


def test_response_spec_refuses_body_on_bodiless_status():
    """``ResponseSpec`` refuses a body on 204 and 304."""
    with pytest.raises(ValueError, match='A 304 response has no body'):
        ResponseSpec(User, status_code=304)


def test_response_spec_refuses_unknown_status():
    """``ResponseSpec`` refuses numbers that are not HTTP statuses."""
    with pytest.raises(ValueError, match='999 is not an HTTP status code'):
        ResponseSpec(User, status_code=999)


def test_duplicate_components_are_refused():
    """Each component appears once per endpoint."""
    with pytest.raises(EndpointDefinitionError, match=r"'a' and 'b' are both Query\[...\]"):

        class Bad(Controller):
            def get(self, a: Query[Page], b: Query[Page]) -> None: ...


def test_star_parameters_are_refused():
    """Components are plain named parameters."""
    with pytest.raises(
        EndpointDefinitionError, match="parameter 'rest' must be a plain named parameter"
    ):

        class Bad(Controller):
            def get(self, *rest: Any) -> None: ...


def test_unresolvable_annotation_is_refused():
    """An annotation that cannot be resolved names the endpoint."""
    with pytest.raises(EndpointDefinitionError, match=r'Bad.get: cannot resolve annotations'):

        class Bad(Controller):
            def get(self) -> 'Missing':  # type: ignore[name-defined]  # noqa: F821
                ...


def test_unsupported_type_is_refused_at_class_creation():
    """A type the backend does not support fails when the class is built."""
    with pytest.raises(
        EndpointDefinitionError,
        match=r"Bad\.get: the 200 response is annotated .*'stub' serializer does not support",
    ):

        class Bad(Controller):
            def get(self) -> set[int]: ...


def test_unsupported_parameter_type_is_refused():
    """Component types are checked against the backend too."""
    with pytest.raises(EndpointDefinitionError, match="parameter 'h'"):

        class Bad(Controller):
            def get(self, h: Headers[frozenset[str]]) -> None: ...


def test_adapter_compile_failure_names_endpoint():
    """A backend that claims a type but fails to compile it names the endpoint."""

    class Claiming(StubSerializer):
        def supports(self, annotation: Any, /) -> bool:
            return True

    with pytest.raises(EndpointDefinitionError, match='cannot be compiled by the'):

        class Bad(Controller[Claiming]):
            def get(self) -> set[int]: ...


def test_response_class_needs_validate():
    """An endpoint returning ``HttpResponse`` must declare its responses."""
    with pytest.raises(EndpointDefinitionError, match=r'declare its responses with\s+@validate'):

        class Bad(Controller):
            def get(self) -> HttpResponse: ...


def test_validate_needs_response_class():
    """``@validate`` is only for ``-> HttpResponse`` endpoints."""
    with pytest.raises(EndpointDefinitionError, match='use @modify'):

        class Bad(Controller):
            @validate(ResponseSpec(User, status_code=200))
            def get(self) -> User: ...


def test_validate_needs_a_spec():
    """``@validate()`` with nothing to declare is refused."""
    with pytest.raises(TypeError, match='at least one ResponseSpec'):
        validate()


def test_two_decorators_are_refused():
    """One endpoint takes one ``@modify`` or one ``@validate``."""
    with pytest.raises(TypeError, match='already decorated with @modify'):

        @validate(ResponseSpec(User, status_code=200))
        @modify(status_code=200)
        def get(self: Any) -> HttpResponse: ...


def test_conflicting_declarations_are_refused():
    """Two different bodies for one status at one level are refused."""
    with pytest.raises(EndpointDefinitionError, match='status 409 is declared twice'):

        class Bad(Controller):
            @modify(
                extra_responses=[
                    ResponseSpec(User, status_code=409),
                    ResponseSpec(UserCreate, status_code=409),
                ],
            )
            def get(self) -> None: ...


def test_async_handler_on_sync_controller_is_refused():
    """A sync controller cannot await an async error handler."""

    async def handler(controller: Any, exc: Exception) -> None: ...

    with pytest.raises(EndpointDefinitionError, match='is async, but the controller is sync'):

        class Bad(Controller):
            error_handler = handler

            def get(self) -> None: ...


class PinnedSerializer(StubSerializer):
    name = 'pinned'


class Pinned(Controller[PinnedSerializer]):
    def get(self) -> User:
        return User(email='a', uid=uuid.UUID(int=0))


class PinnedChild(Pinned):
    pass


def test_controller_can_pin_its_serializer():
    """``Controller[SomeSerializer]`` compiles with that backend, also in subclasses."""
    assert Pinned.compiled().endpoints['GET'].serializer.name == 'pinned'
    assert PinnedChild.compiled().endpoints['GET'].serializer.name == 'pinned'


def test_a_misconfigured_backend_fails_the_first_request():
    """A backend that cannot be found fails on first use, not silently."""
    with override_settings(DMR_SETTINGS={'serializer': 'nope'}):

        class Later(Controller):
            def get(self) -> int:
                return 1

        with pytest.raises(BackendError, match="'nope' is not installed"):
            Later.as_view()(RequestFactory().get('/'))


def test_invalid_modify_status_is_refused():
    """``@modify`` with a number that is not a status names the endpoint."""
    with pytest.raises(EndpointDefinitionError, match=r'Bad\.get: 999 is not an HTTP status code'):

        class Bad(Controller):
            @modify(status_code=999)
            def get(self) -> int: ...


def test_annotated_without_a_component_is_refused():
    """``Annotated`` metadata other than one component is not a component."""
    from typing import Annotated

    with pytest.raises(EndpointDefinitionError, match="parameter 'q' needs a component"):

        class Bad(Controller):
            def get(self, q: Annotated[int, 'meta']) -> int: ...


def test_constraints_inside_a_component_are_kept():
    """``Body[Annotated[T, meta]]`` hands ``Annotated[T, meta]`` to the backend."""
    from typing import Annotated

    from dmr._signature import analyse

    def post(self: Any, count: Body[Annotated[int, 'non-negative']]) -> int: ...

    (parameter,) = analyse('Counter.post', 'post', post).parameters
    assert parameter.annotation == Annotated[int, 'non-negative']
