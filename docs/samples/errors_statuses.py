"""What the framework answers for itself, always in the error model."""

import json
from typing import Annotated

import msgspec
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory, override_settings
from dmr import Body, Controller, Path


class Draft(msgspec.Struct):
    title: Annotated[str, msgspec.Meta(max_length=200)]


class DraftPath(msgspec.Struct):
    draft_id: int


class DraftController(Controller):
    def get(self, path: Path[DraftPath]) -> Draft:
        if path.draft_id == 403:
            raise PermissionDenied
        if path.draft_id == 404:
            raise Http404
        if path.draft_id == 500:
            raise RuntimeError('database password is hunter2')  # never shown to clients
        return Draft(title='hello')

    def put(self, draft: Body[Draft]) -> Draft:
        return draft


view = DraftController.as_view()
factory = RequestFactory()


def answer(response) -> tuple[int, list[str]]:
    """The status and the ``type`` of every error detail."""
    return response.status_code, [
        error['type'] for error in json.loads(response.content)['detail']
    ]


body = b'{"title": "hi"}'
assert answer(view(factory.put('/', b'{"title": ', content_type='application/json'))) == (
    400,
    ['parse_error'],
)
assert answer(view(factory.get('/', HTTP_ACCEPT='text/html'), draft_id='1')) == (
    406,
    ['not_acceptable'],
)
assert answer(view(factory.put('/', body, content_type='text/plain'))) == (
    415,
    ['unsupported_media_type'],
)
with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=8):
    assert answer(view(factory.put('/', body, content_type='application/json'))) == (
        413,
        ['body_too_large'],
    )
refused = view(factory.post('/', body, content_type='application/json'))
assert answer(refused) == (405, ['method_not_allowed'])
assert refused['Allow'] == 'GET, HEAD, OPTIONS, PUT'
assert answer(view(factory.get('/'), draft_id='403')) == (403, ['permission_denied'])
assert answer(view(factory.get('/'), draft_id='404')) == (404, ['not_found'])

crashed = view(factory.get('/'), draft_id='500')  # logged to `django.request`, like Django
assert answer(crashed) == (500, ['internal_error'])
assert b'hunter2' not in crashed.content
