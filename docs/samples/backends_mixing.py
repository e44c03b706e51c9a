"""Two backends in one project: each annotation goes to the backend that claims it."""

import msgspec
import pydantic
import pytest
from django.test import RequestFactory, override_settings
from dmr import Body, Controller
from dmr.errors import EndpointDefinitionError
from dmr.openapi import build_schema
from dmr.routing import Router, path


class Comment(pydantic.BaseModel):  # not migrated yet
    text: str = pydantic.Field(min_length=1, max_length=1000)


class CommentReceipt(msgspec.Struct):  # already migrated
    length: int


class Opaque:
    """A plain class: neither library can validate it."""


with override_settings(DMR_SETTINGS={'serializer': ['msgspec', 'pydantic']}):

    class CommentController(Controller):
        def post(self, comment: Body[Comment]) -> CommentReceipt:
            return CommentReceipt(length=len(comment.text))

    def post(content: bytes):
        request = RequestFactory().post('/', content, content_type='application/json')
        return CommentController.as_view()(request)

    assert post(b'{"text": "hello"}').content == b'{"length":5}'
    assert post(b'{"text": ""}').status_code == 400  # pydantic validated the body

    schema = build_schema(Router('', [path('comments/', CommentController.as_view())]))
    assert {'Comment', 'CommentReceipt'} <= set(schema['components']['schemas'])

    unsupported = r"annotated <class 'backends_mixing.Opaque'>, which the 'msgspec \+ pydantic'"
    with pytest.raises(EndpointDefinitionError, match=unsupported):

        class Broken(Controller):
            def post(self, thing: Body[Opaque]) -> CommentReceipt: ...
