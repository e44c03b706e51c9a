"""The async client and the request factories, for async tests and views called directly."""

import asyncio

import msgspec
from django.test import override_settings
from dmr import Body, Controller
from dmr.routing import path
from dmr.testing import DMRAsyncClient, DMRAsyncRequestFactory, DMRRequestFactory


class Greeting(msgspec.Struct):
    name: str


class GreetingController(Controller):
    async def post(self, greeting: Body[Greeting]) -> Greeting:
        return Greeting(name=greeting.name.title())


urlpatterns = [path('greetings/', GreetingController.as_view())]


async def through_the_async_client() -> None:
    client = DMRAsyncClient()
    response = await client.post('/greetings/', Greeting(name='ada'))
    assert client.decode(response, Greeting) == Greeting(name='Ada')


async def through_a_view() -> None:
    factory = DMRAsyncRequestFactory()
    request = factory.post('/greetings/', Greeting(name='grace'))
    response = await GreetingController.as_view()(request)
    assert factory.decode(response, Greeting) == Greeting(name='Grace')


with override_settings(ROOT_URLCONF=__name__):
    asyncio.run(through_the_async_client())
asyncio.run(through_a_view())

# DMRRequestFactory builds WSGI requests the same way.
request = DMRRequestFactory().post('/greetings/', Greeting(name='alan'))
assert (request.content_type, request.body) == ('application/json', b'{"name":"alan"}')
