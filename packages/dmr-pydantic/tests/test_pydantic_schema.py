"""JSON Schema from the pydantic backend, as the OpenAPI generator asks for it."""

import decimal
import enum
import uuid
from typing import Annotated, Any, Literal, NotRequired

import pytest
import typing_extensions
from openapi_spec_validator import validate
from pydantic import BaseModel, Field, computed_field

from dmr import Body, Controller, Headers, Query
from dmr.openapi import OpenAPIConfig, build_schema
from dmr.routing import Router, path
from dmr_pydantic import PydanticSerializer

REF = '#/components/schemas/{name}'
serializer = PydanticSerializer()


def schema(annotation: Any, direction: Any = 'request') -> tuple[dict, dict]:
    return serializer.json_schema(annotation, direction=direction, ref_template=REF)


class Colour(enum.Enum):
    RED = 'red'


class Item(BaseModel):
    item_id: int
    colour: Colour = Colour.RED
    note: str | None = None


class Sparse(BaseModel):
    size: int


class Basket(BaseModel):
    items: list[Item]
    sparse: Sparse


class Priced(BaseModel):
    """A price, with the cents computed in responses only."""

    price: decimal.Decimal

    @computed_field  # type: ignore[prop-decorator]  # pydantic's documented spelling
    @property
    def cents(self) -> int:
        return int(self.price * 100)


class Order(BaseModel):
    priced: Priced
    count: int = 1

    @computed_field  # type: ignore[prop-decorator]  # pydantic's documented spelling
    @property
    def double(self) -> int:
        return self.count * 2


class Cat(BaseModel):
    kind: Literal['cat'] = 'cat'


class Dog(BaseModel):
    kind: Literal['dog'] = 'dog'


class Owner(BaseModel):
    pet: Annotated[Cat | Dog, Field(discriminator='kind')]


class Aliased(BaseModel):
    user_name: str = Field(alias='userName')


class Loose(typing_extensions.TypedDict):
    a: int
    b: NotRequired[int]


class PricedInput(BaseModel):
    """A user's model whose name is the one a split of `Priced` would take."""

    x: int


class Clash(BaseModel):
    priced: Priced
    named: PricedInput


def test_root_model_is_a_reference_to_its_definition():
    """A model is documented as a definition and referred to by `$ref`."""
    root, definitions = schema(Item)

    assert root == {'$ref': '#/components/schemas/Item'}
    assert definitions.keys() == {'Item', 'Colour'}


def test_properties_get_titles():
    """Each property carries a title made from its name, as the seed shows."""
    _, definitions = schema(Item)
    properties = definitions['Item']['properties']

    assert properties['item_id']['title'] == 'Item Id'
    assert properties['note']['title'] == 'Note'


def test_references_get_no_title():
    """A property that is a `$ref` is left as the reference alone."""
    _, definitions = schema(Basket)

    assert definitions['Basket']['properties']['sparse'] == {'$ref': '#/components/schemas/Sparse'}


def test_defaults_are_optional_in_requests():
    """In a request, a field with a default may be left out."""
    _, definitions = schema(Item)

    assert definitions['Item']['required'] == ['item_id']


def test_defaults_are_required_in_responses():
    """pydantic always writes fields with defaults, so responses require them."""
    _, definitions = schema(Item, 'response')

    assert definitions['Item']['required'] == ['item_id', 'colour', 'note']


def test_not_required_keys_stay_optional_in_responses():
    """A `NotRequired` key may be absent from the output."""
    _, definitions = schema(Loose, 'response')

    assert definitions['Loose']['required'] == ['a']


def test_conditionally_excluded_fields_stay_optional_in_responses():
    """A field left out of the output on a condition may be absent."""

    class Conditional(BaseModel):
        a: int
        b: int | None = Field(None, exclude_if=lambda value: value is None)

    _, definitions = schema(Conditional, 'response')

    assert definitions['Conditional']['required'] == ['a']


def test_types_differing_only_in_required_keep_their_name():
    """The core splits those itself; their name is the same both ways."""
    request, _ = schema(Basket)
    response, _ = schema(Basket, 'response')

    assert request == response == {'$ref': '#/components/schemas/Basket'}


def test_types_differing_in_shape_are_named_per_direction():
    """A computed field exists only in responses: two definitions."""
    request, inputs = schema(Priced)
    response, outputs = schema(Priced, 'response')

    assert request == {'$ref': '#/components/schemas/PricedInput'}
    assert response == {'$ref': '#/components/schemas/PricedOutput'}
    assert list(inputs['PricedInput']['properties']) == ['price']
    assert list(outputs['PricedOutput']['properties']) == ['price', 'cents']


