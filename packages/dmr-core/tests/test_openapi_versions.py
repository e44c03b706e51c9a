"""One controller using every feature, documented in OpenAPI 3.0.3, 3.1.0 and 3.2.0."""

import dataclasses
import uuid
from typing import Any

import pytest

from dmr import Body, Controller, Cookies, Headers, Path, Query, ResponseSpec, modify
from dmr.openapi import OpenAPIConfig, OperationInfo, build_schema
from dmr.parsers import JsonParser
from dmr.renderers import JsonRenderer
from dmr.routing import Router, path
from tests.models import Conflict, PathArgs, Session
from tests.openapi_support import VERSIONS, validated
from tests.renderers import TextJsonParser, TextRenderer


@dataclasses.dataclass
class Address:
    city: str
    zip_code: str | None = None


@dataclasses.dataclass
class Preferences:
    theme: str = 'light'
    newsletter: bool = False


@dataclasses.dataclass
class Profile:
    name: str
    address: Address | None
    nicknames: list[str]
    scores: dict[str, float]
    preferences: Preferences = dataclasses.field(default_factory=Preferences)
    uid: uuid.UUID = dataclasses.field(
        default_factory=uuid.uuid4,
        metadata={'schema': {'description': 'Assigned by the server'}},
    )


@dataclasses.dataclass
class Listing:
    page: int
    size: int = 10
    order: str | None = dataclasses.field(
        default=None,
        metadata={'schema': {'deprecated': True, 'examples': ['name']}},
    )


@dataclasses.dataclass
class Auth:
    x_api_token: str


class Profiles(Controller):
    """Every component, two parsers, two renderers, declared and semantic responses."""

    parsers = (JsonParser(), TextJsonParser())
    renderers = (JsonRenderer(), TextRenderer())
    operation = OperationInfo(tags=['profiles'])

    @modify(
        headers={'Location': '/profiles/1/'},
        extra_responses=[
            ResponseSpec(Conflict, status_code=409, description='Name taken'),
            ResponseSpec(None, status_code=429, headers={'Retry-After': 'Seconds'}),
        ],
    )
    def put(
        self,
        args: Path[PathArgs],
        listing: Query[Listing],
        auth: Headers[Auth],
        cookies: Cookies[Session],
        profile: Body[Profile],
    ) -> Profile:
        """Replace a profile.

        Everything a request can carry.
        """
        raise NotImplementedError

    @modify(operation=OperationInfo(deprecated=True, summary='Read one'))
    def get(self, args: Path[PathArgs], listing: Query[Listing]) -> list[Profile]:
        raise NotImplementedError

    def delete(self, args: Path[PathArgs]) -> None:
        raise NotImplementedError


ROUTER = Router('api/', [path('profiles/<int:user_id>/', Profiles.as_view())])


def build(version: str) -> dict[str, Any]:
    config = OpenAPIConfig(
        title='Profiles',
        version='1.0.0',
        openapi_version=version,
        description='All of it.',
        servers=[{'url': 'https://api.example.com'}],
    )
    return build_schema(ROUTER, config)


def nested(value: Any, key: str) -> list[Any]:
    """Every value of ``key`` anywhere in ``value``."""
    if isinstance(value, dict):
        found = [value[key]] if key in value else []
        return found + [item for child in value.values() for item in nested(child, key)]
    if isinstance(value, list):
        return [item for child in value for item in nested(child, key)]
    return []


@pytest.mark.parametrize('version', VERSIONS)
def test_full_document_is_valid(version: str):
    """The document of a controller using every component validates in each version."""
    assert validated(build(version))['openapi'] == version


@pytest.mark.parametrize('version', VERSIONS)
def test_full_document_has_every_operation(version: str):
    """Each endpoint is one operation, in every version."""
    assert sorted(build(version)['paths']['/api/profiles/{user_id}/']) == ['delete', 'get', 'put']


@pytest.mark.parametrize('version', VERSIONS)
def test_full_document_splits_the_profile(version: str):
    """``Profile`` and ``Address`` have defaults: their request and response halves differ."""
    schemas = build(version)['components']['schemas']
    assert sorted(schemas) == [
        'AddressInput',
        'AddressOutput',
        'Conflict',
        'ErrorDetail',
        'ErrorModel',
        'PreferencesInput',
        'PreferencesOutput',
        'ProfileInput',
        'ProfileOutput',
    ]


def test_30_document_uses_nullable():
    """In 3.0.3 a nullable field is ``nullable``, and no ``null`` type remains."""
    schema = build('3.0.3')
    assert 'null' not in nested(schema, 'type')
    address = schema['components']['schemas']['ProfileInput']['properties']['address']
    assert address == {'allOf': [{'$ref': '#/components/schemas/AddressInput'}], 'nullable': True}


@pytest.mark.parametrize('version', ['3.1.0', '3.2.0'])
def test_31_and_32_documents_keep_null_types(version: str):
    """From 3.1 on, schemas are JSON Schema 2020-12: ``null`` is a type."""
    schema = build(version)
    address = schema['components']['schemas']['ProfileInput']['properties']['address']
    assert address == {'anyOf': [{'$ref': '#/components/schemas/AddressInput'}, {'type': 'null'}]}


def test_30_parameters_are_converted():
    """Parameter schemas are converted to the 3.0 dialect too (``examples`` to ``example``)."""
    put = build('3.0.3')['paths']['/api/profiles/{user_id}/']['put']
    order = next(p for p in put['parameters'] if p['name'] == 'order')
    assert order == {
        'name': 'order',
        'in': 'query',
        'required': False,
        'deprecated': True,
        'schema': {'type': 'string', 'example': 'name'},
    }


def test_30_drops_empty_required_lists():
    """A schema with no required field has no ``required`` in 3.0 (it needs one name)."""
    schema = build('3.0.3')
    assert 'required' not in schema['components']['schemas']['PreferencesInput']


@pytest.mark.parametrize('version', VERSIONS)
def test_versions_differ_only_in_schemas(version: str):
    """Operations, parameters and responses are the same in every version, schemas aside."""

    def skeleton(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                key: skeleton(item)
                for key, item in value.items()
                if key not in {'schema', 'schemas', 'openapi'}
            }
        if isinstance(value, list):
            return [skeleton(item) for item in value]
        return value

    assert skeleton(build(version)) == skeleton(build('3.1.0'))
