"""Permissions: what the authenticated user may do.

An endpoint's ``permissions`` all have to pass; each may be composed with
``&``, ``|`` and ``~``. A permission that fails for an anonymous user
answers 401 (``not_authenticated``), for a known user 403
(``permission_denied``). They run after authentication and before the
request's body is parsed.

>>> class ArticleController(Controller):
...     permissions = [IsAuthenticated() & HasPerms('articles.change_article')]

Write your own by subclassing :class:`Permission`; override
``has_permission_async`` too when the check awaits something (the ORM, a
cache), since async endpoints call that one::

    class IsOwner(Permission):
        def has_object_permission(self, request, controller, obj):
            return obj.author_id == request.user.pk

Object permissions are checked by the endpoint itself, on the object it
loaded: ``self.check_object_permissions(article)`` (or ``await
self.acheck_object_permissions(article)``).
"""

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest


class Permission:
    """Base class of permissions; every check passes unless overridden."""

    needs_user: bool = True
    """Whether it can pass only for an authenticated user.

    An endpoint without authentication cannot use one: that is an error when
    its controller is compiled.
    """

    def has_permission(self, _request: HttpRequest, _controller: Any, /) -> bool:
        """Whether ``request.user`` may call this endpoint at all."""
        return True

    async def has_permission_async(self, request: HttpRequest, controller: Any, /) -> bool:
        """The async endpoints' check; the sync one unless overridden."""
        return self.has_permission(request, controller)

    def has_object_permission(self, _request: HttpRequest, _controller: Any, _obj: Any, /) -> bool:
        """Whether ``request.user`` may act on ``obj``."""
        return True

    async def has_object_permission_async(
        self, request: HttpRequest, controller: Any, obj: Any, /
    ) -> bool:
        """The async endpoints' object check; the sync one unless overridden."""
        return self.has_object_permission(request, controller, obj)

    def __and__(self, other: 'Permission') -> 'Permission':
        """Both must pass."""
        return AllOf((self, other))

    def __or__(self, other: 'Permission') -> 'Permission':
        """Either may pass."""
        return AnyOf((self, other))

    def __invert__(self) -> 'Permission':
        """Passes when this one fails."""
        return Not(self)


class AllOf(Permission):
    """``a & b``: passes when all of its permissions pass."""

    def __init__(self, permissions: Sequence[Permission]) -> None:
        self.permissions = tuple(permissions)
        self.needs_user = any(permission.needs_user for permission in self.permissions)

    def has_permission(self, request: HttpRequest, controller: Any, /) -> bool:
        """All pass."""
        return all(p.has_permission(request, controller) for p in self.permissions)

    async def has_permission_async(self, request: HttpRequest, controller: Any, /) -> bool:
        """All pass, checked in order."""
        for permission in self.permissions:
            if not await permission.has_permission_async(request, controller):
                return False
        return True

    def has_object_permission(self, request: HttpRequest, controller: Any, obj: Any, /) -> bool:
        """All pass for ``obj``."""
        return all(p.has_object_permission(request, controller, obj) for p in self.permissions)

    async def has_object_permission_async(
        self, request: HttpRequest, controller: Any, obj: Any, /
    ) -> bool:
        """All pass for ``obj``, checked in order."""
        for permission in self.permissions:
            if not await permission.has_object_permission_async(request, controller, obj):
                return False
        return True


class AnyOf(Permission):
    """``a | b``: passes when one of its permissions passes."""

    def __init__(self, permissions: Sequence[Permission]) -> None:
        self.permissions = tuple(permissions)
        self.needs_user = all(permission.needs_user for permission in self.permissions)

    def has_permission(self, request: HttpRequest, controller: Any, /) -> bool:
        """One passes."""
        return any(p.has_permission(request, controller) for p in self.permissions)

    async def has_permission_async(self, request: HttpRequest, controller: Any, /) -> bool:
        """One passes, checked in order."""
        for permission in self.permissions:
            if await permission.has_permission_async(request, controller):
                return True
        return False

    def has_object_permission(self, request: HttpRequest, controller: Any, obj: Any, /) -> bool:
        """One passes, as a whole, for ``obj``: ``IsOwner() | IsStaff()`` lets staff in."""
        return any(_passes(p, request, controller, obj) for p in self.permissions)

    async def has_object_permission_async(
        self, request: HttpRequest, controller: Any, obj: Any, /
    ) -> bool:
        """One passes, as a whole, for ``obj``, checked in order."""
        for permission in self.permissions:
            if await _passes_async(permission, request, controller, obj):
                return True
        return False