@pytest.mark.parametrize('direction', ['request', 'response'])
def test_decimals_are_decimal_strings(direction):
    """A Decimal is documented as the string pydantic writes, both ways."""
    root, _ = schema(decimal.Decimal, direction)

    assert root == {'type': 'string', 'format': 'decimal'}


def test_types_referring_to_split_types_are_split_too():
    """A model holding a split model refers to the right one in each direction."""
    _, inputs = schema(Order)
    _, outputs = schema(Order, 'response')

    assert inputs.keys() == {'OrderInput', 'PricedInput'}
    assert outputs.keys() == {'OrderOutput', 'PricedOutput'}
    assert inputs['OrderInput']['properties']['priced'] == {
        '$ref': '#/components/schemas/PricedInput',
    }
    assert 'double' in outputs['OrderOutput']['properties']
    assert 'double' not in inputs['OrderInput']['properties']


def test_split_names_never_take_an_existing_name():
    """When `NameInput` is taken by another model, pydantic's name stays."""
    _, inputs = schema(Clash)

    assert inputs.keys() == {'ClashInput', 'Priced-Input', 'PricedInput'}


def test_discriminator_mappings_follow_the_references():
    """A tagged union maps each tag to the definition its `$ref` names."""
    _, definitions = schema(Owner)
    pet = definitions['Owner']['properties']['pet']

    assert pet['discriminator']['mapping'] == {
        'cat': '#/components/schemas/Cat',
        'dog': '#/components/schemas/Dog',
    }
    assert pet['oneOf'] == [
        {'$ref': '#/components/schemas/Cat'},
        {'$ref': '#/components/schemas/Dog'},
    ]


def test_aliases_are_the_property_names():
    """Properties are named as they travel: by alias."""
    _, definitions = schema(Aliased)

    assert list(definitions['Aliased']['properties']) == ['userName']
    assert definitions['Aliased']['required'] == ['userName']


def test_enums_are_definitions_without_properties():
    """Enums become named definitions, untouched by the object rules."""
    _, definitions = schema(Item, 'response')

    assert definitions['Colour'] == {'title': 'Colour', 'enum': ['red'], 'type': 'string'}


def test_plain_types_have_no_definitions():
    """A plain annotation is described inline."""
    root, definitions = schema(list[uuid.UUID])

    assert root == {'type': 'array', 'items': {'type': 'string', 'format': 'uuid'}}
    assert definitions == {}


def test_no_definition_has_an_empty_required_list():
    """OpenAPI 3.0 forbids empty `required` lists; none is emitted."""
    for annotation in (Item, Basket, Order, Owner, Loose, Cat):
        for direction in ('request', 'response'):
            _, definitions = schema(annotation, direction)
            assert all(definition.get('required', [1]) for definition in definitions.values())


def test_schemas_are_fresh_copies():
    """Changing a returned schema does not change the next one."""
    _, definitions = schema(Item)
    definitions['Item']['required'].append('note')

    assert schema(Item)[1]['Item']['required'] == ['item_id']


class SearchQuery(BaseModel):
    q: str
    tags: list[str] = []


class ClientHeaders(BaseModel):
    x_api_token: str


class BasketController(Controller):
    def post(self, basket: Body[Basket]) -> Basket:
        return basket


class OrderController(Controller):
    def post(
        self,
        order: Body[Order],
        query: Query[SearchQuery],
        headers: Headers[ClientHeaders],
    ) -> Order:
        return order


class OwnerController(Controller):
    def put(self, owner: Body[Owner]) -> Owner:
        return owner


router = Router(
    'api/',
    [
        path('baskets/', BasketController.as_view()),
        path('orders/', OrderController.as_view()),
        path('owners/', OwnerController.as_view()),
    ],
)


@pytest.mark.parametrize('version', ['3.0.3', '3.1.0', '3.2.0'])
def test_document_is_valid_openapi(version):
    """The document of a small pydantic API validates in every version."""
    document = build_schema(router, OpenAPIConfig(openapi_version=version))

    validate(document)
    schemas = document['components']['schemas']
    assert {'ItemInput', 'ItemOutput', 'Sparse', 'Colour', 'OrderInput', 'OrderOutput'} <= (
        schemas.keys()
    )
    assert schemas['ItemInput']['required'] == ['item_id']
    assert schemas['ItemOutput']['required'] == ['item_id', 'colour', 'note']


def test_document_lists_query_and_header_parameters():
    """Query and header models become parameters named as they travel."""
    document = build_schema(router, OpenAPIConfig(openapi_version='3.1.0'))
    parameters = document['paths']['/api/orders/']['post']['parameters']

    assert [(p['name'], p['in'], p['required']) for p in parameters] == [
        ('q', 'query', True),
        ('tags', 'query', False),
        ('x-api-token', 'header', True),
    ]
