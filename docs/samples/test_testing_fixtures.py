"""The ``dmr_*`` fixtures of dmr-core's pytest plugin, in a project's own tests."""

import asyncio

import msgspec
import pytest
from dmr import Body, Controller
from dmr.routing import path


class Tag(msgspec.Struct):
    slug: str


class TagController(Controller):
    def post(self, tag: Body[Tag]) -> Tag:
        return tag


class AsyncTagController(Controller):
    async def post(self, tag: Body[Tag]) -> Tag:
        return tag


urlpatterns = [
    path('tags/', TagController.as_view()),
    path('async/tags/', AsyncTagController.as_view()),
]
pytestmark = pytest.mark.urls(__name__)


def test_create(dmr_client):
    response = dmr_client.post('/tags/', Tag(slug='rest'))
    assert dmr_client.decode(response, Tag) == Tag(slug='rest')


def test_create_async(dmr_async_client):
    response = asyncio.run(dmr_async_client.post('/async/tags/', Tag(slug='rest')))
    assert response.json() == {'slug': 'rest'}


def test_a_view_called_directly(dmr_rf, dmr_async_rf):
    response = TagController.as_view()(dmr_rf.post('/', Tag(slug='sync')))
    assert response.status_code == 201
    request = dmr_async_rf.post('/', Tag(slug='async'))
    assert asyncio.run(AsyncTagController.as_view()(request)).status_code == 201
