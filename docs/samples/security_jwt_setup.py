"""JWT authentication: keys, the auth on a controller, the token endpoints in the URLconf."""

import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.test import RequestFactory
from django.urls import include, path
from dmr import Controller
from dmr.security.jwt import JWTAuth, JWTConfig, JWTKey, TokenError, token_urls

# In a project the PEM comes from a secret store or the environment
# (os.environ['JWT_PRIVATE_KEY']); this sample makes one when it runs.
PRIVATE_PEM = ec.generate_private_key(ec.SECP256R1()).private_bytes(
    serialization.Encoding.PEM,
    serialization.PrivateFormat.PKCS8,
    serialization.NoEncryption(),
)

TOKENS = JWTConfig(
    keys=[JWTKey('2026-05', 'ES256', private_key=PRIVATE_PEM)],
    issuer='https://api.example.com',
    audience='articles-api',
)


class ArticleController(Controller):
    auth = (JWTAuth(TOKENS),)

    def get(self) -> dict[str, str]:
        return {'author': self.request.user.get_username()}


# api/token/, api/token/refresh/, api/token/verify/, api/token/revoke/
urlpatterns = [
    path('api/', include(token_urls(TOKENS))),
    path('api/articles/', ArticleController.as_view()),
]

routes = [pattern.pattern.describe() for pattern in urlpatterns[0].url_patterns]
assert routes == [
    "'token/' [name='token-obtain']",
    "'token/refresh/' [name='token-refresh']",
    "'token/verify/' [name='token-verify']",
    "'token/revoke/' [name='token-revoke']",
]

# A request without a token, and one with a forged token, are 401s.
view = ArticleController.as_view()
missing = view(RequestFactory().get('/api/articles/'))
assert missing.status_code == 401
assert missing['WWW-Authenticate'] == 'Bearer realm="api"'
forged = view(
    RequestFactory().get(
        '/api/articles/',
        headers={'Authorization': 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.'},
    ),
)
assert json.loads(forged.content)['detail'] == [
    {'msg': 'Unsigned tokens are refused', 'loc': [], 'type': 'not_authenticated'},
]


# `issue` mints a pair for any user (a custom login view, a test);
# `decode` checks a token without touching the database.
class ServiceAccount:
    pk = 42
    password = ''


pair = TOKENS.issue(ServiceAccount())
claims = TOKENS.decode(pair['access'])
assert (claims['sub'], claims['token_type'], claims['aud']) == ('42', 'access', 'articles-api')


def refusal(token: str) -> str | None:
    """Why ``TOKENS`` refuses ``token`` as an access token, or ``None``."""
    try:
        TOKENS.decode(token)
    except TokenError as error:
        return error.message
    return None


assert refusal(pair['access']) is None
assert refusal(pair['refresh']) == 'Expected an access token, got a refresh token'
