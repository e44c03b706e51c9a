"""File downloads next to the backend's own responses, sync and async.

A download endpoint declares a file (``FileBody('text/csv')``), a model of
the catalogue and an error body: the file is sent as it is, a file of
another media type is a 422 rendered by the backend, the model and the
error are rendered by the backend, ``HEAD`` sends no body, and the OpenAPI
document lists the file beside the backend's schemas in every version.
"""

import io
import json
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.http import HttpRequest, HttpResponseBase
from django.test import RequestFactory

from dmr.controller import Controller
from dmr.downloads import FileBody, FileDownload
from dmr.errors import APIError
from dmr.openapi import OpenAPIConfig, build_schema
from dmr.responses import ERROR_BODY, ResponseSpec, validate
from dmr.routing import Router, path
from dmr.testing.conformance._build import build_controller
from dmr.testing.conformance._cases import SCALARS
from dmr.testing.conformance._catalogue import Catalogue

CSV = b'text,count\nhi,3\n' * 1000
"""The file every download endpoint of the kit answers."""

_factory = RequestFactory()
_VERSIONS = ('3.0.3', '3.1.0', '3.2.0')


def _answer(controller: Controller[Any], catalogue: Catalogue) -> HttpResponseBase:
    """What ``?answer=`` asks for: the file, a wrong file, the model or an error."""
    answer = controller.request.GET.get('answer', 'file')
    if answer == 'missing':
        raise APIError('No such file', status_code=404)
    if answer == 'model':
        model = catalogue.construct(catalogue.scalars, SCALARS)
        return controller.to_response(model, status_code=409)
    media_type = 'text/html' if answer == 'html' else None
    return FileDownload(io.BytesIO(CSV), filename='scalars.csv', content_type=media_type)


def download_controller(catalogue: Catalogue, *, is_async: bool) -> type[Controller[Any]]:
    """The kit's download endpoint, pinned to the backend under test."""
    declared = validate(
        ResponseSpec(FileBody('text/csv'), status_code=200),
        ResponseSpec(catalogue.scalars, status_code=409),
        ResponseSpec(ERROR_BODY, status_code=404),
    )
    if is_async:

        async def get_async(self: Controller[Any]) -> HttpResponseBase:
            return _answer(self, catalogue)

        method: Any = get_async
    else:

        def get(self: Controller[Any]) -> HttpResponseBase:
            return _answer(self, catalogue)

        method = get
    name = f'Download{"Async" if is_async else ""}Controller'
    return build_controller(name, catalogue.serializer, {'get': declared(method)})


def _content(response: Any) -> bytes:
    if response.streaming:
        return b''.join(response.streaming_content)
    return bytes(response.content)


def download_tests(catalogue: Catalogue) -> type:
    """The download tests of one backend, as a base class of its suite."""
    modes = pytest.mark.parametrize('is_async', [False, True], ids=['sync', 'async'])

    def call(is_async: bool, request: HttpRequest) -> Any:
        view = download_controller(catalogue, is_async=is_async).as_view()
        return async_to_sync(view)(request) if is_async else view(request)

    class Downloads:
        """A file answered beside the backend's models."""

        @modes
        def test_declared_file_is_sent_as_it_is(self, is_async: bool) -> None:
            """A file of the declared media type passes validation, whole and named."""
            response = call(is_async, _factory.get('/'))
            assert response.status_code == 200
            assert _content(response) == CSV
            assert response['Content-Type'] == 'text/csv'
            assert response['Content-Disposition'] == 'attachment; filename="scalars.csv"'

        @modes
        def test_file_of_another_media_type_is_a_422(self, is_async: bool) -> None:
            """A file the declaration does not list is a 422 in the backend's error model."""
            response = call(is_async, _factory.get('/?answer=html'))
            assert response.status_code == 422
            assert response['Content-Type'] == 'application/json'
            details = json.loads(response.content)['detail']
            assert [(d['loc'], d['type']) for d in details] == [(['response'], 'response_invalid')]

        @modes
        def test_model_and_error_of_a_download_endpoint(self, is_async: bool) -> None:
            """The same endpoint's model and error responses are rendered by the backend."""
            model = call(is_async, _factory.get('/?answer=model'))
            assert (model.status_code, json.loads(model.content)) == (409, SCALARS)
            missing = call(is_async, _factory.get('/?answer=missing'))
            assert missing.status_code == 404
            assert json.loads(missing.content)['detail'][0]['msg'] == 'No such file'

        @modes
        def test_head_sends_headers_only(self, is_async: bool) -> None:
            """``HEAD`` on a download sends its headers and the file's length, no body."""
            response = call(is_async, _factory.head('/'))
            assert response.status_code == 200
            assert _content(response) == b''
            assert response['Content-Length'] == str(len(CSV))

        @pytest.mark.parametrize('version', _VERSIONS)
        def test_openapi_lists_the_file_beside_the_model(self, version: str) -> None:
            """The document validates, with the file's media type and the backend's model."""
            from openapi_spec_validator import validate as validate_document  # noqa: PLC0415 - a test dependency

            controller = download_controller(catalogue, is_async=False)
            router = Router('kit/', [path('download/', controller.as_view())])
            document = build_schema(router, OpenAPIConfig(openapi_version=version))
            validate_document(document)
            responses = document['paths']['/kit/download/']['get']['responses']
            assert list(responses['200']['content']) == ['text/csv']
            assert 'Content-Disposition' in responses['200']['headers']
            assert 'application/json' in responses['409']['content']

    return Downloads
