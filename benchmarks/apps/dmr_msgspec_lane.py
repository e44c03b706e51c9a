"""dmr-msgspec-async's controller, served by ``dmr.asgi`` instead of Django's ``ASGIHandler``."""

from typing import Any

from django.urls import path

from benchmarks.apps.dmr_msgspec_async import UserController
from dmr.asgi import get_asgi_application

ENVIRONMENT = 'bench-dmr'
INTERFACE = 'asgi'
SETTINGS: dict[str, Any] = {'INSTALLED_APPS': ['dmr']}
VARIANTS: dict[str, dict[str, Any]] = {
    'dmr-msgspec-async+lane': {
        'DMR_SETTINGS': {'serializer': 'msgspec', 'validate_responses': False},
    },
}

urlpatterns = [path('user/', UserController.as_view())]
application = get_asgi_application()