class Not(Permission):
    """``~a``: passes when ``a`` fails."""

    needs_user = False

    def __init__(self, permission: Permission) -> None:
        self.permission = permission

    def has_permission(self, request: HttpRequest, controller: Any, /) -> bool:
        """The other one fails."""
        return not self.permission.has_permission(request, controller)

    async def has_permission_async(self, request: HttpRequest, controller: Any, /) -> bool:
        """The other one fails."""
        return not await self.permission.has_permission_async(request, controller)

    def has_object_permission(self, request: HttpRequest, controller: Any, obj: Any, /) -> bool:
        """The other one, as a whole, fails for ``obj``."""
        return not _passes(self.permission, request, controller, obj)

    async def has_object_permission_async(
        self, request: HttpRequest, controller: Any, obj: Any, /
    ) -> bool:
        """The other one, as a whole, fails for ``obj``."""
        return not await _passes_async(self.permission, request, controller, obj)


def _passes(permission: Permission, request: HttpRequest, controller: Any, obj: Any) -> bool:
    """Whether ``permission`` passes for ``obj``, its check of the endpoint included.

    ``|`` and ``~`` read their members whole: a member with no object check
    of its own (``IsStaff``) still decides by its check of the endpoint.
    """
    return permission.has_permission(request, controller) and permission.has_object_permission(
        request, controller, obj
    )


async def _passes_async(
    permission: Permission, request: HttpRequest, controller: Any, obj: Any
) -> bool:
    """:func:`_passes` with the async checks."""
    return await permission.has_permission_async(
        request, controller
    ) and await permission.has_object_permission_async(request, controller, obj)


class AllowAny(Permission):
    """Everyone, authenticated or not."""

    needs_user = False


class IsAuthenticated(Permission):
    """An authenticated user."""

    def has_permission(self, request: HttpRequest, _controller: Any, /) -> bool:
        """``request.user.is_authenticated``."""
        return bool(request.user.is_authenticated)


class IsStaff(Permission):
    """An active staff member (``is_staff``)."""

    def has_permission(self, request: HttpRequest, _controller: Any, /) -> bool:
        """``is_staff`` and ``is_active``."""
        user: Any = request.user
        return bool(user.is_authenticated and user.is_active and user.is_staff)


class IsSuperuser(Permission):
    """An active superuser."""

    def has_permission(self, request: HttpRequest, _controller: Any, /) -> bool:
        """``is_superuser`` and ``is_active``."""
        user: Any = request.user
        return bool(user.is_authenticated and user.is_active and user.is_superuser)


class HasPerms(Permission):
    """Django permissions, such as ``'articles.change_article'`` (all of them).

    Checked through the authentication backends (``user.has_perms``), on
    the endpoint as a whole; it has no opinion on single objects.
    """

    def __init__(self, *perms: str) -> None:
        if not perms:
            raise TypeError("HasPerms needs at least one permission, such as 'app.change_model'")
        self.perms = perms

    def has_permission(self, request: HttpRequest, _controller: Any, /) -> bool:
        """``request.user.has_perms(perms)``."""
        user: Any = request.user
        return bool(user.is_authenticated and user.has_perms(self.perms))

    async def has_permission_async(self, request: HttpRequest, _controller: Any, /) -> bool:
        """``await request.user.ahas_perms(perms)``."""
        user: Any = request.user
        return bool(user.is_authenticated and await user.ahas_perms(self.perms))
