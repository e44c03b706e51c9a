"""The conformance tests, as a pytest class a backend's test module exposes."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from dmr.openapi import OpenAPIConfig, build_schema
from dmr.openapi._integers import INTEGER_COMMENT
from dmr.testing.conformance._aliased_files import aliased_upload_tests
from dmr.testing.conformance._app import conformance_api
from dmr.testing.conformance._cases import BODY_CASES, BodyCase
from dmr.testing.conformance._catalogue import BODY_MODELS, Catalogue
from dmr.testing.conformance._downloads import download_tests
from dmr.testing.conformance._forms import forms_tests
from dmr.testing.conformance._messages import message_tests
from dmr.testing.conformance._shapes import REFERENCE, shape
from dmr.testing.conformance._streams import stream_tests
from dmr.testing.conformance._wire import wire_tests

OPENAPI_VERSIONS = ('3.0.3', '3.1.0', '3.2.0')
_factory = RequestFactory()


def _errors(response: HttpResponse) -> list[tuple[tuple[Any, ...], str]]:
    return [
        (tuple(detail['loc']), detail['type']) for detail in json.loads(response.content)['detail']
    ]


def _post(view: Any, body: Any) -> HttpResponse:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return view(_factory.post('/', content, content_type='application/json'))  # type: ignore[no-any-return]


def _request_integers(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every integer schema the document's parameters and request bodies use."""
    definitions = document['components']['schemas']
    operations = [op for item in document['paths'].values() for op in item.values()]
    pending: list[Any] = [p['schema'] for op in operations for p in op.get('parameters', ())]
    for op in operations:
        pending.extend(m['schema'] for m in op.get('requestBody', {}).get('content', {}).values())
    followed: set[str] = set()
    while pending:
        schema = pending.pop()
        if isinstance(schema, list):
            pending.extend(schema)
        if not isinstance(schema, dict):
            continue
        ref = schema.get('$ref')
        if isinstance(ref, str) and ref not in followed:
            followed.add(ref)
            pending.append(definitions[ref.rpartition('/')[2]])
        kind = schema.get('type')
        if kind == 'integer' or (isinstance(kind, list) and 'integer' in kind):
            yield schema
        pending.extend(value for key, value in schema.items() if key not in _DATA_KEYWORDS)


# Keywords whose values are data, not schemas.
_DATA_KEYWORDS = frozenset({'enum', 'const', 'default', 'examples', 'example'})


