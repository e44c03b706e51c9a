"""The small backend of ``plugin_backend`` at work, through the whole pipeline."""

import dataclasses
import json

from django.test import RequestFactory
from dmr import Body, Controller, Query
from dmr.openapi import build_schema
from dmr.routing import Router, path
from dmr.serializer import Serializer
from openapi_spec_validator import validate

from plugin_backend import DataclassSerializer

assert isinstance(DataclassSerializer(), Serializer)  # the protocol is runtime-checkable


@dataclasses.dataclass
class Plant:
    name: str
    height_cm: float
    indoor: bool = True


@dataclasses.dataclass
class Filters:
    indoor: bool = False
    limit: int = 10


class PlantController(Controller[DataclassSerializer]):
    def get(self, filters: Query[Filters]) -> Plant:
        return Plant(name='fern', height_cm=float(filters.limit), indoor=filters.indoor)

    def post(self, plant: Body[Plant]) -> Plant:
        return plant


view = PlantController.as_view()
factory = RequestFactory()


def post(body: bytes):
    return view(factory.post('/plants/', body, content_type='application/json'))


assert post(b'{"name": "ivy", "height_cm": 30}').content == (
    b'{"name":"ivy","height_cm":30.0,"indoor":true}'
)
assert json.loads(post(b'{"name": "ivy"}').content) == {
    'detail': [
        {'msg': 'This field is required.', 'loc': ['body', 'height_cm'], 'type': 'missing'}
    ],
}
assert json.loads(post(b'{"name": "ivy", "height_cm": "30"}').content)['detail'][0]['type'] == (
    'type_error'  # JSON is strict
)
assert json.loads(post(b'{"name": ').content)['detail'][0]['type'] == 'parse_error'
# Query strings are text: request adapters coerce them.
assert view(factory.get('/plants/?indoor=true&limit=3')).content == (
    b'{"name":"fern","height_cm":3.0,"indoor":true}'
)


class BrokenPlantController(Controller[DataclassSerializer]):
    def get(self) -> Plant:
        return Plant(name='fern', height_cm='tall')  # type: ignore[arg-type]


# Response validation reads the rendered bytes back with the response adapter.
broken = BrokenPlantController.as_view()(factory.get('/plants/'))
assert broken.status_code == 422
assert json.loads(broken.content)['detail'][0]['loc'] == ['response', 'height_cm']

schema = build_schema(Router('', [path('plants/', PlantController.as_view())]))
validate(schema)
request_body = schema['paths']['/plants/']['post']['requestBody']['content']['application/json']
assert request_body['schema'] == {'$ref': '#/components/schemas/PlantInput'}
assert schema['components']['schemas']['PlantInput']['required'] == ['name', 'height_cm']
