"""OpenAPI components: one schema per type, pruned, clashes refused, split by direction."""

import dataclasses
from typing import Any, TypedDict

import pytest

from dmr import Body, Controller, Query, ResponseSpec, modify
from dmr.errors import ErrorModel
from dmr.openapi import SchemaConflictError, build_schema
from dmr.openapi._components import _CORE_SCHEMAS
from dmr.routing import Router, path
from tests.models import Conflict, User, UserCreate
from tests.openapi_support import document, operation, served
from tests.stub_backend import StubSerializer

REF = '#/components/schemas/'


@dataclasses.dataclass
class Item:
    name: str
    size: int = 0


@dataclasses.dataclass
class Basket:
    owner: str
    items: list[Item]


@dataclasses.dataclass
class Receipt:
    basket: Basket


@dataclasses.dataclass
class ItemInput:
    label: str


@dataclasses.dataclass
class Search:
    item: Item


@dataclasses.dataclass
class Outer:
    inner: User


@dataclasses.dataclass
class Order:
    item: Item
    buyer: User


def named(name: str, **fields: type) -> type:
    """A dataclass called ``name``: two calls make two types with one name."""
    return dataclasses.make_dataclass(name, list(fields.items()))


def schemas(*controllers: type[Controller]) -> dict[str, Any]:
    urls = [path(f'r{index}/', c.as_view()) for index, c in enumerate(controllers)]
    return document(urls)['components']['schemas']  # type: ignore[no-any-return]


