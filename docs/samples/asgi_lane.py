"""A project's ``asgi.py`` on dmr's ASGI lane, and requests served through it over ASGI."""

import asyncio
import json

import msgspec
from django.test import override_settings
from django.urls import path
from dmr import Body, Controller
from dmr.asgi import ASGIHandler, get_asgi_application
from dmr.testing.asgi import serve


class Note(msgspec.Struct):
    text: str


class NoteController(Controller):
    async def post(self, note: Body[Note]) -> Note:
        return note


urlpatterns = [path('notes/', NoteController.as_view())]

# In the project's asgi.py, in place of django.core.asgi.get_asgi_application:
application = get_asgi_application()
assert isinstance(application, ASGIHandler)


def post(body: bytes) -> dict[str, object]:
    """The ASGI scope an ASGI server builds for ``POST /notes/`` with ``body``."""
    return {
        'type': 'http',
        'method': 'POST',
        'path': '/notes/',
        'query_string': b'',
        'headers': [
            (b'host', b'testserver'),
            (b'content-type', b'application/json'),
            (b'content-length', str(len(body)).encode()),
        ],
    }


with override_settings(ROOT_URLCONF=__name__, DATA_UPLOAD_MAX_MEMORY_SIZE=1024):
    note = b'{"text": "served on the event loop, without a thread"}'
    served = asyncio.run(serve(application, post(note), [note]))
    assert served.status == 201
    assert json.loads(served.body) == {'text': 'served on the event loop, without a thread'}

    # Over the limit: answered at once, in the error model, without reading the body.
    served = asyncio.run(serve(application, post(b'x' * 4096), [b''], ends=False))
    assert served.status == 413
    assert json.loads(served.body)['detail'][0]['type'] == 'body_too_large'
