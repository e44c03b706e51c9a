"""The streaming controllers served by a real server: gunicorn (WSGI) or uvicorn (ASGI).

``STREAM_DB`` is the SQLite file the streams query (migrated on import) and
``STREAM_CLOSED_DIR`` where each generator notes that it was closed.
"""

import os

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY='streaming',
    ALLOWED_HOSTS=['*'],
    ROOT_URLCONF='tests.streaming_app',
    INSTALLED_APPS=['django.contrib.contenttypes', 'django.contrib.auth', 'dmr'],
    DATABASES={
        'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': os.environ['STREAM_DB']},
    },
    DMR_SETTINGS={'serializer': 'tests.stub_backend.StubSerializer'},
    USE_TZ=True,
)
django.setup()

from django.core.asgi import get_asgi_application  # noqa: E402 - after settings
from django.core.management import call_command  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connections  # noqa: E402

call_command('migrate', verbosity=0)
connections.close_all()  # the streams must open (and close) their own

application = get_wsgi_application()
asgi = get_asgi_application()