def conformance_suite(catalogue: Catalogue) -> type:
    """A pytest test class that checks one backend against the catalogue.

    >>> TestConformance = conformance_suite(Catalogue(serializer=MySerializer, ...))
    """

    def view(name: str) -> Any:
        controllers, _ = conformance_api(catalogue)
        return controllers[name].as_view()

    def component_request(query: str = 'page=2&tags=a&tags=b', **headers: str) -> Any:
        request = _factory.get(f'/?{query}', headers={'X-Token': 't', **headers})
        request.COOKIES['session'] = 's'
        return request

    cases = (
        wire_tests(catalogue),
        download_tests(catalogue),
        message_tests(catalogue),
        stream_tests(catalogue),
        forms_tests(catalogue),
        aliased_upload_tests(catalogue),
    )

    class TestConformance(*cases):  # type: ignore[misc]  # classes built at run time
        """The conformance suite of dmr's serializer backends."""

        @pytest.mark.parametrize('case', BODY_CASES, ids=[case.id for case in BODY_CASES])
        def test_body(self, case: BodyCase) -> None:
            """Each body is answered with the status and errors every backend gives."""
            response = _post(view(case.model), case.body)
            assert response.status_code == case.status, response.content
            if case.status == 201:
                expected = case.body if case.echo is None else case.echo
                assert json.loads(response.content) == expected
            elif case.errors is not None:
                assert _errors(response) == list(case.errors)

        @pytest.mark.parametrize('model', BODY_MODELS)
        def test_invalid_response_is_422(self, model: str) -> None:
            """An endpoint returning data that breaks its model answers 422."""
            response = view(model)(_factory.put('/'))
            assert response.status_code == 422
            assert all(loc[0] == 'response' for loc, _ in _errors(response))

        def test_components_are_parsed(self) -> None:
            """Query (with a repeated key), headers, path and cookies reach the endpoint."""
            response = view('components')(component_request(), item_id='5')
            assert response.status_code == 200
            assert json.loads(response.content) == {'page': 2, 'tags': ['a', 'b']}

        @pytest.mark.parametrize(
            ('query', 'item_id', 'token', 'cookie', 'expected'),
            [
                ('page=x', '5', 't', 's', [(('query', 'page'), 'type_error')]),
                ('tags=a', '5', 't', 's', [(('query', 'page'), 'missing')]),
                (
                    'page=x&tags=a',
                    '5',
                    None,
                    's',
                    [(('query', 'page'), 'type_error'), (('headers', 'x_token'), 'missing')],
                ),
                ('page=1', 'five', 't', 's', [(('path', 'item_id'), 'type_error')]),
                ('page=1', '000007', 't', 's', [(('path', 'item_id'), 'type_error')]),
                ('page=1', '5', None, 's', [(('headers', 'x_token'), 'missing')]),
                ('page=1', '5', 't', None, [(('cookies', 'session'), 'missing')]),
                ('page=1&tags=a%00', '5', 't', 's', [(('query', 'tags', 0), 'value_error')]),
                ('page=1', '5\x00', 't', 's', [(('path', 'item_id'), 'value_error')]),
                ('page=1', '5', 't\x00', 's', [(('headers', 'x_token'), 'value_error')]),
                ('page=1', '5', 't', 's\x00', [(('cookies', 'session'), 'value_error')]),
            ],
            ids=[
                'query-type',
                'query-missing',
                'errors-of-two-components',
                'path-type',
                'path-leading-zeros',
                'header-missing',
                'cookie-missing',
                'query-nul',
                'path-nul',
                'header-nul',
                'cookie-nul',
            ],
        )
        def test_component_errors(
            self,
            query: str,
            item_id: str,
            token: str | None,
            cookie: str | None,
            expected: list[tuple[tuple[Any, ...], str]],
        ) -> None:
            """Each component's errors are located under its name."""
            request = _factory.get(f'/?{query}', headers={'X-Token': token} if token else {})
            if cookie:
                request.COOKIES['session'] = cookie
            response = view('components')(request, item_id=item_id)
            assert response.status_code == 400
            assert _errors(response) == expected

        @pytest.mark.parametrize(
            ('query', 'expected'),
            [
                ('', {'flag': None, 'search': None}),
                ('search=null', {'flag': None, 'search': 'null'}),
                ('flag=true&search=x', {'flag': True, 'search': 'x'}),
            ],
            ids=['absent', 'null-text-for-str', 'given'],
        )
        def test_optional_query_reads_text(self, query: str, expected: dict[str, Any]) -> None:
            """Absent optional parameters are ``None``; the text ``null`` is a string."""
            response = view('optional_query')(_factory.get(f'/?{query}'))
            assert response.status_code == 200, response.content
            assert json.loads(response.content) == expected

        def test_null_text_is_no_boolean(self) -> None:
            """``?flag=null`` for ``bool | None`` is a 400: a query string carries no JSON null."""
            response = view('optional_query')(_factory.get('/?flag=null'))
            assert response.status_code == 400
            assert _errors(response) == [(('query', 'flag'), 'type_error')]

        @pytest.mark.parametrize('version', OPENAPI_VERSIONS)
        def test_optional_query_parameters_are_not_nullable(self, version: str) -> None:
            """``T | None = None`` query fields are documented as optional ``T``, never null."""
            _, router = conformance_api(catalogue)
            document = build_schema(router, OpenAPIConfig(openapi_version=version))
            parameters = document['paths']['/conformance/optional-query/']['get']['parameters']
            assert [
                (parameter['name'], parameter['required'], parameter['schema'].get('type'))
                for parameter in parameters
            ] == [('flag', False, 'boolean'), ('search', False, 'string')]
            assert 'null' not in json.dumps([parameter['schema'] for parameter in parameters])

        @pytest.mark.parametrize('version', OPENAPI_VERSIONS)
        def test_openapi_document_is_valid(self, version: str) -> None:
            """The document of the conformance API validates in each version."""
            from openapi_spec_validator import validate  # noqa: PLC0415 - a test dependency

            _, router = conformance_api(catalogue)
            validate(build_schema(router, OpenAPIConfig(openapi_version=version)))

        @pytest.mark.parametrize('version', ['3.1.0', '3.2.0'])
        def test_request_integers_note_their_spelling(self, version: str) -> None:
            """In 3.1 and 3.2, each integer a request uses says it has no fraction or exponent."""
            _, router = conformance_api(catalogue)
            document = build_schema(router, OpenAPIConfig(openapi_version=version))
            integers = list(_request_integers(document))
            parameters = document['paths']['/conformance/components/{item_id}/']['get']
            assert {
                p['name']: p['schema'].get('$comment')
                for p in parameters['parameters']
                if p['name'] in {'page', 'item_id'}
            } == {'page': INTEGER_COMMENT, 'item_id': INTEGER_COMMENT}
            assert len(integers) >= 8  # count, age, pair, unique, mapping, nullable, page, item_id
            assert {schema.get('$comment') for schema in integers} == {INTEGER_COMMENT}

        def test_30_integers_carry_no_comment(self) -> None:
            """A 3.0 document has no ``$comment``: 3.0's ``integer`` excludes ``2.0`` itself."""
            _, router = conformance_api(catalogue)
            document = build_schema(router, OpenAPIConfig(openapi_version='3.0.3'))
            assert '$comment' not in json.dumps(document)

        def test_model_of_both_directions_is_one_component(self) -> None:
            """``Scalars`` read and written is one component, the one with the integer note."""
            _, router = conformance_api(catalogue)
            document = build_schema(router, OpenAPIConfig(openapi_version='3.1.0'))
            operations = document['paths']['/conformance/scalars/']['post']
            request = operations['requestBody']['content']['application/json']['schema']
            response = operations['responses']['201']['content']['application/json']['schema']
            assert request == response
            definition = document['components']['schemas'][request['$ref'].rpartition('/')[2]]
            assert definition['properties']['count']['$comment'] == INTEGER_COMMENT

        @pytest.mark.parametrize('model', BODY_MODELS)
        def test_schema_matches_the_reference(self, model: str) -> None:
            """Each model's request and response schemas have the reference shape."""
            _, router = conformance_api(catalogue)
            document = build_schema(router, OpenAPIConfig(openapi_version='3.1.0'))
            definitions = document['components']['schemas']
            operations = document['paths'][f'/conformance/{model}/']
            request = operations['post']['requestBody']['content']['application/json']
            response = operations['post']['responses']['201']['content']['application/json']
            assert shape(request['schema'], definitions) == REFERENCE[model]['request']
            assert shape(response['schema'], definitions) == REFERENCE[model]['response']

    return TestConformance
