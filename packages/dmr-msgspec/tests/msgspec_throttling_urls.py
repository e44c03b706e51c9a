"""Throttled endpoints answering Structs, and the token endpoints that take a password."""

import msgspec

from dmr import Controller
from dmr.routing import path
from dmr.security.jwt import token_urls
from dmr.security.tokens.controllers import AsyncObtainTokenController, ObtainTokenController
from dmr.throttling import Throttle
from msgspec_jwt_urls import TOKENS


class Quote(msgspec.Struct):
    text: str


class Quotes(Controller):
    auth = None
    throttles = (Throttle('2/minute'),)

    def get(self) -> Quote:
        return Quote(text='hello')


class AsyncQuotes(Controller):
    auth = None
    throttles = (Throttle('2/minute'),)

    async def get(self) -> Quote:
        return Quote(text='hello')


urlpatterns = [
    path('sync/quotes/', Quotes.as_view()),
    path('async/quotes/', AsyncQuotes.as_view()),
    path('sync/obtain/', ObtainTokenController.as_view()),
    path('async/obtain/', AsyncObtainTokenController.as_view()),
    *token_urls(TOKENS, prefix='sync/jwt/'),
    *token_urls(TOKENS, is_async=True, prefix='async/jwt/'),
]
