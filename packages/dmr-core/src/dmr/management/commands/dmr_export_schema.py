"""``manage.py dmr_export_schema``: write the OpenAPI document to a file or stdout.

    python manage.py dmr_export_schema myproject.urls.router
    python manage.py dmr_export_schema myproject.urls.router -o openapi.yaml
    python manage.py dmr_export_schema myproject.urls.router --openapi-version 3.0.3

The target is the dotted path of a ``Router``, whose document is built with
``DMR_SETTINGS['openapi']`` (or the default ``OpenAPIConfig``), or of a
document already built with ``build_schema``: a 3.1 or 3.2 document can be
written in any version, a 3.0 one only as it is. To export exactly what a
project serves, keep its ``OpenAPIConfig`` in ``DMR_SETTINGS['openapi']``
and build the served document with ``build_schema(router)``.
"""

import copy
import dataclasses
import json
import pathlib
from collections.abc import Mapping
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import import_string

from dmr.openapi import OpenAPIConfig, build_schema
from dmr.openapi._dialects import document_to_30
from dmr.openapi._yaml import dump_yaml
from dmr.routing import Router
from dmr.settings import get_settings

_YAML_SUFFIXES = frozenset({'.yaml', '.yml'})


class Command(BaseCommand):
    """Export the OpenAPI document of a router."""

    help = (
        'Write the OpenAPI document of a dmr Router (or of a document built with '
        'build_schema) as JSON or YAML.'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """``TARGET``, ``--format``, ``--output`` and ``--openapi-version``."""
        parser.add_argument(
            'target',
            help='dotted path of a Router, or of a document built with build_schema, '
            'such as myproject.urls.router',
        )
        parser.add_argument(
            '--format',
            choices=['json', 'yaml'],
            help='output format; by default yaml for an --output ending in .yaml or .yml, '
            'else json',
        )
        parser.add_argument(
            '-o',
            '--output',
            help='file to write; by default (or with -) standard output',
        )
        parser.add_argument(
            '--openapi-version',
            help='OpenAPI version to write, such as 3.0.3, 3.1.0 or 3.2.0; by default the '
            "one of DMR_SETTINGS['openapi']",
        )

    def handle(self, *_args: Any, **options: Any) -> None:
        """Build, render and write the document."""
        document = _document(options['target'], options['openapi_version'])
        output = options['output']
        to_stdout = output in {None, '-'}
        fmt = options['format'] or (
            'yaml' if not to_stdout and pathlib.Path(output).suffix in _YAML_SUFFIXES else 'json'
        )
        text = (
            dump_yaml(document)
            if fmt == 'yaml'
            else json.dumps(document, indent=2, ensure_ascii=False) + '\n'
        )
        if to_stdout:
            self.stdout.write(text, ending='')
            return
        try:
            pathlib.Path(output).write_text(text, encoding='utf-8')
        except OSError as exc:
            raise CommandError(f'cannot write {output}: {exc}') from exc
        self.stdout.write(f'Wrote the OpenAPI document to {output}')


def _document(target: str, openapi_version: str | None) -> Mapping[str, Any]:
    try:
        found = import_string(target)
    except ImportError as exc:
        raise CommandError(f'cannot import {target!r}: {exc}') from exc
    if isinstance(found, Router):
        return _build(found, openapi_version)
    if isinstance(found, Mapping) and isinstance(found.get('openapi'), str):
        if openapi_version in {None, found['openapi']}:
            return found
        return _convert(target, found, openapi_version)
    raise CommandError(
        f'{target} is a {type(found).__name__}; expected a dmr Router or an OpenAPI '
        'document built with build_schema',
    )


def _convert(target: str, document: Mapping[str, Any], openapi_version: str) -> Mapping[str, Any]:
    """A built 3.1/3.2 ``document`` written in another version.

    3.1 and 3.2 share JSON Schema 2020-12, and 3.0 is reached by the same
    rewrite ``build_schema`` applies; a 3.0 document cannot go up, its
    schemas lost what 2020-12 says.
    """
    try:
        wanted = OpenAPIConfig(openapi_version=openapi_version).dialect
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    if document['openapi'].startswith('3.0.'):
        raise CommandError(
            f'{target} is a document already built for OpenAPI {document["openapi"]}; '
            f'to write {openapi_version}, pass the Router it was built from',
        )
    converted = copy.deepcopy(dict(document))
    converted['openapi'] = openapi_version
    if wanted == '3.0':
        document_to_30(converted)
    return converted


def _build(router: Router, openapi_version: str | None) -> Mapping[str, Any]:
    config = get_settings().openapi or OpenAPIConfig()
    try:
        if openapi_version is not None:
            config = dataclasses.replace(config, openapi_version=openapi_version)
        return build_schema(router, config)
    except (ValueError, TypeError) as exc:
        raise CommandError(str(exc)) from exc
