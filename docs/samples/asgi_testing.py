"""Django's test client, sending its requests over ASGI to ``dmr.asgi``."""

from django.test import Client, override_settings
from django.urls import path
from dmr import Controller
from dmr.testing.asgi import ServedHandler


class PingController(Controller):
    async def get(self) -> str:
        return 'pong'


urlpatterns = [path('ping/', PingController.as_view())]

client = Client()
client.handler = ServedHandler()

with override_settings(ROOT_URLCONF=__name__):
    response = client.get('/ping/')
    assert (response.status_code, response.json()) == (200, 'pong')
    # The request the application built, as Django's own client attaches it.
    assert response.wsgi_request.path == '/ping/'