def refs(value: Any) -> set[str]:
    """Every ``$ref`` in a document fragment."""
    if isinstance(value, dict):
        found = {value['$ref']} if isinstance(value.get('$ref'), str) else set()
        return found.union(*(refs(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(refs(item) for item in value))
    return set()


# Deduplication and pruning


def test_one_type_used_twice_is_one_component():
    """A type used by two endpoints is defined once and referred to twice."""

    class Users(Controller):
        def post(self, user: Body[UserCreate]) -> User:
            raise NotImplementedError

        def get(self) -> list[User]:
            raise NotImplementedError

    found = schemas(Users)
    assert sorted(found) == ['ErrorDetail', 'ErrorModel', 'User', 'UserCreate']


def test_components_are_sorted_by_name():
    """``components/schemas`` lists names in sorted order."""

    class Users(Controller):
        def post(self, user: Body[UserCreate]) -> User:
            raise NotImplementedError

    assert list(schemas(Users)) == sorted(schemas(Users))


def test_definitions_only_parameters_use_are_pruned():
    """A parameter model is spread into parameters, so its definition is dropped."""

    class Searching(Controller):
        def get(self, search: Query[Search]) -> str:
            raise NotImplementedError

    assert 'Search' not in schemas(Searching)


def test_definitions_reached_through_parameters_are_kept():
    """A type a parameter refers to stays a component."""

    class Searching(Controller):
        def get(self, search: Query[Search]) -> str:
            raise NotImplementedError

    schema = document(served(Searching))
    (parameter,) = operation(schema, 'get')['parameters']
    assert parameter['schema'] == {'$ref': REF + 'Item'}
    assert 'Item' in schema['components']['schemas']


def test_definitions_reached_through_other_definitions_are_kept():
    """Components referred to only by other components are kept."""

    class Checkout(Controller):
        def get(self) -> Receipt:
            raise NotImplementedError

    assert {'Receipt', 'Basket', 'Item'} <= set(schemas(Checkout))


def test_every_reference_resolves():
    """Every ``$ref`` of the document names a component."""

    class Checkout(Controller):
        def post(self, basket: Body[Basket]) -> Receipt:
            raise NotImplementedError

    schema = document(served(Checkout))
    names = {REF + name for name in schema['components']['schemas']}
    assert refs(schema) <= names


# Name clashes


def test_two_types_with_one_name_are_refused():
    """Two different types documented under one name are an error naming both uses."""
    first, second = named('Thing', a=int), named('Thing', b=str)

    class One(Controller):
        def get(self) -> first:  # type: ignore[valid-type]
            raise NotImplementedError

    class Two(Controller):
        def get(self) -> second:  # type: ignore[valid-type]
            raise NotImplementedError

    router = Router('api/', [path('one/', One.as_view()), path('two/', Two.as_view())])
    with pytest.raises(SchemaConflictError) as caught:
        build_schema(router)
    message = str(caught.value)
    assert "documented as 'Thing'" in message
    assert 'One.get 200 response' in message
    assert 'Two.get 200 response' in message


def test_two_types_with_one_name_across_directions_are_refused():
    """A request type and a different response type with one name are an error."""
    first, second = named('Thing', a=int), named('Thing', b=str)

    class Both(Controller):
        def post(self, thing: Body[first]) -> second:  # type: ignore[valid-type]
            raise NotImplementedError

    with pytest.raises(SchemaConflictError, match=r'Both\.post body.*Both\.post 201 response'):
        build_schema(Router('api/', served(Both)))


def test_property_named_required_is_compared_like_any_other():
    """Types differing in a property called ``required`` clash; they are not split."""
    first, second = named('Form', required=int), named('Form', required=str)

    class Forms(Controller):
        def post(self, form: Body[first]) -> second:  # type: ignore[valid-type]
            raise NotImplementedError

    with pytest.raises(SchemaConflictError, match="documented as 'Form'"):
        build_schema(Router('api/', served(Forms)))


def test_type_named_like_the_error_model_is_refused():
    """A user type called ``ErrorModel`` cannot replace dmr's own component."""
    custom = named('ErrorModel', message=str)

    class Custom(Controller):
        @modify(extra_responses=[ResponseSpec(custom, status_code=409)])
        def get(self) -> str:
            raise NotImplementedError

    with pytest.raises(SchemaConflictError, match="'ErrorModel', the name of dmr's own error"):
        build_schema(Router('api/', served(Custom)))


def test_type_named_like_error_detail_is_refused():
    """A user type called ``ErrorDetail`` is refused like ``ErrorModel``."""

    class ErrorDetail(TypedDict):
        code: int

    class Custom(Controller):
        def get(self) -> list[ErrorDetail]:
            raise NotImplementedError

    with pytest.raises(SchemaConflictError, match="'ErrorDetail', the name of dmr's own"):
        build_schema(Router('api/', served(Custom)))


def test_error_model_inside_a_list_is_the_core_component():
    """dmr's ``ErrorModel`` inside ``list[...]`` refers to the core's own schema."""

    class Errors(Controller):
        @modify(extra_responses=[ResponseSpec(list[ErrorModel], status_code=409)])
        def get(self) -> str:
            raise NotImplementedError

    schema = document(served(Errors))
    content = operation(schema, 'get')['responses']['409']['content']['application/json']
    assert content['schema'] == {'type': 'array', 'items': {'$ref': REF + 'ErrorModel'}}
    assert schema['components']['schemas']['ErrorModel'] == _CORE_SCHEMAS['ErrorModel']


class CoreCopyingSerializer(StubSerializer):
    """Documents ``Conflict`` with dmr's ``ErrorDetail`` schema, word for word."""

    def json_schema(self, annotation: Any, /, *, direction: Any, ref_template: str) -> Any:
        if annotation is Conflict:
            return {'$ref': ref_template.format(name='ErrorDetail')}, {
                'ErrorDetail': _CORE_SCHEMAS['ErrorDetail'],
            }
        return super().json_schema(annotation, direction=direction, ref_template=ref_template)


def test_definition_identical_to_a_core_one_is_accepted():
    """A backend may emit dmr's error schema itself, exactly as the core writes it."""

    class Copying(Controller[CoreCopyingSerializer]):
        def get(self) -> Conflict:
            raise NotImplementedError

    schema = document(served(Copying))
    assert schema['components']['schemas']['ErrorDetail'] == _CORE_SCHEMAS['ErrorDetail']


# Request and response shapes of one type


class Items(Controller):
    def post(self, item: Body[Item]) -> Item:
        raise NotImplementedError


def test_type_differing_only_in_required_is_split():
    """A type whose request shape requires less than its response shape is split."""
    found = schemas(Items)
    assert (found['ItemInput']['required'], found['ItemOutput']['required']) == (
        ['name'],
        ['name', 'size'],
    )
    assert 'Item' not in found


def test_split_type_references_are_rewritten():
    """The request body refers to ``NameInput`` and the response to ``NameOutput``."""
    schema = document(served(Items))
    post = operation(schema, 'post')
    assert post['requestBody']['content']['application/json']['schema'] == {
        '$ref': REF + 'ItemInput',
    }
    assert post['responses']['201']['content']['application/json']['schema'] == {
        '$ref': REF + 'ItemOutput',
    }


def test_definitions_referring_to_a_split_type_are_split():
    """A type containing a split type is split too, each half referring to its own."""

    class Baskets(Controller):
        def post(self, basket: Body[Basket]) -> Basket:
            raise NotImplementedError

    found = schemas(Baskets)
    assert found['BasketInput']['properties']['items']['items'] == {'$ref': REF + 'ItemInput'}
    assert found['BasketOutput']['properties']['items']['items'] == {'$ref': REF + 'ItemOutput'}


def test_split_type_keeps_references_to_unsplit_types():
    """Halves of a split type refer to the other types they use unchanged."""

    class Orders(Controller):
        def post(self, order: Body[Order]) -> Order:
            raise NotImplementedError

    found = schemas(Orders)
    assert found['OrderInput']['properties'] == {
        'item': {'$ref': REF + 'ItemInput'},
        'buyer': {'$ref': REF + 'User'},
    }
    assert found['OrderOutput']['properties']['buyer'] == {'$ref': REF + 'User'}


def test_definitions_in_one_direction_follow_the_split():
    """A response-only type refers to the response half of a split type."""

    class Checkout(Controller):
        def post(self, item: Body[Item]) -> Receipt:
            raise NotImplementedError

    found = schemas(Checkout)
    assert found['Basket']['properties']['items']['items'] == {'$ref': REF + 'ItemOutput'}
    assert 'ReceiptOutput' not in found


def test_parameter_references_follow_the_split():
    """A parameter referring to a split type refers to its request half."""

    class Searching(Controller):
        def get(self, search: Query[Search]) -> Item:
            raise NotImplementedError

    schema = document(served(Searching))
    (parameter,) = operation(schema, 'get')['parameters']
    assert parameter['schema'] == {'$ref': REF + 'ItemInput'}
    assert {'ItemInput', 'ItemOutput'} <= set(schema['components']['schemas'])


def test_identical_request_and_response_shapes_are_not_split():
    """A type with the same shape both ways stays one component."""

    class Nested(Controller):
        def post(self, outer: Body[Outer]) -> Outer:
            raise NotImplementedError

    found = schemas(Nested)
    assert {'Outer', 'User'} <= set(found)
    assert 'OuterInput' not in found


def test_split_name_taken_by_another_type_is_refused():
    """Splitting ``Item`` when a type is already called ``ItemInput`` is an error."""

    class Taken(Controller):
        def post(self, item: Body[Item]) -> Item:
            raise NotImplementedError

        def put(self, other: Body[ItemInput]) -> str:
            raise NotImplementedError

    with pytest.raises(SchemaConflictError, match=r"'ItemInput', in .*Taken\.put body"):
        build_schema(Router('api/', served(Taken)))


# Ownership of the backend's schemas


class CachingSerializer(StubSerializer):
    """Returns the same objects for the same question, as a caching backend may."""

    def __init__(self) -> None:
        self.cache: dict[Any, Any] = {}

    def json_schema(self, annotation: Any, /, *, direction: Any, ref_template: str) -> Any:
        key = (annotation, direction, ref_template)
        if key not in self.cache:
            self.cache[key] = super().json_schema(
                annotation, direction=direction, ref_template=ref_template
            )
        return self.cache[key]


def test_backend_schemas_are_not_modified():
    """Splitting a type does not rewrite the schemas a backend handed over."""

    class Cached(Controller[CachingSerializer]):
        def post(self, basket: Body[Basket]) -> Basket:
            raise NotImplementedError

    router = Router('api/', served(Cached))
    assert build_schema(router) == build_schema(router)


class DiscriminatingSerializer(StubSerializer):
    """Adds a discriminator mapping that points at the ``Pet`` definition."""

    def json_schema(self, annotation: Any, /, *, direction: Any, ref_template: str) -> Any:
        schema, definitions = super().json_schema(
            annotation, direction=direction, ref_template=ref_template
        )
        owner = definitions.get('Owner')
        if owner is not None:
            owner['properties']['pet'] = {
                'oneOf': [{'$ref': ref_template.format(name='Pet')}],
                'discriminator': {
                    'propertyName': 'kind',
                    'mapping': {'pet': ref_template.format(name='Pet')},
                },
            }
        return schema, definitions


@dataclasses.dataclass
class Pet:
    kind: str
    age: int = 1


@dataclasses.dataclass
class Owner:
    pet: Pet


class Owners(Controller[DiscriminatingSerializer]):
    def post(self, owner: Body[Owner]) -> Owner:
        return owner


def test_discriminator_mappings_follow_the_split():
    """A split type's discriminator mapping points at the split names."""
    router = Router('api/', [path('owners/', Owners.as_view())])
    schemas = build_schema(router)['components']['schemas']
    owner_in = schemas['OwnerInput']['properties']['pet']['discriminator']['mapping']
    owner_out = schemas['OwnerOutput']['properties']['pet']['discriminator']['mapping']
    assert owner_in == {'pet': '#/components/schemas/PetInput'}
    assert owner_out == {'pet': '#/components/schemas/PetOutput'}
