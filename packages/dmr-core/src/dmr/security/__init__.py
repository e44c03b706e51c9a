"""Authentication: who sends a request.

An endpoint's ``auth`` is a list of auth objects tried in order; the first
that accepts the request's credentials sets ``request.user`` (and
``request.auth``). Set it in ``DMR_SETTINGS['auth']``, on a controller
(``auth = [...]``) or on one endpoint (``@modify(auth=[...])``);
``auth=None`` makes an endpoint public.

>>> class ArticleController(Controller):
...     auth = [TokenAuth(), DjangoSession()]
"""

from dmr.security._auth import Anonymous, Auth, Authenticated, Outcome, Refused
from dmr.security.api_key import ApiKey
from dmr.security.http_basic import HttpBasic
from dmr.security.session import DjangoSession
from dmr.security.token_auth import TokenAuth

__all__ = [
    'Anonymous',
    'ApiKey',
    'Auth',
    'Authenticated',
    'DjangoSession',
    'HttpBasic',
    'Outcome',
    'Refused',
    'TokenAuth',
]
