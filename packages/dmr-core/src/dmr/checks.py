"""Django system checks for dmr's configuration (``manage.py check``)."""

import contextlib
from typing import Any

from django.conf import settings as django_settings
from django.core import checks
from django.urls import get_resolver
from django.utils.module_loading import import_string

from dmr.backends import BackendError, resolve_serializer
from dmr.settings import SETTING_NAME, SettingsError, get_settings
from dmr.throttling._cache_store import cache_problem

INVALID_SETTINGS = 'dmr.E001'
"""``DMR_SETTINGS`` has an unknown key or a value of the wrong type."""

SERIALIZER_UNAVAILABLE = 'dmr.E002'
"""The serializer backend the settings name cannot be found or loaded."""

LOGIN_REQUIRED_WITHOUT_AUTH = 'dmr.W001'
"""``LoginRequiredMiddleware`` is on, but ``DMR_SETTINGS['auth']`` names no auth."""

_LOGIN_REQUIRED = 'django.contrib.auth.middleware.LoginRequiredMiddleware'


def check_settings(**_kwargs: Any) -> list[checks.CheckMessage]:
    """Report invalid settings and an unavailable serializer backend."""
    try:
        settings = get_settings()
    except SettingsError as exc:
        return [
            checks.Error(
                str(exc),
                hint=f'Fix {SETTING_NAME} in your settings module.',
                id=INVALID_SETTINGS,
            ),
        ]
    try:
        resolve_serializer(settings.serializer)
    except BackendError as exc:
        return [
            checks.Error(
                str(exc),
                hint=f"Set {SETTING_NAME}['serializer'] to an installed backend.",
                id=SERIALIZER_UNAVAILABLE,
            ),
        ]
    return []


def check_login_required(**_kwargs: Any) -> list[checks.CheckMessage]:
    """Warn when ``LoginRequiredMiddleware`` is on but dmr has no default auth.

    dmr's auth stage sets ``request.user`` from the endpoint's own auths, so
    an endpoint without one runs as ``AnonymousUser`` even for a session the
    middleware let through: a project that expects the middleware to lock
    every view should set ``DMR_SETTINGS['auth']``. A controller whose
    endpoints all declare an auth is exempt from the middleware (it answers
    401 rather than redirect to an HTML login page).
    """
    if not any(_is_login_required(name) for name in django_settings.MIDDLEWARE):
        return []
    try:
        settings = get_settings()
    except SettingsError:
        return []  # check_settings reports it
    if settings.auth:
        return []
    return [
        checks.Warning(
            f"LoginRequiredMiddleware is in MIDDLEWARE, but {SETTING_NAME}['auth'] names "
            'no auth: dmr endpoints without an auth of their own do not authenticate (they '
            'run as AnonymousUser, whoever the middleware let through).',
            hint=(
                f"Set {SETTING_NAME}['auth'] (e.g. [DjangoSession()]). A controller whose "
                'endpoints all declare an auth is exempt from the middleware and answers 401 '
                'without credentials; the others fall under the middleware, which redirects '
                'requests without a session to the login page.'
            ),
            id=LOGIN_REQUIRED_WITHOUT_AUTH,
        ),
    ]


def _is_login_required(name: str) -> bool:
    """Whether the middleware ``name`` is Django's ``LoginRequiredMiddleware`` or a subclass."""
    if name == _LOGIN_REQUIRED:
        return True
    try:
        middleware = import_string(name)
    except ImportError:
        return False  # Django's own checks and startup report a missing middleware
    login_required = import_string(_LOGIN_REQUIRED)
    return isinstance(middleware, type) and issubclass(middleware, login_required)


THROTTLING_CACHE_USELESS = 'dmr.E010'
"""The throttling backend is a cache that stores nothing (``DummyCache``)."""

THROTTLING_CACHE_UNSAFE = 'dmr.W010'
"""The throttling cache is not shared between processes, or its ``incr`` is not atomic."""

THROTTLING_CACHE_MISSING = 'dmr.E011'
"""The throttling backend names a cache alias that ``CACHES`` does not define."""


def check_throttling(**_kwargs: Any) -> list[checks.CheckMessage]:
    """Report a throttling cache that cannot count requests (well) across processes.

    Only when something is throttled: the settings' throttles, or a
    controller's (the URLconf is loaded first, so its controllers are known).
    """
    try:
        config = get_settings().throttling
    except SettingsError:
        return []  # reported by check_settings
    backend = config.backend
    if not backend.startswith('cache:') or not (config.throttles or _throttled_controllers()):
        return []
    alias = backend.removeprefix('cache:')
    hint = (
        f"Point {SETTING_NAME}['throttling']['backend'] at a Redis URL, "
        'or at a Redis or memcached cache.'
    )
    if alias not in django_settings.CACHES:
        return [
            checks.Error(
                f'The throttling backend {backend!r} names no cache in CACHES',
                hint=hint,
                id=THROTTLING_CACHE_MISSING,
            ),
        ]
    problem = cache_problem(alias)
    if problem is None:
        return []
    level, why = problem
    if level == 'error':
        return [
            checks.Error(f'Throttles cannot count: {why}', hint=hint, id=THROTTLING_CACHE_USELESS)
        ]
    return [
        checks.Warning(
            f'Throttles may let more through: {why}', hint=hint, id=THROTTLING_CACHE_UNSAFE
        )
    ]


def _throttled_controllers() -> bool:
    """Whether a controller that Django has loaded declares throttles."""
    # Imported here: controllers compile against the settings this module checks.
    from dmr.controller import Controller  # noqa: PLC0415
    from dmr.responses import INHERIT  # noqa: PLC0415

    with contextlib.suppress(Exception):  # a broken URLconf is Django's own check's to report
        get_resolver().url_patterns  # noqa: B018 - imports the URLconf and its controllers
    pending = list(Controller.__subclasses__())
    while pending:
        controller = pending.pop()
        pending.extend(controller.__subclasses__())
        options = [controller.throttles] + [
            signature.options.throttles for signature in controller._signatures.values()
        ]
        if any(option is not INHERIT and option for option in options):
            return True
    return False
