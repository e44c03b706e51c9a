"""Switching backends: clients of the project cannot tell msgspec, pydantic and attrs apart.

``NEWSROOM_SERIALIZER`` chooses the backend and, with it, which models each
app imports; the controllers are the same code. These tests run the project
under each backend and compare what a client sees with what it sees under
msgspec, the default: for every request of
:data:`tests.switching_probe.CASES` (each endpoint, valid and invalid), the
status, the content type, the ``loc`` and ``type`` of every error detail and
the body of each success; and the OpenAPI documents, schema by schema.

How: each backend runs in a subprocess of its own (``python -m
tests.switching_probe``), started with ``NEWSROOM_SERIALIZER`` set and a
SQLite file of its own (whatever database the other tests use: it is the
backends that are compared), which records its answers and its document as
JSON; the tests compare the recordings. A Django process holds one settings
module, and the project binds its backend once, as a deployment does: each
app imports its models when it is loaded, and each controller is compiled
for the backend in the settings when its class is created. Running several
backends in this process would mean loading every app again under other
module names, or writing the controllers as factories of a backend, neither
of which the project needs. Plain processes run exactly the code that is
deployed, one environment variable apart. The three probes run side by side,
in a second or two.

Every backend must give each request the answer in the table. A few
requests are answered differently by the libraries themselves (one error or
all of them, a repeated JSON key); the table holds each backend's answer to those, and says why.
The attrs document names the two page schemas otherwise and words a few
things otherwise: :data:`COMPONENT_NAMES` and :data:`REWORDED` list them.
"""

import copy
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.switching_probe import BACKENDS, CASES, Case

pytestmark = pytest.mark.without_test_client  # it starts servers of its own

PROJECT = Path(__file__).resolve().parent.parent
OTHERS = BACKENDS[1:]
"""The backends compared with msgspec."""
PROBE_TIMEOUT = 120


@pytest.fixture(scope='module')
def recorded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """What the probe recorded under each backend, all run at once."""
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
        'serializer': 'newsroom.serializers.pydantic.StrictPydanticSerializer',
        'models': 'pydantic',
    }
    assert recorded['attrs']['backend'] == {
        'serializer': 'newsroom.serializers.attrs.NewsroomAttrsSerializer',
        'models': 'attrs',
    }


def test_the_cases_have_distinct_ids():
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


def test_a_case_says_why_exactly_when_some_backend_answers_it_differently():
    for case in CASES:
        assert bool(case.why) == (not all(case.same(backend) for backend in OTHERS)), case.id


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
    answers = {backend: recorded[backend]['answers'][case.id] for backend in BACKENDS}

    assert {backend: answer_of(answers[backend]) for backend in BACKENDS} == case.answers
    for backend in OTHERS:
        if case.same(backend):  # then the whole answer is the same: content type and body too
            assert answers[backend] == answers['msgspec'], backend


@pytest.mark.parametrize('backend', OTHERS)
def test_some_requests_are_answered_differently_only_where_the_table_says(recorded, backend):
    differ = {
        case.id
        for case in CASES
        if recorded['msgspec']['answers'][case.id] != recorded[backend]['answers'][case.id]
    }
    assert differ == {case.id for case in CASES if not case.same(backend)}


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


COMPONENT_NAMES: dict[str, dict[str, str]] = {
    'pydantic': {},
    'attrs': {},
}
"""Components a backend names otherwise than msgspec: its name, and msgspec's.

None today: the pages are dmr.pagination's, one concrete class per item
type under every backend (``UserOutPage``, ``ArticleOutCursorPage``). Were
a name to differ, the tests would check that the listed ones are the only
names that differ, then rename them (and the references to them) to
msgspec's names and compare the documents as they are otherwise.
"""

SLUG_DESCRIPTION = 'Lowercase letters and digits, words joined by hyphens'

