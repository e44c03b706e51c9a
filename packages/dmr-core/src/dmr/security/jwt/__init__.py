"""JWT authentication (RFC 7519, following RFC 8725): ``pip install "dmr-core[jwt]"``.

:class:`JWTConfig` holds the keys and the token rules, :class:`JWTAuth`
accepts its access tokens (``Authorization: Bearer`` or a cookie), and
:func:`token_urls` serves the obtain, refresh, verify and revoke endpoints.
Add ``'dmr.security.jwt'`` to ``INSTALLED_APPS`` for the default
:class:`DatabaseStore` of revoked tokens.

>>> TOKENS = JWTConfig(keys=[JWTKey('2026-05', 'ES256', private_key=PEM)], audience='api')
>>> class ArticleController(Controller):
...     auth = [JWTAuth(TOKENS)]
>>> urlpatterns = [path('api/', include(token_urls(TOKENS)))]
"""

from dmr.security.jwt._pyjwt import TokenError
from dmr.security.jwt.auth import JWTAuth
from dmr.security.jwt.config import ACCESS, REFRESH, JWTConfig, TokenPair
from dmr.security.jwt.controllers import TokenControllers, token_controllers, token_urls
from dmr.security.jwt.keys import JWKS, JWTKey
from dmr.security.jwt.stores import CacheStore, DatabaseStore, RevocationStore

__all__ = [
    'ACCESS',
    'JWKS',
    'REFRESH',
    'CacheStore',
    'DatabaseStore',
    'JWTAuth',
    'JWTConfig',
    'JWTKey',
    'RevocationStore',
    'TokenControllers',
    'TokenError',
    'TokenPair',
    'token_controllers',
    'token_urls',
]
