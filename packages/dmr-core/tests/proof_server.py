"""A WSGI application for the multi-process proof, served by gunicorn.

``PROOF_BACKEND`` is ``redis`` (the throttles count on ``REDIS_URL`` with the
Redis store) or ``cache`` (they count in Django's ``RedisCache`` on the same
server). Each answer names the process that served it (``X-Worker``).
"""

import os
from typing import Any

import django
from django.conf import settings

REDIS_URL = os.environ['REDIS_URL']
THROTTLING = (
    {'backend': REDIS_URL}
    if os.environ['PROOF_BACKEND'] == 'redis'
    else {'backend': 'cache:default'}
)


def name_the_worker(get_response: Any) -> Any:
    """Middleware: every answer says which process served it (``X-Worker``)."""

    def middleware(request: Any) -> Any:
        response = get_response(request)
        response['X-Worker'] = str(os.getpid())
        return response

    return middleware


settings.configure(
    DEBUG=False,
    SECRET_KEY='proof',
    ALLOWED_HOSTS=['*'],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=['dmr'],
    MIDDLEWARE=['tests.proof_server.name_the_worker'],
    CACHES={
        'default': {
            'BACKEND': 'django.core.cache.backends.redis.RedisCache',
            'LOCATION': REDIS_URL,
            'OPTIONS': {'socket_timeout': 0.2, 'socket_connect_timeout': 0.2},
        },
    },
    DMR_SETTINGS={
        'serializer': 'tests.stub_backend.StubSerializer',
        'throttling': {**THROTTLING, 'timeout': 0.2, 'cooldown': 0.5},
    },
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402 - after settings

from dmr import Controller  # noqa: E402
from dmr.routing import path  # noqa: E402
from dmr.throttling import Throttle, by_ip  # noqa: E402


class Limited(Controller):
    """Ten requests a day from one address."""

    auth = None
    throttles = (Throttle('10/day', key=by_ip, algorithm='fixed_window'),)

    def get(self) -> dict[str, int]:
        return {'pid': os.getpid()}


class Closed(Controller):
    """The same, refusing when the store is down."""

    auth = None
    throttles = (Throttle('10/day', key=by_ip, algorithm='fixed_window', on_error='deny'),)

    def get(self) -> dict[str, int]:
        return {'pid': os.getpid()}


urlpatterns = [
    path('limited/', Limited.as_view()),
    path('closed/', Closed.as_view()),
]
application = get_wsgi_application()
