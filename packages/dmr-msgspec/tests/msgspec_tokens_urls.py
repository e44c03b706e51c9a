"""dmr's token controllers, and endpoints behind ``TokenAuth`` that answer Structs."""

from typing import Any

import msgspec

from dmr import Controller
from dmr.routing import Router, path
from dmr.security import TokenAuth
from dmr.security.tokens.controllers import (
    AsyncObtainTokenController,
    AsyncRevokeTokenController,
    ObtainTokenController,
    RevokeTokenController,
)


class Caller(msgspec.Struct):
    username: str
    token_name: str


def caller(request: Any) -> Caller:
    """The token's user and the token's name (``request.auth`` is the ``Token``)."""
    return Caller(username=request.user.get_username(), token_name=request.auth.name)


class WhoAmI(Controller):
    auth = (TokenAuth(),)

    def get(self) -> Caller:
        return caller(self.request)


class AsyncWhoAmI(Controller):
    auth = (TokenAuth(),)

    async def get(self) -> Caller:
        return caller(self.request)


router = Router(
    'api/',
    [
        path('sync/tokens/', ObtainTokenController.as_view()),
        path('sync/tokens/current/', RevokeTokenController.as_view()),
        path('sync/me/', WhoAmI.as_view()),
        path('async/tokens/', AsyncObtainTokenController.as_view()),
        path('async/tokens/current/', AsyncRevokeTokenController.as_view()),
        path('async/me/', AsyncWhoAmI.as_view()),
    ],
)
urlpatterns = [router.to_urlpatterns(namespace='api')]
