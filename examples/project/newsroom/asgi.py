"""The ASGI application, for async servers: ``uvicorn newsroom.asgi:application``.

Under ASGI the async controllers (``tags``) run on the event loop and reach
the database through Django's async ORM API; the sync ones run in a thread.
It is served by :mod:`dmr.asgi`, Django's handler without the thread
hand-offs that nothing needs.
"""

import os

from dmr.asgi import get_asgi_application

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'newsroom.settings')

application = get_asgi_application()
