"""A controller with two endpoints, served under a router's prefix."""

from typing import Annotated

import msgspec
from django.test import Client, override_settings
from django.urls import reverse
from dmr import Body, Controller
from dmr.routing import Router, path


class NoteCreate(msgspec.Struct):
    text: Annotated[str, msgspec.Meta(max_length=1000)]


class Note(msgspec.Struct):
    id: int
    text: str


NOTES = {1: Note(id=1, text='buy milk')}


class NoteListController(Controller):
    def get(self) -> list[Note]:
        return list(NOTES.values())

    def post(self, note: Body[NoteCreate]) -> Note:
        created = Note(id=len(NOTES) + 1, text=note.text)
        NOTES[created.id] = created
        return created


router = Router('api/', [path('notes/', NoteListController.as_view(), name='notes')])
urlpatterns = [router.to_urlpatterns(namespace='api')]

with override_settings(ROOT_URLCONF=__name__):
    client = Client()
    url = reverse('api:notes')
    assert url == '/api/notes/'

    created = client.post(url, {'text': 'call mum'}, content_type='application/json')
    assert created.status_code == 201
    assert created.json() == {'id': 2, 'text': 'call mum'}

    listed = client.get(url)
    assert listed.status_code == 200
    assert listed.json() == [{'id': 1, 'text': 'buy milk'}, {'id': 2, 'text': 'call mum'}]

    refused = client.delete(url)
    assert refused.status_code == 405
    assert refused['Allow'] == 'GET, HEAD, OPTIONS, POST'
