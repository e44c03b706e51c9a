"""How often a client may write: the throttles of every write endpoint.

Reads are not throttled. Each write (``POST``, ``PUT``, ``DELETE`` on
articles, users and tags) is counted twice: by the client's address before
authentication, so that a flood of anonymous writes is refused before a
token is checked or a session read, and by the logged-in user after it. The
login and token endpoints keep dmr's own ``CREDENTIAL_THROTTLES``.

Where the counting happens is ``DMR_SETTINGS['throttling']`` in
:mod:`newsroom.settings`: the Redis server of ``REDIS_URL`` when it is set
(every process of a deployment shares it), else Django's default cache.
"""

from dmr.throttling import Throttle, by_ip, by_user

WRITES = (
    Throttle('120/minute', key=by_ip, name='writes-ip', scope='writes-ip'),
    Throttle('60/minute', key=by_user, name='writes', scope='writes'),
)
"""The throttles of every write; all writes share their buckets (``scope``)."""
