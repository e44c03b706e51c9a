"""``Controller``: a Django class-based view whose HTTP-verb methods are endpoints.

>>> class UserController(Controller):
...     def post(self, user: Body[UserCreateModel]) -> UserResponseModel:
...         return UserResponseModel(uid=uuid.uuid4(), email=user.email)

``Controller[SomeSerializer]`` pins a serializer backend for one controller;
otherwise ``DMR_SETTINGS['serializer']`` chooses it. Endpoints are checked
when the class is created and compiled as soon as Django's settings can be
read; the request path then only runs the compiled pipeline.
"""

import typing
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Generic

from django.conf import settings as django_settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.functional import classproperty
from django.views import View
from typing_extensions import TypeVar

from dmr._pipeline.compile import CompiledController, ControllerOptions, compile_controller
from dmr._pipeline.respond import PendingResponse
from dmr._signature import EndpointSignature, analyse
from dmr.backends import BackendError
from dmr.errors import EndpointDefinitionError, ErrorHandler
from dmr.operation import OperationInfo
from dmr.parsers import Parser
from dmr.renderers import Renderer
from dmr.responses import INHERIT, AuthOption, PermissionsOption, ResponseSpec, ThrottlesOption
from dmr.serializer import Serializer
from dmr.settings import SETTING_NAME, SettingsError

__all__ = ['Controller', 'ErrorHandler']

# The default keeps a bare `Controller` base valid under `mypy --strict`.
_S = TypeVar('_S', bound=Serializer, default=Serializer)

_ENDPOINT_NAMES = frozenset(View.http_method_names) - {'options'}


