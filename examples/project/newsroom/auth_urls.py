"""``/api/auth/``: logging in with a session (and its CSRF token), or for JWTs.

The controllers are dmr's own (:mod:`dmr.security.login`,
:func:`dmr.security.jwt.token_controllers`), subclassed only to file them
under the ``auth`` tag of the document with operationIds of their own.
"""

from dmr.openapi import OperationInfo
from dmr.routing import path
from dmr.security import login
from dmr.security.jwt import token_controllers

from newsroom.auth import TOKENS

_TOKENS = token_controllers(TOKENS)


def _operation(operation_id: str, summary: str, description: str) -> OperationInfo:
    return OperationInfo(
        tags=['auth'],
        operation_id=operation_id,
        summary=summary,
        description=description,
    )


class CsrfTokenController(login.CsrfTokenController):
    operation = _operation(
        'getCsrfToken',
        'Get a CSRF token',
        'Sets the CSRF cookie and answers its token: send it back in the X-CSRFToken '
        'header of every write made with the session cookie, the login included.',
    )


class LoginController(login.LoginController):
    operation = _operation(
        'logIn',
        'Log in to a session',
        'Logs in to the session with a user name (the email of a demo user) and a '
        'password; every failure is the same 401.',
    )


class LogoutController(login.LogoutController):
    operation = _operation(
        'logOut', 'Log out of the session', 'Ends the session of the logged-in user.'
    )


class TokenObtainController(_TOKENS.obtain):  # type: ignore[misc, valid-type]  # a class made at import
    operation = _operation(
        'obtainToken',
        'Obtain a token pair',
        'Trades a user name and a password for an access token (5 minutes, sent as '
        '`Authorization: Bearer <token>`) and a refresh token (1 day).',
    )


class TokenRefreshController(_TOKENS.refresh):  # type: ignore[misc, valid-type]  # a class made at import
    operation = _operation(
        'refreshToken',
        'Refresh a token pair',
        'Trades a refresh token, used up, for a new pair; a refresh token used twice '
        'revokes every token of its login.',
    )


class TokenVerifyController(_TOKENS.verify):  # type: ignore[misc, valid-type]  # a class made at import
    operation = _operation(
        'verifyToken', 'Verify an access token', 'Says whether an access token is valid now.'
    )


class TokenRevokeController(_TOKENS.revoke):  # type: ignore[misc, valid-type]  # a class made at import
    operation = _operation(
        'revokeToken', 'Revoke a login', 'Revokes every token of a login (logging out).'
    )


app_name = 'auth'
urlpatterns = [
    path('csrf/', CsrfTokenController.as_view(), name='csrf'),
    path('login/', LoginController.as_view(), name='login'),
    path('logout/', LogoutController.as_view(), name='logout'),
    path('token/', TokenObtainController.as_view(), name='token-obtain'),
    path('token/refresh/', TokenRefreshController.as_view(), name='token-refresh'),
    path('token/verify/', TokenVerifyController.as_view(), name='token-verify'),
    path('token/revoke/', TokenRevokeController.as_view(), name='token-revoke'),
]
