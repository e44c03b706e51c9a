"""dmr's JWT token endpoints and a protected msgspec controller, sync and async."""

from datetime import timedelta

import msgspec
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from dmr import Controller
from dmr.routing import path
from dmr.security.jwt import JWTAuth, JWTConfig, JWTKey, token_urls

PRIVATE_PEM = ec.generate_private_key(ec.SECP256R1()).private_bytes(
    serialization.Encoding.PEM,
    serialization.PrivateFormat.PKCS8,
    serialization.NoEncryption(),
)
TOKENS = JWTConfig(
    keys=[JWTKey('test', 'ES256', private_key=PRIVATE_PEM)],
    audience='msgspec-tests',
    reuse_grace=timedelta(0),
)


class Me(msgspec.Struct):
    username: str


class MeController(Controller):
    auth = (JWTAuth(TOKENS),)

    def get(self) -> Me:
        return Me(username=self.request.user.get_username())


class AsyncMeController(Controller):
    auth = (JWTAuth(TOKENS),)

    async def get(self) -> Me:
        return Me(username=self.request.user.get_username())


urlpatterns = [
    *token_urls(TOKENS, prefix='sync/token/'),
    *token_urls(TOKENS, is_async=True, prefix='async/token/'),
    path('sync/me/', MeController.as_view()),
    path('async/me/', AsyncMeController.as_view()),
]
