"""The OpenAPI document of a router, built from the code that serves it."""

from typing import Annotated

import msgspec
from dmr import Body, Controller, Path, Query
from dmr.openapi import OpenAPIConfig, build_schema
from dmr.routing import Router, path
from openapi_spec_validator import validate

Name = Annotated[str, msgspec.Meta(max_length=100)]
Species = Annotated[str, msgspec.Meta(max_length=50)]


class PetIn(msgspec.Struct):
    name: Name
    species: Species = 'cat'


class Pet(msgspec.Struct):
    id: int
    name: str
    species: str


class PetFilter(msgspec.Struct):
    species: Species | None = None


class PetPath(msgspec.Struct):
    pet_id: int


class PetListController(Controller):
    def get(self, filters: Query[PetFilter]) -> list[Pet]:
        """List the pets.

        Filter them by species with ``?species=``.
        """
        return []

    def post(self, pet: Body[PetIn]) -> Pet:
        """Add a pet."""
        return Pet(id=1, name=pet.name, species=pet.species)


class PetDetailController(Controller):
    def get(self, path: Path[PetPath]) -> Pet:
        return Pet(id=path.pet_id, name='Tom', species='cat')


router = Router(
    'api/',
    [
        path('pets/', PetListController.as_view(), name='pets'),
        path('pets/<int:pet_id>/', PetDetailController.as_view(), name='pet'),
    ],
)
schema = build_schema(
    router,
    OpenAPIConfig(
        title='Pet shop',
        version='2.0.0',
        openapi_version='3.1.0',
        description='Everything about your pets.',
        servers=[{'url': 'https://pets.example.com'}],
        info={'license': {'name': 'MIT', 'identifier': 'MIT'}},
    ),
)
validate(schema)  # openapi-spec-validator: a valid OpenAPI 3.1 document

assert schema['info']['title'] == 'Pet shop'
assert list(schema['paths']) == ['/api/pets/', '/api/pets/{pet_id}/']

listing = schema['paths']['/api/pets/']['get']
assert listing['operationId'] == 'getPetlistcontrollerApiPets'
assert listing['summary'] == 'List the pets.'
assert listing['description'] == 'Filter them by species with ``?species=``.'
assert [(p['name'], p['in'], p['required']) for p in listing['parameters']] == [
    ('species', 'query', False),
]
# The success response, and what the framework itself may answer.
assert sorted(listing['responses']) == ['200', '400', '406', '422']
assert sorted(schema['paths']['/api/pets/']['post']['responses']) == [
    '201',
    '400',
    '406',
    '415',
    '422',
]
assert sorted(schema['components']['schemas']) == ['ErrorDetail', 'ErrorModel', 'Pet', 'PetIn']
# In requests a field with a default is optional; in responses, always present.
assert schema['components']['schemas']['PetIn']['required'] == ['name']
