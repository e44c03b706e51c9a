"""``OpenAPIConfig``: the document-wide fields, and where the config comes from."""

import pytest
from django.test import override_settings

from dmr import Body, Controller
from dmr.openapi import OpenAPIConfig, build_schema
from dmr.routing import Router
from tests.models import User, UserCreate
from tests.openapi_support import VERSIONS, document, served, validated

STUB = 'tests.stub_backend.StubSerializer'


class Users(Controller):
    def post(self, user: Body[UserCreate]) -> User:
        raise NotImplementedError


ROUTER = Router('api/', served(Users))


def test_defaults():
    """Without configuration: OpenAPI 3.1.0, title ``API``, version ``0.1.0``."""
    schema = validated(build_schema(ROUTER))
    assert (schema['openapi'], schema['info']) == ('3.1.0', {'title': 'API', 'version': '0.1.0'})


def test_title_version_and_description_go_to_info():
    """``title``, ``version`` and ``description`` are the Info Object's."""
    schema = document(served(Users), title='Shop', version='2.1.0', description='Buy things.')
    assert schema['info'] == {'title': 'Shop', 'version': '2.1.0', 'description': 'Buy things.'}


def test_info_adds_other_info_fields():
    """``info`` adds fields such as ``contact`` and ``license`` to the Info Object."""
    schema = document(
        served(Users),
        info={'contact': {'name': 'Team'}, 'license': {'name': 'MIT'}},
    )
    assert schema['info'] == {
        'title': 'API',
        'version': '0.1.0',
        'contact': {'name': 'Team'},
        'license': {'name': 'MIT'},
    }


def test_servers_are_listed():
    """``servers`` becomes the document's Server Objects."""
    schema = document(served(Users), servers=[{'url': 'https://api.example.com'}])
    assert schema['servers'] == [{'url': 'https://api.example.com'}]


def test_no_servers_field_without_servers():
    """Without servers, the document has no ``servers`` field."""
    assert 'servers' not in document(served(Users))


@pytest.mark.parametrize('servers', [{'url': 'https://x'}, [{'description': 'no url'}], 'x'])
def test_malformed_servers_are_refused(servers: object):
    """Servers must be a list of objects with a ``url``."""
    with pytest.raises(ValueError, match='servers must be a list of Server Objects'):
        OpenAPIConfig(servers=servers)  # type: ignore[arg-type]


def test_security_schemes_are_present_and_empty():
    """``components/securitySchemes`` is present and empty until auth exists."""
    assert document(served(Users))['components']['securitySchemes'] == {}


@pytest.mark.parametrize('version', VERSIONS)
def test_openapi_version_is_written(version: str):
    """``openapi_version`` is the document's ``openapi`` field."""
    assert document(served(Users), openapi_version=version)['openapi'] == version


@pytest.mark.parametrize('version', ['3.0.0', '3.1.1', '3.2.1'])
def test_other_patch_versions_are_accepted(version: str):
    """Any patch release of 3.0, 3.1 and 3.2 is accepted and written as given."""
    assert document(served(Users), openapi_version=version)['openapi'] == version


@pytest.mark.parametrize('version', ['2.0', '3.3.0', '3.1', '4.0.0', 'latest', ' 3.1.0'])
def test_unsupported_openapi_version_is_refused(version: str):
    """An OpenAPI version the generator does not write is refused, naming it."""
    with pytest.raises(ValueError, match=f'openapi_version {version!r} is not supported'):
        OpenAPIConfig(openapi_version=version)


@pytest.mark.parametrize(('version', 'dialect'), [('3.0.3', '3.0'), ('3.1.0', '3.1')])
def test_dialect_is_major_and_minor(version: str, dialect: str):
    """``dialect`` is the version without its patch number."""
    assert OpenAPIConfig(openapi_version=version).dialect == dialect


def test_config_defaults_to_settings():
    """Without ``config``, ``DMR_SETTINGS['openapi']`` is used."""
    config = OpenAPIConfig(title='From settings', openapi_version='3.0.3')
    with override_settings(DMR_SETTINGS={'serializer': STUB, 'openapi': config}):
        schema = validated(build_schema(ROUTER))
    assert (schema['openapi'], schema['info']['title']) == ('3.0.3', 'From settings')


def test_explicit_config_wins_over_settings():
    """A ``config`` argument wins over ``DMR_SETTINGS['openapi']``."""
    configured = OpenAPIConfig(title='From settings')
    with override_settings(DMR_SETTINGS={'serializer': STUB, 'openapi': configured}):
        schema = validated(build_schema(ROUTER, OpenAPIConfig(title='Explicit')))
    assert schema['info']['title'] == 'Explicit'


def test_setting_without_openapi_uses_defaults():
    """``DMR_SETTINGS`` without ``openapi`` gives the default config."""
    with override_settings(DMR_SETTINGS={'serializer': STUB}):
        schema = validated(build_schema(ROUTER))
    assert schema['info'] == {'title': 'API', 'version': '0.1.0'}
