"""Stage: check the endpoint's permissions (401 for anonymous users, else 403).

It runs after authentication and before the components are parsed, so a
refused request never has its body read.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from dmr._pipeline.authenticate import not_authenticated, unauthorized_responses
from dmr._pipeline.exchange import Exchange
from dmr._pipeline.stage import Stage
from dmr.errors import ErrorType, FrameworkError, PermissionDeniedError, error_detail
from dmr.permissions import Permission
from dmr.responses import ResponseSpec

DENIED = gettext_lazy('You do not have permission to perform this action')
FORBIDDEN = 'Raised when the user may not perform this action'


class CheckPermissions(Stage):
    """All of the endpoint's permissions must pass."""

    def __init__(
        self,
        permissions: tuple[Permission, ...],
        *,
        challenge: str,
        error_model: Any,
    ) -> None:
        self.permissions = permissions
        self.challenge = challenge
        self.responses = (
            unauthorized_responses(error_model, challenge),
            ResponseSpec(error_model, status_code=403, description=FORBIDDEN),
        )

    def enter(self, exchange: Exchange, /) -> None:
        """Raise when one fails."""
        request = exchange.request
        for permission in self.permissions:
            if not permission.has_permission(request, exchange.controller):
                raise self.refusal(request)

    def enter_async(self, exchange: Exchange, /) -> Any:
        """The same, with each permission's async check."""
        return self.enter_with_async_checks(exchange)

    async def enter_with_async_checks(self, exchange: Exchange) -> None:
        """The coroutine of :meth:`enter_async`."""
        request = exchange.request
        for permission in self.permissions:
            if not await permission.has_permission_async(request, exchange.controller):
                raise self.refusal(request)

    def check_object(self, request: HttpRequest, controller: Any, obj: Any) -> None:
        """Raise unless every permission allows acting on ``obj``."""
        for permission in self.permissions:
            if not permission.has_object_permission(request, controller, obj):
                raise self.refusal(request)

    async def check_object_async(self, request: HttpRequest, controller: Any, obj: Any) -> None:
        """The same, with each permission's async object check."""
        for permission in self.permissions:
            if not await permission.has_object_permission_async(request, controller, obj):
                raise self.refusal(request)

    def refusal(self, request: HttpRequest) -> FrameworkError:
        """401 for an anonymous user, 403 for a known one."""
        if not request.user.is_authenticated:
            return not_authenticated(
                'Authentication is required to perform this action',
                self.challenge,
            )
        return PermissionDeniedError(
            [error_detail(DENIED, [], ErrorType.PERMISSION_DENIED)],
        )
