"""Routes for the token tests: endpoints behind ``TokenAuth``, the token controllers, the admin."""

from datetime import timedelta

from django.contrib import admin

from dmr.routing import path
from dmr.security import HttpBasic, TokenAuth
from dmr.security.tokens.controllers import (
    AsyncObtainTokenController,
    AsyncRevokeTokenController,
    ObtainTokenController,
    RevokeTokenController,
)
from tests.security_app import pair


class ExpiringObtain(ObtainTokenController):
    expires_in = timedelta(days=30)


class AsyncExpiringObtain(AsyncObtainTokenController):
    expires_in = timedelta(days=30)


class BasicRevoke(RevokeTokenController):
    auth = (HttpBasic(),)


class AsyncBasicRevoke(AsyncRevokeTokenController):
    auth = (HttpBasic(),)


CONTROLLERS = {
    'token': pair('Token', auth=[TokenAuth()]),
    'token-scheme': pair('TokenScheme', auth=[TokenAuth(scheme='Token', realm='tokens')]),
    'token-always-touched': pair('TokenTouched', auth=[TokenAuth(touch_every=timedelta(0))]),
    'token-never-touched': pair('TokenUntouched', auth=[TokenAuth(touch_every=None)]),
}

VIEWS = {
    'sync': {
        'obtain': ObtainTokenController,
        'obtain-expiring': ExpiringObtain,
        'revoke': RevokeTokenController,
        'revoke-basic': BasicRevoke,
    },
    'async': {
        'obtain': AsyncObtainTokenController,
        'obtain-expiring': AsyncExpiringObtain,
        'revoke': AsyncRevokeTokenController,
        'revoke-basic': AsyncBasicRevoke,
    },
}

urlpatterns = [
    *(
        path(f'{kind}/{name}/', controller.as_view())
        for name, controllers in CONTROLLERS.items()
        for kind, controller in zip(('sync', 'async'), controllers, strict=True)
    ),
    *(
        path(f'{kind}/tokens/{name}/', controller.as_view())
        for kind, views in VIEWS.items()
        for name, controller in views.items()
    ),
    path('admin/', admin.site.urls),
]
