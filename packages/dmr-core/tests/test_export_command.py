"""``manage.py dmr_export_schema`` writes the OpenAPI document."""

import io
import json
import pathlib
import re

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import re_path

from dmr import Body, Controller
from dmr.openapi import OpenAPIConfig, build_schema
from dmr.routing import Router, path
from tests.models import User, UserCreate
from tests.openapi_support import validated


class Users(Controller):
    def post(self, body: Body[UserCreate]) -> User:
        """Create a user «ünïcödé»."""
        raise NotImplementedError


router = Router('api/', [path('users/', Users.as_view())])
built = build_schema(router, OpenAPIConfig(title='Built', openapi_version='3.2.0'))
built_30 = build_schema(router, OpenAPIConfig(title='Built', openapi_version='3.0.3'))
regex_router = Router('api/', [re_path(r'^users/[0-9]+/$', Users.as_view())])
not_a_router = ['api/']
not_a_document = {'info': {'title': 'no openapi key'}}

HERE = __name__


def export(*args: str) -> str:
    stdout = io.StringIO()
    call_command('dmr_export_schema', *args, stdout=stdout)
    return stdout.getvalue()


def test_writes_json_to_stdout_by_default():
    """With only a router, the document goes to stdout as indented JSON."""
    written = export(f'{HERE}.router')
    assert json.loads(written) == build_schema(router)
    assert written.startswith('{\n  "openapi"')
    assert written.endswith('}\n')


def test_json_keeps_unicode():
    """Non-ASCII text is written as itself, not as escapes."""
    assert '«ünïcödé»' in export(f'{HERE}.router')


def test_writes_yaml_with_format_yaml():
    """``--format yaml`` writes YAML that reads back as the document."""
    assert yaml.safe_load(export(f'{HERE}.router', '--format', 'yaml')) == build_schema(router)


def test_writes_to_the_output_file(tmp_path: pathlib.Path):
    """``--output FILE`` writes the file and says so on stdout."""
    target = tmp_path / 'openapi.json'
    message = export(f'{HERE}.router', '--output', str(target))
    assert json.loads(target.read_text(encoding='utf-8')) == build_schema(router)
    assert message == f'Wrote the OpenAPI document to {target}\n'


@pytest.mark.parametrize('suffix', ['.yaml', '.yml'])
def test_yaml_file_suffix_picks_yaml(tmp_path: pathlib.Path, suffix: str):
    """An output ending in ``.yaml`` or ``.yml`` is YAML unless told otherwise."""
    target = tmp_path / f'openapi{suffix}'
    export(f'{HERE}.router', '-o', str(target))
    assert target.read_text().startswith('openapi: ')


def test_format_overrides_the_file_suffix(tmp_path: pathlib.Path):
    """``--format json`` wins over a ``.yaml`` suffix."""
    target = tmp_path / 'openapi.yaml'
    export(f'{HERE}.router', '-o', str(target), '--format', 'json')
    assert json.loads(target.read_text()) == build_schema(router)


def test_dash_output_is_stdout():
    """``--output -`` writes to stdout."""
    assert json.loads(export(f'{HERE}.router', '-o', '-')) == build_schema(router)


@pytest.mark.parametrize('version', ['3.0.3', '3.1.0', '3.2.0'])
def test_openapi_version_is_chosen(version: str):
    """``--openapi-version`` picks the OpenAPI version of the document."""
    document = json.loads(export(f'{HERE}.router', '--openapi-version', version))
    assert document == build_schema(router, OpenAPIConfig(openapi_version=version))


def test_settings_config_is_used():
    """The document is built with ``DMR_SETTINGS['openapi']``."""
    config = OpenAPIConfig(title='From settings', version='9.9.9', openapi_version='3.0.3')
    with override_settings(
        DMR_SETTINGS={'serializer': 'tests.stub_backend.StubSerializer', 'openapi': config},
    ):
        document = json.loads(export(f'{HERE}.router'))
    assert document['info'] == {'title': 'From settings', 'version': '9.9.9'}
    assert document['openapi'] == '3.0.3'


