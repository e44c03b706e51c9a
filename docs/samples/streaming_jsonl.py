"""JSON Lines: a sync generator, one validated line per value; a bad value ends it."""

import json
from collections.abc import Iterator

import msgspec
from django.test import RequestFactory
from dmr import Controller
from dmr.streaming import JsonLines


class Row(msgspec.Struct):
    id: int
    name: str


def rows() -> Iterator[Row]:
    yield Row(1, 'Ada')
    yield Row(2, 'Grace')


class Export(Controller):
    def get(self) -> JsonLines[Row]:
        return rows()  # a generator function works as well


class Broken(Controller):
    def get(self) -> JsonLines[Row]:
        yield Row(1, 'Ada')
        yield Row(2, None)  # type: ignore[arg-type]  # not a Row: the stream ends here
        yield Row(3, 'never sent')


factory = RequestFactory()

response = Export.as_view()(factory.get('/export/'))
assert response['Content-Type'] == 'application/jsonl'
assert b''.join(response) == b'{"id":1,"name":"Ada"}\n{"id":2,"name":"Grace"}\n'

older = Export.as_view()(factory.get('/export/', headers={'Accept': 'application/x-ndjson'}))
assert older['Content-Type'] == 'application/x-ndjson'

refused = Export.as_view()(factory.get('/export/', headers={'Accept': 'text/event-stream'}))
assert refused.status_code == 406

first, error = b''.join(Broken.as_view()(factory.get('/broken/'))).splitlines()
assert json.loads(first) == {'id': 1, 'name': 'Ada'}
assert json.loads(error)['detail'][0]['loc'] == ['response', 'name']
