"""The minimal backend of ``dmr.serializer``'s docstring is complete and serves requests."""

import json
import textwrap
import types
from typing import Any

import pytest
from django.test import RequestFactory

from dmr import Body, Controller, serializer
from dmr.serializer import Serializer, TypeAdapter
from tests.openapi_support import INTEGER, document, served


def _docstring_backend() -> types.ModuleType:
    """The docstring's code block, imported as a module."""
    doc = serializer.__doc__ or ''
    lines = []
    for line in doc.partition('as objects::\n\n')[2].splitlines():
        if line and not line.startswith('    '):
            break  # the first paragraph after the indented block
        lines.append(line)
    block = '\n'.join(lines)
    module = types.ModuleType('docstring_backend')
    exec(compile(textwrap.dedent(block), 'dmr.serializer docstring', 'exec'), module.__dict__)
    return module


BACKEND = _docstring_backend()
IntSerializer = BACKEND.IntSerializer


class Doubler(Controller[IntSerializer]):  # type: ignore[valid-type]  # a class made at run time
    def post(self, number: Body[int]) -> int:
        return number * 2


class Leaky(Controller[IntSerializer]):  # type: ignore[valid-type]  # a class made at run time
    def get(self) -> Any:
        return object()


def post(body: bytes) -> tuple[int, Any]:
    request = RequestFactory().post('/', body, content_type='application/json')
    response = Doubler.as_view()(request)
    return response.status_code, json.loads(response.content)


def test_the_minimal_backend_satisfies_the_protocols():
    """The documented backend is a ``Serializer`` whose adapters are ``TypeAdapter``s."""
    backend = IntSerializer()
    assert isinstance(backend, Serializer)
    assert isinstance(backend.adapter(int, direction='request'), TypeAdapter)


def test_the_minimal_backend_serves_a_valid_body():
    """An ``int`` body is decoded, used and encoded by the documented backend."""
    assert post(b'21') == (201, 42)


def test_the_minimal_backend_refuses_a_wrong_type():
    """A string body for ``int`` is a 400 ``type_error`` in the error model."""
    status, body = post(b'"x"')
    assert (status, [detail['type'] for detail in body['detail']]) == (400, ['type_error'])


def test_the_minimal_backend_refuses_malformed_json():
    """Malformed JSON is a 400 ``parse_error``."""
    status, body = post(b'{')
    assert (status, body['detail'][0]['type']) == (400, 'parse_error')


def test_the_minimal_backend_answers_422_for_an_unencodable_response():
    """A value ``json`` cannot encode is one of ``validation_errors``: a 422, not a 500."""
    response = Leaky.as_view()(RequestFactory().get('/'))
    assert response.status_code == 422


def test_the_minimal_backend_coerces_text_in_requests_only():
    """Request adapters read ``'7'`` as 7; response adapters refuse it."""
    assert IntSerializer().adapter(int, direction='request').from_python('7') == 7
    with pytest.raises(TypeError, match='Expected `int`, got `str`'):
        IntSerializer().adapter(int, direction='response').from_python('7')


def test_the_minimal_backend_refuses_other_annotations():
    """``adapter`` raises ``UnsupportedAnnotationError`` for what it does not support."""
    with pytest.raises(serializer.UnsupportedAnnotationError, match='int-only handles int'):
        IntSerializer().adapter(str, direction='request')


def test_the_minimal_backend_documents_its_operations():
    """The documented backend's schemas make a valid OpenAPI document in every version."""
    schema = document(served(Doubler))
    operation = schema['paths']['/api/users/']['post']
    assert operation['requestBody']['content']['application/json']['schema'] == INTEGER