def test_openapi_version_overrides_only_the_version_of_settings():
    """``--openapi-version`` keeps the rest of the configured settings."""
    config = OpenAPIConfig(title='From settings', openapi_version='3.0.3')
    with override_settings(
        DMR_SETTINGS={'serializer': 'tests.stub_backend.StubSerializer', 'openapi': config},
    ):
        document = json.loads(export(f'{HERE}.router', '--openapi-version', '3.2.0'))
    assert (document['openapi'], document['info']['title']) == ('3.2.0', 'From settings')


def test_built_document_is_written_as_is():
    """A dotted path to a built document exports that document."""
    assert json.loads(export(f'{HERE}.built')) == built


def test_built_document_in_its_own_version():
    """Asking for a built document's own version is fine."""
    assert json.loads(export(f'{HERE}.built', '--openapi-version', '3.2.0')) == built


@pytest.mark.parametrize('version', ['3.0.3', '3.1.0'])
def test_built_document_is_written_in_another_version(version: str):
    """A built 3.2 document exports in 3.0 or 3.1 as ``build_schema`` would have built it."""
    exported = json.loads(export(f'{HERE}.built', '--openapi-version', version))
    assert exported == validated(
        build_schema(router, OpenAPIConfig(title='Built', openapi_version=version)),
    )


def test_built_document_is_left_unchanged_by_a_conversion():
    """Exporting another version does not rewrite the built document in place."""
    export(f'{HERE}.built', '--openapi-version', '3.0.3')
    assert built['openapi'] == '3.2.0'
    assert built == build_schema(router, OpenAPIConfig(title='Built', openapi_version='3.2.0'))


def test_built_30_document_cannot_go_up():
    """A 3.0 document lost what 2020-12 says: another version needs its router."""
    with pytest.raises(CommandError, match=r'already built for OpenAPI 3\.0\.3.*pass the Router'):
        export(f'{HERE}.built_30', '--openapi-version', '3.1.0')


def test_built_document_to_an_unsupported_version_is_an_error():
    """An unsupported version for a built document is a ``CommandError``."""
    with pytest.raises(CommandError, match='is not supported'):
        export(f'{HERE}.built', '--openapi-version', '4.0.0')


@pytest.mark.parametrize('target', [f'{HERE}.missing', 'no_such_module.router', 'router'])
def test_unimportable_target_is_an_error(target: str):
    """A target that cannot be imported is a ``CommandError`` naming it."""
    with pytest.raises(CommandError, match=f'cannot import {target!r}'):
        export(target)


@pytest.mark.parametrize(
    ('target', 'kind'),
    [(f'{HERE}.not_a_router', 'list'), (f'{HERE}.Users', 'type')],
)
def test_target_of_another_kind_is_an_error(target: str, kind: str):
    """Anything but a Router or a document is a ``CommandError`` naming its type."""
    with pytest.raises(CommandError, match=f'is a {kind}; expected a dmr Router'):
        export(target)


def test_dict_without_openapi_is_not_a_document():
    """A dict with no ``openapi`` version is not taken for a document."""
    with pytest.raises(CommandError, match='is a dict; expected'):
        export(f'{HERE}.not_a_document')


def test_invalid_openapi_version_is_an_error():
    """An unsupported ``--openapi-version`` is a ``CommandError``."""
    with pytest.raises(CommandError, match=r"openapi_version '4\.0\.0' is not supported"):
        export(f'{HERE}.router', '--openapi-version', '4.0.0')


def test_undocumentable_router_is_an_error():
    """A router the generator cannot document is a ``CommandError`` with the reason."""
    with pytest.raises(CommandError, match='outside a named group'):
        export(f'{HERE}.regex_router')


def test_unknown_format_is_an_error():
    """Only ``json`` and ``yaml`` are formats."""
    with pytest.raises(CommandError, match='invalid choice'):
        export(f'{HERE}.router', '--format', 'xml')


def test_unwritable_output_is_an_error(tmp_path: pathlib.Path):
    """An output that cannot be written is a ``CommandError`` naming it."""
    target = tmp_path / 'missing' / 'openapi.json'
    with pytest.raises(CommandError, match=re.escape(f'cannot write {target}')):
        export(f'{HERE}.router', '--output', str(target))
