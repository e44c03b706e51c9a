"""The session login controllers, mounted as a project would, sync and async."""

from dmr.routing import path
from dmr.security.login import (
    AsyncCsrfTokenController,
    AsyncLoginController,
    AsyncLogoutController,
    CsrfTokenController,
    LoginController,
    LogoutController,
)
from tests.security_app import CONTROLLERS

urlpatterns = [
    path('sync/csrf/', CsrfTokenController.as_view()),
    path('sync/login/', LoginController.as_view()),
    path('sync/logout/', LogoutController.as_view()),
    path('async/csrf/', AsyncCsrfTokenController.as_view()),
    path('async/login/', AsyncLoginController.as_view()),
    path('async/logout/', AsyncLogoutController.as_view()),
    path('sync/session/', CONTROLLERS['session'][0].as_view()),
    path('async/session/', CONTROLLERS['session'][1].as_view()),
]
