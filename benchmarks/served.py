"""The application a real server serves in the HTTP measure (``load.py``).

``gunicorn benchmarks.served:application`` or ``uvicorn
benchmarks.served:application``, with ``DMR_BENCH_VARIANT`` naming the
variant: Django is configured as for the in-process workers (``worker.py``),
plus the loopback address in ``ALLOWED_HOSTS``. The process that imports
this module (gunicorn's worker, not its arbiter) writes its id to
``DMR_BENCH_PIDFILE`` if set, so that the driver can read its CPU time and
resident memory.
"""

import os

from benchmarks import manifest, worker

variant = manifest.find(os.environ['DMR_BENCH_VARIANT'])
application = worker.application(
    variant,
    ALLOWED_HOSTS=[*worker.BASE_SETTINGS['ALLOWED_HOSTS'], '127.0.0.1'],
)

_pidfile = os.environ.get('DMR_BENCH_PIDFILE')
if _pidfile:
    with open(_pidfile, 'w') as file:
        file.write(str(os.getpid()))
