"""Every endpoint that takes a password, sync and async, for the throttling tests."""

from dmr.routing import path
from dmr.security.jwt import token_urls
from dmr.security.login import AsyncLoginController, LoginController
from dmr.security.tokens.controllers import AsyncObtainTokenController, ObtainTokenController
from tests.jwt_app import TOKENS

urlpatterns = [
    path('sync/login/', LoginController.as_view()),
    path('async/login/', AsyncLoginController.as_view()),
    path('sync/obtain/', ObtainTokenController.as_view()),
    path('async/obtain/', AsyncObtainTokenController.as_view()),
    *token_urls(TOKENS, prefix='sync/jwt/'),
    *token_urls(TOKENS, is_async=True, prefix='async/jwt/'),
]