class Controller(View, Generic[_S]):
    """Base class of dmr controllers.

    Class attributes override ``DMR_SETTINGS`` for every endpoint of the
    controller; ``@modify`` and ``@validate`` override them per endpoint.
    """

    parsers: ClassVar[Sequence[Parser] | None] = None
    renderers: ClassVar[Sequence[Renderer] | None] = None
    validate_responses: ClassVar[bool | None] = None
    responses: ClassVar[Sequence[ResponseSpec]] = ()
    error_handler: ClassVar[ErrorHandler | None] = None
    operation: ClassVar[OperationInfo | None] = None
    error_format: ClassVar[str | None] = None
    auth: ClassVar[AuthOption] = INHERIT
    """Auths tried in order; ``None`` makes every endpoint public."""
    permissions: ClassVar[PermissionsOption] = INHERIT
    """Permissions every endpoint checks; all of them must pass."""
    throttles: ClassVar[ThrottlesOption] = INHERIT
    """Throttles of every endpoint (:mod:`dmr.throttling`); ``[]`` for none."""

    _serializer: ClassVar[type[Serializer] | None] = None
    _signatures: ClassVar[Mapping[str, EndpointSignature]] = {}
    _compiled: ClassVar[CompiledController | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Check every endpoint now, and compile them if settings allow."""
        super().__init_subclass__(**kwargs)
        pinned = _pinned_serializer(cls)
        if pinned is not None:
            cls._serializer = pinned
        cls._signatures = _analyse_endpoints(cls)
        cls._compiled = None
        if cls._signatures and django_settings.configured:
            try:
                cls._compiled = compile_controller(_options(cls))
            except (BackendError, SettingsError):
                # Reported by `manage.py check` and raised on first request.
                cls._compiled = None

    @classmethod
    def compiled(cls) -> CompiledController:
        """The compiled endpoints, compiling them first if needed."""
        compiled = cls._compiled
        if compiled is None:
            compiled = cls._compiled = compile_controller(_options(cls))
        return compiled

    @classproperty
    def view_is_async(cls) -> bool:  # noqa: N805 - a class property, as in Django's View
        """Whether Django awaits the view: its endpoints are async, async generators included."""
        return any(signature.is_async for signature in cls._signatures.values())

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        """The Django view, exempt from ``CsrfViewMiddleware``.

        Auths that read cookies run Django's CSRF check themselves, and the
        auth stage resets ``request.user``, so no endpoint acts as a cookie's
        user without that check. When every endpoint declares an auth, the
        view is also exempt from ``LoginRequiredMiddleware``: a request
        without credentials is answered 401, not redirected to a login page.
        """
        view = super().as_view(**initkwargs)
        view.csrf_exempt = True  # type: ignore[attr-defined]  # read by CsrfViewMiddleware
        if cls._signatures and _every_endpoint_authenticates(cls):
            view.login_required = False  # type: ignore[attr-defined]  # read by LoginRequiredMiddleware
        return view

    def check_object_permissions(self, obj: Any) -> None:
        """Raise 403 (401 when anonymous) unless the permissions allow acting on ``obj``."""
        permissions = self.compiled().routes[self.request.method or ''].permissions
        if permissions is not None:
            permissions.check_object(self.request, self, obj)

    async def acheck_object_permissions(self, obj: Any) -> None:
        """The same, with the permissions' async object checks."""
        permissions = self.compiled().routes[self.request.method or ''].permissions
        if permissions is not None:
            await permissions.check_object_async(self.request, self, obj)

    def dispatch(self, request: HttpRequest, *_args: Any, **kwargs: Any) -> Any:
        """Route the request to its compiled endpoint."""
        compiled = self._compiled or self.compiled()
        endpoint = compiled.routes.get(request.method or '')
        if endpoint is None:
            if request.method == 'OPTIONS':
                return compiled.options()
            return compiled.method_not_allowed(self, request)
        if compiled.is_async:
            return endpoint.handle_async(self, request, kwargs)
        return endpoint.handle(self, request, kwargs)

    def to_response(
        self,
        value: Any,
        *,
        status_code: int,
        headers: Mapping[str, str] | None = None,
    ) -> HttpResponse:
        """The response the endpoint declared for ``status_code``, with ``value`` as its body.

        The body is rendered with the renderer negotiated for this request,
        and validated like any response when validation is on, once the
        endpoint (or error handler) returns the response.
        """
        return PendingResponse(value, status_code, headers or {})


def _every_endpoint_authenticates(cls: type[Controller[Any]]) -> bool:
    try:
        compiled = cls.compiled()
    except (BackendError, SettingsError):
        return False  # reported by `manage.py check`
    return all(endpoint.auth is not None for endpoint in compiled.endpoints.values())


def _options(cls: type[Controller[Any]]) -> ControllerOptions:
    return ControllerOptions(
        qualname=cls.__qualname__,
        signatures=cls._signatures,
        serializer=cls._serializer,
        parsers=cls.parsers,
        renderers=cls.renderers,
        validate_responses=cls.validate_responses,
        responses=cls.responses,
        error_handler=cls.error_handler,
        error_format=cls.error_format,
        auth=cls.auth,
        permissions=cls.permissions,
        throttles=cls.throttles,
    )


def _pinned_serializer(cls: type) -> type[Serializer] | None:
    for base in getattr(cls, '__orig_bases__', ()):
        origin = typing.get_origin(base)
        if isinstance(origin, type) and issubclass(origin, Controller):
            (argument,) = typing.get_args(base)
            if isinstance(argument, type):
                return argument
    return None


def _analyse_endpoints(cls: type[Controller[Any]]) -> dict[str, EndpointSignature]:
    signatures: dict[str, EndpointSignature] = {}
    for name in sorted(_ENDPOINT_NAMES):
        func = getattr(cls, name, None)
        if func is None or getattr(View, name, None) is func:
            continue
        signatures[name] = analyse(f'{cls.__qualname__}.{name}', name, func)
    kinds = {signature.is_async for signature in signatures.values()}
    if len(kinds) > 1:
        sync = [name for name, s in signatures.items() if not s.is_async]
        async_ = [name for name, s in signatures.items() if s.is_async]
        raise EndpointDefinitionError(
            f'{cls.__qualname__} mixes sync endpoints ({", ".join(sync)}) with '
            f'async ones ({", ".join(async_)}); make them all sync or all async',
        )
    return signatures


def _all_controllers(cls: type[Controller[Any]]) -> list[type[Controller[Any]]]:
    found = []
    for subclass in cls.__subclasses__():
        found.append(subclass)
        found.extend(_all_controllers(subclass))
    return found


@receiver(setting_changed)
def _recompile_on_change(*, setting: str, **_kwargs: Any) -> None:
    if setting == SETTING_NAME:
        for controller in _all_controllers(Controller):
            controller._compiled = None
