"""Limits on a ``Files`` field with an alias: they follow the field to its wire name.

A ``FileLimit`` is declared on the field's annotation, by attribute name;
the client sends the part under the field's wire name. Each backend tells
the core the one from the other (``dmr.serializer.WireNames``), so the
limit applies to the part, and errors name the part as the client sent it.
"""

import json
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from dmr.components import Component
from dmr.controller import Controller
from dmr.openapi import build_schema
from dmr.parsers import MultipartParser
from dmr.routing import Router, path
from dmr.testing.conformance._build import annotate, build_controller, component_annotation
from dmr.testing.conformance._catalogue import COVER_LIMIT, Catalogue

_factory = RequestFactory()
_WIRE = 'coverImage'


def _size(files: Any) -> int:
    cover = files['cover_image'] if isinstance(files, dict) else files.cover_image
    return int(cover.size)


def aliased_files_controller(catalogue: Catalogue, *, is_async: bool) -> type[Controller[Any]]:
    """``PUT`` takes the aliased file and answers its size."""
    if is_async:

        async def put(self: Controller[Any], files: Any) -> int:
            return _size(files)

    else:

        def put(self: Controller[Any], files: Any) -> int:  # type: ignore[misc]  # the sync twin
            return _size(files)

    uploads = component_annotation(Component.FILES, catalogue.aliased_uploads)
    return build_controller(
        f'AliasedFiles{"Async" if is_async else ""}Controller',
        catalogue.serializer,
        {
            'parsers': (MultipartParser(),),
            'put': annotate(put, files=uploads, **{'return': int}),
        },
    )


def _png(size: int, content_type: str = 'image/png') -> SimpleUploadedFile:
    return SimpleUploadedFile('cover.png', b'x' * size, content_type=content_type)


def _errors(response: HttpResponse) -> list[tuple[tuple[Any, ...], str]]:
    details = json.loads(response.content)['detail']
    return [(tuple(detail['loc']), detail['type']) for detail in details]


class NoAliasedUploads:
    """The catalogue has no ``aliased_uploads``: no cases."""


def aliased_upload_tests(catalogue: Catalogue) -> type:
    """A pytest mixin of the cases of a limit on an aliased file, sync and async."""
    if catalogue.aliased_uploads is None:
        return NoAliasedUploads
    controllers = {
        is_async: aliased_files_controller(catalogue, is_async=is_async)
        for is_async in (False, True)
    }

    def send(is_async: bool, data: dict[str, Any]) -> HttpResponse:
        body = encode_multipart(BOUNDARY, data)
        request = _factory.put('/', body, content_type=MULTIPART_CONTENT)
        view = controllers[is_async].as_view()
        if is_async:
            return async_to_sync(view)(request)  # type: ignore[no-any-return]
        return view(request)  # type: ignore[no-any-return]

    modes = pytest.mark.parametrize('is_async', [False, True], ids=['sync', 'async'])

    class AliasedUploadTests:
        @modes
        def test_aliased_file_within_its_limit(self, is_async: bool) -> None:
            """A file sent under the field's wire name, within its limit, is the field."""
            response = send(is_async, {_WIRE: _png(COVER_LIMIT.max_size or 0)})
            assert response.status_code == 200, response.content
            assert json.loads(response.content) == COVER_LIMIT.max_size

        @modes
        def test_aliased_file_over_its_limit(self, is_async: bool) -> None:
            """The field's size limit applies to the part of its wire name, named in ``loc``."""
            response = send(is_async, {_WIRE: _png((COVER_LIMIT.max_size or 0) + 1)})
            assert response.status_code == 400
            assert _errors(response) == [(('files', _WIRE), 'file_too_large')]

        @modes
        def test_aliased_file_of_a_refused_type(self, is_async: bool) -> None:
            """The field's content types apply to the part of its wire name."""
            response = send(is_async, {_WIRE: _png(1, 'text/plain')})
            assert response.status_code == 400
            assert _errors(response) == [(('files', _WIRE), 'file_type_not_allowed')]

        @modes
        def test_aliased_file_missing(self, is_async: bool) -> None:
            """A missing aliased file is ``missing`` at its wire name."""
            response = send(is_async, {})
            assert response.status_code == 400
            assert _errors(response) == [(('files', _WIRE), 'missing')]

        def test_aliased_file_encoding_in_openapi(self) -> None:
            """The OpenAPI ``encoding`` of the limit's content types is keyed by wire name."""
            router = Router('', [path('covers/', controllers[False].as_view())])
            operation = build_schema(router)['paths']['/covers/']['put']
            media = operation['requestBody']['content']['multipart/form-data']
            assert media['encoding'] == {_WIRE: {'contentType': 'image/png'}}

    return AliasedUploadTests
