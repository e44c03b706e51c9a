"""JSON Schema from the msgspec backend, as the OpenAPI generator asks for it."""

import datetime
import enum
import json
import uuid

import msgspec
from openapi_spec_validator import validate

from dmr import Body, Controller
from dmr.openapi import OpenAPIConfig, build_schema
from dmr.routing import Router, path
from dmr_msgspec import MsgspecSerializer

REF = '#/components/schemas/{name}'
serializer = MsgspecSerializer()


class Colour(enum.Enum):
    RED = 'red'


class Item(msgspec.Struct):
    item_id: int
    colour: Colour = Colour.RED
    note: str | None = None


class Sparse(msgspec.Struct, omit_defaults=True):
    size: int = 0


class Basket(msgspec.Struct):
    items: list[Item]
    sparse: Sparse


def test_properties_get_titles():
    """Each property carries a title made from its name, as the seed shows."""
    _, definitions = serializer.json_schema(Item, direction='request', ref_template=REF)
    properties = definitions['Item']['properties']
    assert properties['item_id']['title'] == 'Item Id'
    assert properties['note']['title'] == 'Note'


def test_references_get_no_title():
    """A property that is a ``$ref`` is left as the reference alone."""
    _, definitions = serializer.json_schema(Basket, direction='request', ref_template=REF)
    assert definitions['Basket']['properties']['sparse'] == {'$ref': '#/components/schemas/Sparse'}


def test_defaults_are_optional_in_requests():
    """In a request, a field with a default may be left out."""
    _, definitions = serializer.json_schema(Item, direction='request', ref_template=REF)
    assert definitions['Item']['required'] == ['item_id']


def test_defaults_are_required_in_responses():
    """In a response, msgspec always encodes defaults, so they are required."""
    _, definitions = serializer.json_schema(Item, direction='response', ref_template=REF)
    assert definitions['Item']['required'] == ['item_id', 'colour', 'note']


def test_omit_defaults_structs_stay_optional_in_responses():
    """A Struct that omits defaults from its output keeps them optional."""
    _, definitions = serializer.json_schema(Basket, direction='response', ref_template=REF)
    assert 'required' not in definitions['Sparse']
    assert definitions['Basket']['required'] == ['items', 'sparse']


def test_enums_are_definitions_without_properties():
    """Enums become named definitions, untouched by the object rules."""
    _, definitions = serializer.json_schema(Item, direction='response', ref_template=REF)
    assert definitions['Colour'] == {'title': 'Colour', 'enum': ['red']}


def test_plain_types_have_no_definitions():
    """A plain annotation is described inline."""
    schema, definitions = serializer.json_schema(
        list[uuid.UUID],
        direction='request',
        ref_template=REF,
    )
    assert schema == {'type': 'array', 'items': {'type': 'string', 'format': 'uuid'}}
    assert definitions == {}


class BasketController(Controller):
    def post(self, basket: Body[Basket]) -> Basket:
        return basket


def test_document_splits_types_that_differ_between_directions():
    """A type used both ways, with defaults, is documented as Input and Output."""
    router = Router('api/', [path('baskets/', BasketController.as_view())])
    for version in ('3.0.3', '3.1.0', '3.2.0'):
        document = build_schema(router, OpenAPIConfig(openapi_version=version))
        validate(document)
        schemas = document['components']['schemas']
        assert {'ItemInput', 'ItemOutput', 'Sparse', 'Colour'} <= schemas.keys()
        assert schemas['ItemInput']['required'] == ['item_id']
        assert schemas['ItemOutput']['required'] == ['item_id', 'colour', 'note']


class Times(msgspec.Struct):
    when: datetime.datetime | None
    either: int | datetime.time
    count: int | None


def test_time_formats_are_filled_in():
    """Datetimes and times get their format, also as members of a union."""
    _, definitions = serializer.json_schema(Times, direction='request', ref_template=REF)
    properties = definitions['Times']['properties']
    assert {'type': 'string', 'format': 'date-time'} in properties['when']['anyOf']
    assert {'type': 'string', 'format': 'time'} in properties['either']['anyOf']
    assert 'format' not in json.dumps(properties['count'])


class Documented(msgspec.Struct):
    """A documented model.

    Its docstring spans lines.
    """

    any_: int


def test_docstrings_become_clean_descriptions():
    """A model's docstring is its description, without the source's indentation."""
    _, definitions = serializer.json_schema(Documented, direction='request', ref_template=REF)
    assert definitions['Documented']['description'] == (
        'A documented model.\n\nIts docstring spans lines.'
    )
    assert definitions['Documented']['properties']['any_']['title'] == 'Any'
