"""Forms and uploads: Body and Files from one multipart body, for PUT too."""

import json
from typing import Annotated

import msgspec
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from dmr import Body, Controller, Files
from dmr.files import FileLimit, UploadedFile
from dmr.parsers import FormParser, JsonParser, MultipartParser

IMAGE = FileLimit(max_size=2_000_000, content_types=('image/png', 'image/jpeg'))


class ArticleForm(msgspec.Struct):
    title: str
    tags: list[str] = []


class ArticleFiles(msgspec.Struct):
    image: Annotated[UploadedFile, IMAGE]
    attachments: list[UploadedFile] = []


class ArticleController(Controller):
    parsers = (JsonParser(), FormParser(), MultipartParser(max_request_size=20_000_000))

    def put(self, article: Body[ArticleForm], files: Files[ArticleFiles]) -> dict[str, str]:
        return {'title': article.title, 'image': files.image.name or ''}


def put(data: dict[str, object]) -> tuple[int, object]:
    body = encode_multipart(BOUNDARY, data)
    request = RequestFactory().generic('PUT', '/', body, content_type=MULTIPART_CONTENT)
    response = ArticleController.as_view()(request)
    return response.status_code, json.loads(response.content)


png = SimpleUploadedFile('cover.png', b'\x89PNG...', content_type='image/png')
assert put({'title': 'Hello', 'tags': ['a', 'b'], 'image': png}) == (
    200,
    {'title': 'Hello', 'image': 'cover.png'},
)

# A missing file, and a file of a type the limit does not allow, point at the field.
gif = SimpleUploadedFile('cover.gif', b'GIF89a', content_type='image/gif')
status, errors = put({'title': 'Hello', 'image': gif})
assert status == 400
assert errors == {
    'detail': [
        {
            'msg': "File type 'image/gif' is not allowed; use one of: image/png, image/jpeg",
            'loc': ['files', 'image'],
            'type': 'file_type_not_allowed',
        },
    ],
}
status, errors = put({'title': 'Hello'})
assert (status, errors['detail'][0]['loc']) == (400, ['files', 'image'])  # type: ignore[index]


# A limit follows its field's alias: it applies to the part the client names
# `coverImage`, and the error says `coverImage` too.
class CoverFiles(msgspec.Struct):
    cover_image: Annotated[UploadedFile, FileLimit(max_size=4)] = msgspec.field(name='coverImage')


class CoverController(Controller):
    parsers = (MultipartParser(),)

    def put(self, files: Files[CoverFiles]) -> int:
        return files.cover_image.size or 0


cover = SimpleUploadedFile('cover.png', b'\x89PNG...', content_type='image/png')
body = encode_multipart(BOUNDARY, {'coverImage': cover})
request = RequestFactory().generic('PUT', '/', body, content_type=MULTIPART_CONTENT)
refused = json.loads(CoverController.as_view()(request).content)
assert [(e['loc'], e['type']) for e in refused['detail']] == [
    (['files', 'coverImage'], 'file_too_large'),
]
