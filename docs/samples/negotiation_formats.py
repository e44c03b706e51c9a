"""Choosing the parser by ``Content-Type`` and the renderer by ``Accept``."""

import json
from typing import Annotated

import msgspec
from django.test import RequestFactory
from dmr import Body, Controller
from dmr.parsers import JsonParser
from dmr.renderers import JsonRenderer
from dmr_msgspec import MsgpackParser, MsgpackRenderer


class Reading(msgspec.Struct):
    sensor: Annotated[str, msgspec.Meta(max_length=50)]
    celsius: float


class ReadingController(Controller):
    parsers = (JsonParser(), MsgpackParser())
    renderers = (JsonRenderer(), MsgpackRenderer())  # the first one is the default

    def post(self, reading: Body[Reading]) -> Reading:
        return reading


view = ReadingController.as_view()
factory = RequestFactory()
packed = msgspec.msgpack.encode({'sensor': 'attic', 'celsius': 21.5})

# A msgpack body; no Accept header: the default renderer, JSON.
response = view(factory.post('/', packed, content_type='application/msgpack'))
assert response['Content-Type'] == 'application/json'
assert json.loads(response.content) == {'sensor': 'attic', 'celsius': 21.5}

# q-values decide: msgpack is preferred here.
response = view(
    factory.post(
        '/',
        packed,
        content_type='application/msgpack',
        HTTP_ACCEPT='application/json;q=0.5, application/msgpack',
    ),
)
assert response['Content-Type'] == 'application/msgpack'
assert msgspec.msgpack.decode(response.content) == {'sensor': 'attic', 'celsius': 21.5}

# The charset parameter is honoured: the factory encodes this body in Latin-1.
latin1 = '{"sensor": "cave à vin", "celsius": 12}'
response = view(factory.post('/', latin1, content_type='application/json; charset=latin-1'))
assert json.loads(response.content)['sensor'] == 'cave à vin'

# Errors are rendered in the negotiated format too.
response = view(factory.post('/', b'\xc1', content_type='application/msgpack'))
assert response.status_code == 400
assert response['Content-Type'] == 'application/json'
