"""The async floor: the plain view of :mod:`django_msgspec`, as an async view."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path

from benchmarks.apps.django_msgspec import users

ENVIRONMENT = 'bench-peers'
INTERFACE = 'asgi'
SETTINGS: dict[str, Any] = {}
VARIANTS: dict[str, dict[str, Any]] = {'django+msgspec-async': {}}


async def users_async(request: HttpRequest) -> HttpResponse:
    """``POST /user/``, served on the event loop."""
    return users(request)


urlpatterns = [path('user/', users_async)]
