"""Forms and uploads: the cases every backend answers the same way.

Sync and async controllers take a form ``Body`` and an ``Uploads`` ``Files``
through :class:`dmr.parsers.FormParser` and :class:`dmr.parsers.MultipartParser`,
for PUT and PATCH (which Django itself never parses). The endpoint answers
the form, its ``title`` extended with what it received, so a test sees both.
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
from dmr.parsers import FormParser, JsonParser, MultipartParser
from dmr.testing.conformance._build import annotate, build_controller, component_annotation
from dmr.testing.conformance._catalogue import Catalogue

_factory = RequestFactory()
_FORM = 'application/x-www-form-urlencoded'


def _field(value: Any, name: str) -> Any:
    return value[name] if isinstance(value, dict) else getattr(value, name)


def forms_controller(catalogue: Catalogue, *, is_async: bool) -> type[Controller[Any]]:
    """``PUT`` takes the form and the uploads; ``PATCH`` echoes a form without files."""

    def answer(body: Any, files: Any) -> Any:
        received = [_field(files, 'document').name] + [
            upload.name for upload in _field(files, 'attachments')
        ]
        title = '|'.join([_field(body, 'title'), *received])
        fields = {'title': title, 'count': _field(body, 'count'), 'tags': _field(body, 'tags')}
        return catalogue.construct(catalogue.form, fields)

    if is_async:

        async def put(self: Controller[Any], body: Any, files: Any) -> Any:
            return answer(body, files)

        async def patch(self: Controller[Any], body: Any) -> Any:
            return body

    else:

        def put(self: Controller[Any], body: Any, files: Any) -> Any:  # type: ignore[misc]  # the sync twin
            return answer(body, files)

        def patch(self: Controller[Any], body: Any) -> Any:  # type: ignore[misc]  # the sync twin
            return body

    form = component_annotation(Component.BODY, catalogue.form)
    uploads = component_annotation(Component.FILES, catalogue.uploads)
    return build_controller(
        f'Forms{"Async" if is_async else ""}Controller',
        catalogue.serializer,
        {
            'parsers': (JsonParser(), FormParser(), MultipartParser()),
            'put': annotate(put, body=form, files=uploads, **{'return': catalogue.form}),
            'patch': annotate(patch, body=form, **{'return': catalogue.form}),
        },
    )


def _file(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b'content', content_type='text/plain')


def _errors(response: HttpResponse) -> list[tuple[tuple[Any, ...], str]]:
    details = json.loads(response.content)['detail']
    return [(tuple(detail['loc']), detail['type']) for detail in details]


def forms_tests(catalogue: Catalogue) -> type:
    """A pytest mixin of the forms and uploads cases, sync and async."""
    views = {
        is_async: forms_controller(catalogue, is_async=is_async).as_view()
        for is_async in (False, True)
    }

    def send(is_async: bool, method: str, body: bytes, content_type: str) -> HttpResponse:
        request = _factory.generic(method, '/', body, content_type=content_type)
        if is_async:
            return async_to_sync(views[is_async])(request)  # type: ignore[no-any-return]
        return views[is_async](request)  # type: ignore[no-any-return]

    def multipart(is_async: bool, data: dict[str, Any]) -> HttpResponse:
        return send(is_async, 'PUT', encode_multipart(BOUNDARY, data), MULTIPART_CONTENT)

    modes = pytest.mark.parametrize('is_async', [False, True], ids=['sync', 'async'])

    class FormsTests:
        @modes
        def test_multipart_form_and_files(self, is_async: bool) -> None:
            """A multipart PUT gives the form (text read as for queries) and the files."""
            data = {
                'title': 'Hi',
                'count': '3',
                'tags': ['a', 'b'],
                'document': _file('doc.txt'),
                'attachments': [_file('one.txt'), _file('two.txt')],
            }
            response = multipart(is_async, data)
            assert response.status_code == 200, response.content
            assert json.loads(response.content) == {
                'title': 'Hi|doc.txt|one.txt|two.txt',
                'count': 3,
                'tags': ['a', 'b'],
            }

        @modes
        def test_urlencoded_form(self, is_async: bool) -> None:
            """A urlencoded PATCH is read like a query string: repeated keys make a list."""
            response = send(is_async, 'PATCH', b'title=Hi&count=2&tags=a&tags=b', _FORM)
            assert response.status_code == 200, response.content
            assert json.loads(response.content) == {'title': 'Hi', 'count': 2, 'tags': ['a', 'b']}

        @modes
        def test_missing_file(self, is_async: bool) -> None:
            """A required file not sent is ``missing`` at ``files.document``."""
            response = multipart(is_async, {'title': 'Hi', 'count': '1'})
            assert response.status_code == 400
            assert _errors(response) == [(('files', 'document'), 'missing')]

        @modes
        def test_extra_file(self, is_async: bool) -> None:
            """A file the model does not declare is ``extra_forbidden`` at its field."""
            data = {'title': 'Hi', 'count': '1', 'document': _file('a'), 'other': _file('b')}
            response = multipart(is_async, data)
            assert response.status_code == 400
            assert _errors(response) == [(('files', 'other'), 'extra_forbidden')]

        @modes
        def test_invalid_form_field(self, is_async: bool) -> None:
            """Text that is not the field's type is refused at ``body.<field>``."""
            response = multipart(is_async, {'title': 'Hi', 'count': 'x', 'document': _file('a')})
            assert response.status_code == 400
            assert _errors(response) == [(('body', 'count'), 'type_error')]

        @modes
        def test_text_where_a_file_is_expected(self, is_async: bool) -> None:
            """A text field named like a file field does not stand in for the file."""
            response = multipart(is_async, {'title': 'Hi', 'count': '1', 'document': 'text'})
            assert response.status_code == 400
            assert (('files', 'document'), 'missing') in _errors(response)

    return FormsTests