REWORDED: dict[str, dict[tuple[str, ...], tuple[Any, Any]]] = {
    'pydantic': {},
    'attrs': {
        ('ArticleIn', 'properties', 'tags', 'items', 'description'): (SLUG_DESCRIPTION, None),
        ('ArticleIn', 'properties', 'tags', 'items', 'examples'): (['django'], None),
    },
}
"""Words of a component that a backend writes otherwise: msgspec's, and the backend's.

A component and the path of a keyword inside it; ``None`` is no keyword at all.

- The items of ``ArticleIn.tags`` are tag slugs. Under msgspec (and
  pydantic) they are of the annotated ``Slug`` type, which carries its
  constraints, a description and an example. An attrs field gives the items
  the same constraints (``deep_iterable`` with the slug's validators), but
  its ``metadata`` describes the field, and dmr-attrs reads no description
  or example for the items of a list.
"""


def renamed(document: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """``document`` with the components in ``names`` renamed, and the references to them."""

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        result = {key: walk(value) for key, value in node.items()}
        ref = result.get('$ref')
        if isinstance(ref, str) and ref.startswith(REF_PREFIX):
            name = ref.removeprefix(REF_PREFIX)
            result['$ref'] = REF_PREFIX + names.get(name, name)
        return result

    result = walk(document)
    schemas = result['components']['schemas']
    result['components']['schemas'] = {
        names.get(name, name): schema for name, schema in schemas.items()
    }
    return result


@pytest.fixture(scope='module')
def documents(recorded):
    """Each backend's document, its components under msgspec's names."""
    return {
        backend: renamed(recorded[backend]['openapi'], COMPONENT_NAMES.get(backend, {}))
        for backend in BACKENDS
    }


@pytest.mark.parametrize('backend', OTHERS)
def test_the_documents_name_the_same_components(recorded, backend):
    """The same names, but those :data:`COMPONENT_NAMES` lists."""
    names = set(recorded[backend]['openapi']['components']['schemas'])
    msgspec = set(recorded['msgspec']['openapi']['components']['schemas'])

    assert names - msgspec == set(COMPONENT_NAMES[backend])
    assert msgspec - names == set(COMPONENT_NAMES[backend].values())


@pytest.mark.parametrize('backend', OTHERS)
def test_the_documents_list_the_same_operations_parameters_and_statuses(documents, backend):
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

    assert outline(documents['msgspec']) == outline(documents[backend])
    assert sorted(documents['msgspec']['components']['schemas']) == sorted(
        documents[backend]['components']['schemas']
    )


@pytest.mark.parametrize('backend', OTHERS)
def test_the_documents_have_equivalent_schemas(documents, backend):
    """Every parameter, body, response and component schema has the same shape."""
    assert normalised(documents['msgspec']) == normalised(documents[backend])


def pop_keyword(schema: dict[str, Any], path: tuple[str, ...]) -> Any:
    """Remove the keyword at ``path`` inside ``schema``; its value, or ``None``."""
    *parents, keyword = path
    for key in parents:
        schema = schema[key]
    return schema.pop(keyword, None)


@pytest.mark.parametrize('backend', OTHERS)
def test_the_documents_read_the_same_too(documents, backend):
    """Titles, descriptions, defaults and examples match: the docs UIs show the same text.

    But for the words :data:`REWORDED` lists, each checked here. The enums
    are worded differently too, which :func:`shape` ignores: pydantic and
    attrs write ``"type": "string"`` beside an ``enum``, msgspec does not.
    """
    msgspec, other = copy.deepcopy(documents['msgspec']), copy.deepcopy(documents[backend])
    for (component, *path), words in REWORDED[backend].items():
        found = tuple(
            pop_keyword(document['components']['schemas'][component], tuple(path))
            for document in (msgspec, other)
        )
        assert found == words, (component, path)

    assert normalised(msgspec, frozenset()) == normalised(other, frozenset())


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
    assert "NEWSROOM_SERIALIZER is 'marshmallow'; use msgspec, pydantic or attrs" in result.stderr
