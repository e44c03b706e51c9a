"""Switching backends: clients of the project cannot tell msgspec from pydantic.

``NEWSROOM_SERIALIZER`` chooses the backend and, with it, which models each
app imports; the controllers are the same code. These tests run the project
under each backend and compare what a client sees: for every request of
:data:`tests.switching_probe.CASES` (each endpoint, valid and invalid), the
status, the content type, the ``loc`` and ``type`` of every error detail and
the body of each success; and the OpenAPI documents, schema by schema.

How: each backend runs in a subprocess of its own (``python -m
tests.switching_probe``), started with ``NEWSROOM_SERIALIZER`` set and a
SQLite file of its own (whatever database the other tests use: it is the
backends that are compared), which records its answers and its document as
JSON; the tests compare the two recordings. A Django process holds one settings
module, and the project binds its backend once, as a deployment does: each
app imports its models when it is loaded, and each controller is compiled
for the backend in the settings when its class is created. Running both
backends in this process would mean loading every app twice under other
module names, or writing the controllers as factories of a backend, neither
of which the project needs. Two plain processes run exactly the code that is
deployed, one environment variable apart. The two probes run side by side,
in a second or two.

Both backends must give each request the answer in the table. A few
requests are answered differently by the libraries themselves (how query
text becomes a number or a boolean, one error or all of them, a repeated
JSON key); the table holds each backend's answer to those, and says why.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.switching_probe import CASES, Case

PROJECT = Path(__file__).resolve().parent.parent
BACKENDS = ('msgspec', 'pydantic')
PROBE_TIMEOUT = 120


@pytest.fixture(scope='module')
def recorded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """What the probe recorded under each backend, both run at once."""
    started = {}
    for backend in BACKENDS:
        workdir = tmp_path_factory.mktemp(backend)
        env = {
            **os.environ,
            'DJANGO_SETTINGS_MODULE': 'newsroom.settings',
            'NEWSROOM_SERIALIZER': backend,
            'DATABASE_URL': f'sqlite:///{workdir / "db.sqlite3"}',
        }
        with (workdir / 'out.json').open('wb') as out, (workdir / 'err.txt').open('wb') as err:
            process = subprocess.Popen(
                [sys.executable, '-m', 'tests.switching_probe'],
                cwd=PROJECT,
                env=env,
                stdout=out,
                stderr=err,
            )
        started[backend] = (process, workdir)
    recordings = {}
    try:
        for backend, (process, workdir) in started.items():
            process.wait(timeout=PROBE_TIMEOUT)
            errors = (workdir / 'err.txt').read_text()
            assert process.returncode == 0, f'the {backend} probe failed:\n{errors}'
            recordings[backend] = json.loads((workdir / 'out.json').read_bytes())
    finally:
        for process, _ in started.values():
            if process.poll() is None:
                process.kill()
                process.wait()
    return recordings


def test_each_probe_ran_its_backend(recorded):
    assert recorded['msgspec']['backend'] == {'serializer': 'msgspec', 'models': 'msgspec'}
    assert recorded['pydantic']['backend'] == {
        'serializer': 'newsroom.serializers.StrictPydanticSerializer',
        'models': 'pydantic',
    }


def test_the_cases_have_distinct_ids():
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


def test_the_cases_cover_every_operation(recorded):
    paths = recorded['msgspec']['openapi']['paths']
    templates = {re.sub(r'\{\w+\}', '[^/]+', path): path for path in paths}
    covered = {
        (case.method.lower(), template)
        for case in CASES
        for pattern, template in templates.items()
        if re.fullmatch(pattern, case.path.partition('?')[0])
    }

    assert covered >= {(method, path) for path, item in paths.items() for method in item}


def answer_of(record: dict[str, Any]) -> tuple[int, tuple[str, ...]]:
    return record['status'], tuple(record['errors'])


@pytest.mark.parametrize('case', CASES, ids=[case.id for case in CASES])
def test_each_backend_answers_as_the_table_says(recorded, case: Case):
    msgspec = recorded['msgspec']['answers'][case.id]
    pydantic = recorded['pydantic']['answers'][case.id]

    assert answer_of(msgspec) == case.answers['msgspec']
    assert answer_of(pydantic) == case.answers['pydantic']
    if case.same:  # then the whole answer is the same: content type and body too
        assert msgspec == pydantic


def test_some_requests_are_answered_differently_only_where_the_table_says(recorded):
    differ = {
        case.id
        for case in CASES
        if recorded['msgspec']['answers'][case.id] != recorded['pydantic']['answers'][case.id]
    }
    assert differ == {case.id for case in CASES if not case.same}


# --- the OpenAPI documents

WORDING = frozenset(
    {
        'title',
        'description',
        'default',
        'examples',
        'example',
        '$comment',
        'readOnly',
        'writeOnly',
        'deprecated',
    }
)
"""What a schema may word differently without changing what it accepts."""

REF_PREFIX = '#/components/schemas/'


def shape(schema: Any, definitions: dict[str, Any], ignored: frozenset[str], seen=()) -> Any:
    """``schema`` reduced to what it accepts: ``$ref`` resolved, ``ignored`` keys dropped.

    The members of ``anyOf`` (or ``oneOf``), ``required`` and ``enum`` are
    sorted, and an ``enum`` needs no ``type`` beside it.
    """
    if isinstance(schema, list):
        return [shape(item, definitions, ignored, seen) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if '$ref' in schema:
        name = schema['$ref'].removeprefix(REF_PREFIX)
        if name in seen:
            return {'recursive': name}
        return shape(definitions[name], definitions, ignored, (*seen, name))
    result = {}
    for key, value in schema.items():
        if key in ignored or (key == 'required' and not value):
            continue
        if key == 'properties':
            result[key] = {
                name: shape(item, definitions, ignored, seen) for name, item in value.items()
            }
        elif key in {'anyOf', 'oneOf'}:
            members = shape(value, definitions, ignored, seen)
            result['anyOf'] = sorted(members, key=lambda item: json.dumps(item, sort_keys=True))
        elif key in {'required', 'enum'}:
            result[key] = sorted(value, key=repr)
        else:
            result[key] = shape(value, definitions, ignored, seen)
    if 'enum' in result:
        result.pop('type', None)
    return result


def normalised(document: dict[str, Any], ignored: frozenset[str] = WORDING) -> dict[str, Any]:
    """The document with each schema, and each component schema, reduced to its shape."""
    definitions = document['components']['schemas']

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        return {
            key: shape(value, definitions, ignored) if key == 'schema' else walk(value)
            for key, value in node.items()
        }

    others = {key: value for key, value in document.items() if key != 'components'}
    return walk(others) | {
        'components': {
            name: shape(schema, definitions, ignored) for name, schema in definitions.items()
        },
    }


@pytest.fixture(scope='module')
def documents(recorded):
    return {backend: recorded[backend]['openapi'] for backend in BACKENDS}


def test_the_documents_list_the_same_operations_parameters_and_statuses(documents):
    def outline(document):
        return {
            (path, method): (
                [
                    (parameter['in'], parameter['name'])
                    for parameter in operation.get('parameters', [])
                ],
                sorted(operation['responses']),
                'requestBody' in operation,
            )
            for path, item in document['paths'].items()
            for method, operation in item.items()
        }

    assert outline(documents['msgspec']) == outline(documents['pydantic'])
    assert sorted(documents['msgspec']['components']['schemas']) == sorted(
        documents['pydantic']['components']['schemas']
    )


def test_the_documents_have_equivalent_schemas(documents):
    """Every parameter, body, response and component schema has the same shape."""
    assert normalised(documents['msgspec']) == normalised(documents['pydantic'])


def test_the_documents_read_the_same_too(documents):
    """Titles, descriptions, defaults and examples match: the docs UIs show the same text.

    Only the wording of the enum differs: pydantic writes ``"type": "string"``
    beside its ``enum``, msgspec does not.
    """
    assert normalised(documents['msgspec'], frozenset()) == normalised(
        documents['pydantic'], frozenset()
    )


def test_the_shape_of_a_schema():
    definitions = {
        'Node': {
            'title': 'Node',
            'type': 'object',
            'properties': {
                'title': {'type': 'string', 'description': 'A property named like a keyword'},
                'children': {'type': 'array', 'items': {'$ref': '#/components/schemas/Node'}},
                'colour': {'type': 'string', 'enum': ['red', 'green']},
                'value': {'anyOf': [{'type': 'string'}, {'type': 'integer'}]},
            },
            'required': ['title', 'children'],
        },
    }

    assert shape({'$ref': '#/components/schemas/Node'}, definitions, WORDING) == {
        'type': 'object',
        'properties': {
            'title': {'type': 'string'},
            'children': {'type': 'array', 'items': {'recursive': 'Node'}},
            'colour': {'enum': ['green', 'red']},
            'value': {'anyOf': [{'type': 'integer'}, {'type': 'string'}]},
        },
        'required': ['children', 'title'],
    }


def test_an_unknown_backend_is_a_configuration_error():
    result = subprocess.run(
        [sys.executable, 'manage.py', 'check'],
        cwd=PROJECT,
        env={**os.environ, 'NEWSROOM_SERIALIZER': 'marshmallow'},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode != 0
    assert "NEWSROOM_SERIALIZER is 'marshmallow'; use msgspec or pydantic" in result.stderr
