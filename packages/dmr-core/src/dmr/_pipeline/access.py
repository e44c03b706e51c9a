"""Choosing an endpoint's access stages: authenticate, then check permissions.

Mistakes that can be seen when the endpoint is built fail then, naming it:
a public endpoint under a permission that needs a user, ``Anonymous`` before
another auth, an auth without the path (sync or async) the endpoint needs.
"""

from typing import Any

from django.conf import settings

from dmr._pipeline.authenticate import Anonymize, Authenticate
from dmr._pipeline.check_permissions import CheckPermissions
from dmr._pipeline.stage import Stage
from dmr._signature import EndpointSignature
from dmr.errors import EndpointDefinitionError
from dmr.permissions import Permission
from dmr.security._auth import Anonymous, Auth


def access_stages(
    signature: EndpointSignature,
    auth: tuple[Auth, ...] | None,
    permissions: tuple[Permission, ...],
    error_model: Any,
) -> tuple[Stage, ...]:
    """The stages that decide who may call the endpoint, in order."""
    qualname = signature.qualname
    if auth is None:
        needing = [p for p in permissions if p.needs_user]
        if needing:
            raise EndpointDefinitionError(
                f'{qualname} is public (auth=None) but its permissions need a user: '
                f'{needing!r}; give it an auth, or permissions=[] (or AllowAny())',
            )
        if not _auth_installed():
            return ()  # nothing can have set `request.user`
        return (Anonymize(),)
    if not auth:
        raise EndpointDefinitionError(
            f'{qualname}: auth=[] accepts nobody; use auth=None for a public endpoint',
        )
    *others, last = auth
    if any(isinstance(item, Anonymous) for item in others):
        raise EndpointDefinitionError(f'{qualname}: Anonymous() must be the last auth')
    for item in auth:
        if not item.serves(is_async=signature.is_async):
            kind = 'async' if signature.is_async else 'sync'
            raise EndpointDefinitionError(
                f'{qualname} is {kind}, but {item!r} has no {kind} path',
            )
    optional = isinstance(last, Anonymous)
    authenticate = Authenticate(
        tuple(others) if optional else auth,
        optional=optional,
        error_model=error_model,
    )
    if not permissions:
        return (authenticate,)
    check = CheckPermissions(
        permissions,
        challenge=authenticate.challenge,
        error_model=error_model,
    )
    return (authenticate, check)


def _auth_installed() -> bool:
    """Whether ``django.contrib.auth`` is installed; read before the app registry is ready."""
    return any(
        app == 'django.contrib.auth' or app.startswith('django.contrib.auth.')
        for app in settings.INSTALLED_APPS
    )
