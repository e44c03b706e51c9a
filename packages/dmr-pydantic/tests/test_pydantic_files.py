"""Uploaded files in plain pydantic models: no ``arbitrary_types_allowed`` needed."""

import subprocess
import sys
from typing import Any

import pydantic
import pytest
from asgiref.sync import async_to_sync
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import AsyncClient, Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import path

from dmr import Controller, Files
from dmr.files import UploadedFile
from dmr.parsers import MultipartParser
from dmr_pydantic import PydanticSerializer

pytestmark = pytest.mark.urls('test_pydantic_files')


class Documents(pydantic.BaseModel):
    document: UploadedFile
    attachments: list[UploadedFile] = []


@pydantic.dataclasses.dataclass
class Scan:
    scan: UploadedFile


class DocumentController(Controller[PydanticSerializer]):
    parsers = (MultipartParser(),)

    def put(self, files: Files[Documents]) -> list[str]:
        return [str(upload.name) for upload in (files.document, *files.attachments)]


class AsyncDocumentController(Controller[PydanticSerializer]):
    parsers = (MultipartParser(),)

    async def put(self, files: Files[Documents]) -> list[str]:
        return [str(upload.name) for upload in (files.document, *files.attachments)]


class ScanController(Controller[PydanticSerializer]):
    parsers = (MultipartParser(),)

    def put(self, files: Files[Scan]) -> int:
        return files.scan.size or 0


urlpatterns = [
    path('sync/', DocumentController.as_view()),
    path('async/', AsyncDocumentController.as_view()),
    path('scan/', ScanController.as_view()),
]


def _file(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b'content', content_type='text/plain')


def _put(kind: str, data: dict[str, Any]) -> Any:
    body = encode_multipart(BOUNDARY, data)
    if kind == 'sync':
        return Client().put('/sync/', body, content_type=MULTIPART_CONTENT)
    return async_to_sync(AsyncClient().put)('/async/', body, content_type=MULTIPART_CONTENT)


@pytest.mark.parametrize('kind', ['sync', 'async'])
def test_a_plain_model_takes_files(kind: str) -> None:
    """A ``BaseModel`` without config receives a file and a list of files."""
    response = _put(kind, {'document': _file('a.txt'), 'attachments': [_file('b.txt')]})
    assert response.status_code == 200, response.content
    assert response.json() == ['a.txt', 'b.txt']


@pytest.mark.parametrize('kind', ['sync', 'async'])
def test_a_plain_model_refuses_text_for_a_file(kind: str) -> None:
    """Text sent where a file is declared does not stand in for it: ``missing``."""
    response = _put(kind, {'document': 'not a file'})
    assert response.status_code == 400
    assert [(d['loc'], d['type']) for d in response.json()['detail']] == [
        (['files', 'document'], 'missing'),
    ]


def test_a_pydantic_dataclass_takes_a_file() -> None:
    """A pydantic dataclass without config receives a file too."""
    body = encode_multipart(BOUNDARY, {'scan': _file('scan.txt')})
    response = Client().put('/scan/', body, content_type=MULTIPART_CONTENT)
    assert response.status_code == 200, response.content
    assert response.json() == len(b'content')


STARTED_WITHOUT_IMPORTING_THE_BACKEND = """
import django
from django.conf import settings

settings.configure(INSTALLED_APPS=['dmr'], DMR_SETTINGS={'serializer': 'pydantic'})
django.setup()

import pydantic
from dmr.files import UploadedFile

class Avatar(pydantic.BaseModel):
    avatar: UploadedFile

print(sorted(Avatar.model_fields))
"""


def test_a_project_on_pydantic_defines_upload_models_without_importing_the_backend() -> None:
    """Django's start loads the configured backend, before the project's schemas are defined."""
    ran = subprocess.run(
        [sys.executable, '-c', STARTED_WITHOUT_IMPORTING_THE_BACKEND],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (ran.returncode, ran.stdout.strip(), ran.stderr) == (0, "['avatar']", '')
