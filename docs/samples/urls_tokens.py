"""A project's token endpoints, and one endpoint behind ``TokenAuth``."""

import msgspec
from dmr import Controller
from dmr.routing import Router, path
from dmr.security import TokenAuth
from dmr.security.tokens.controllers import ObtainTokenController, RevokeTokenController


class Me(msgspec.Struct):
    username: str
    token: str


class MeController(Controller):
    auth = (TokenAuth(),)

    def get(self) -> Me:
        token = self.request.auth  # the Token the request was authenticated with
        return Me(username=self.request.user.get_username(), token=token.name)


router = Router(
    'api/',
    [
        path('tokens/', ObtainTokenController.as_view(), name='obtain-token'),
        path('tokens/current/', RevokeTokenController.as_view(), name='revoke-token'),
        path('me/', MeController.as_view(), name='me'),
    ],
)
urlpatterns = [router.to_urlpatterns(namespace='api')]
