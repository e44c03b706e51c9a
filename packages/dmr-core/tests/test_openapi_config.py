"""``OpenAPIConfig``: the document-wide fields, and where the config comes from."""

import pytest
from django.test import override_settings

from dmr import Body, Controller
from dmr.openapi import OpenAPIConfig, OperationInfo, build_schema
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


def test_no_security_schemes_field_without_schemes():
    """Without ``security_schemes``, ``components`` has no empty ``securitySchemes``."""
    assert 'securitySchemes' not in document(served(Users))['components']


def test_empty_security_schemes_are_written_when_asked():
    """``security_schemes={}`` writes the empty mapping (the seed's document has one)."""
    assert document(served(Users), security_schemes={})['components']['securitySchemes'] == {}


def test_security_schemes_and_requirements_are_written():
    """``security_schemes`` and ``security`` are the document's, as given."""
    schemes = {'apiKey': {'type': 'apiKey', 'in': 'header', 'name': 'X-API-Key'}}
    schema = document(served(Users), security_schemes=schemes, security=[{'apiKey': []}])
    assert (schema['components']['securitySchemes'], schema['security']) == (
        schemes,
        [{'apiKey': []}],
    )


def test_security_naming_an_undefined_scheme_is_refused():
    """A requirement must name a scheme of ``security_schemes`` or of an auth."""
    with pytest.raises(ValueError, match=r"security names 'token', which neither"):
        build_schema(ROUTER, OpenAPIConfig(security=[{'token': []}]))


@pytest.mark.parametrize('security', [{'apiKey': []}, ['apiKey']])
def test_malformed_security_is_refused(security: object):
    """``security`` is a list of mappings."""
    with pytest.raises(ValueError, match='security must be a list'):
        OpenAPIConfig(security=security)  # type: ignore[arg-type]


def test_tags_are_listed_with_their_descriptions():
    """``tags`` are the document's Tag Objects, in the given order."""
    tags = [{'name': 'users', 'description': 'People.'}, {'name': 'admin'}]
    assert document(served(Users), tags=tags)['tags'] == tags


def test_tags_used_by_operations_are_added_by_name():
    """A tag an operation uses and ``tags`` lacks is added after the configured ones."""

    class Tagged(Controller):
        operation = OperationInfo(tags=('people', 'users'))

        def get(self) -> User:
            raise NotImplementedError

    tags = [{'name': 'users', 'description': 'People.'}]
    assert document(served(Tagged), tags=tags)['tags'] == [*tags, {'name': 'people'}]


def test_no_tags_field_without_tags():
    """Without tags anywhere, the document has no ``tags`` field."""
    assert 'tags' not in document(served(Users))


@pytest.mark.parametrize('tags', [{'name': 'x'}, [{'description': 'no name'}], 'x'])
def test_malformed_tags_are_refused(tags: object):
    """Tags must be a list of objects with a ``name``."""
    with pytest.raises(ValueError, match='tags must be a list of Tag Objects'):
        OpenAPIConfig(tags=tags)  # type: ignore[arg-type]


def test_duplicate_tags_are_refused():
    """A tag listed twice is an error naming it."""
    with pytest.raises(ValueError, match="tags lists 'a' more than once"):
        OpenAPIConfig(tags=[{'name': 'a'}, {'name': 'a', 'description': 'again'}])


def test_contact_licence_and_terms_go_to_info():
    """``contact``, ``license`` and ``terms_of_service`` are fields of the Info Object."""
    schema = document(
        served(Users),
        contact={'name': 'Team', 'email': 'team@example.com'},
        license={'name': 'MIT', 'url': 'https://opensource.org/licenses/MIT'},
        terms_of_service='https://example.com/terms',
    )
    assert schema['info'] == {
        'title': 'API',
        'version': '0.1.0',
        'termsOfService': 'https://example.com/terms',
        'contact': {'name': 'Team', 'email': 'team@example.com'},
        'license': {'name': 'MIT', 'url': 'https://opensource.org/licenses/MIT'},
    }


def test_external_docs_are_the_documents():
    """``external_docs`` is the document's ``externalDocs``."""
    docs = {'url': 'https://example.com/guide', 'description': 'The guide'}
    assert document(served(Users), external_docs=docs)['externalDocs'] == docs


@pytest.mark.parametrize(
    ('field', 'value', 'message'),
    [
        ('license', {'url': 'https://x'}, "license must be a mapping with a 'name'"),
        ('external_docs', {'description': 'x'}, "external_docs must be a mapping with a 'url'"),
        ('contact', 'team', 'contact must be a mapping, got'),
    ],
)
def test_malformed_info_objects_are_refused(field: str, value: object, message: str):
    """Licence, external docs and contact are mappings with their required fields."""
    with pytest.raises(ValueError, match=message):
        OpenAPIConfig(**{field: value})


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
