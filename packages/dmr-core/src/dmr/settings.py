"""``DMR_SETTINGS``: parsed once into one frozen object, refreshed on change.

>>> DMR_SETTINGS = {
...     'serializer': 'msgspec',
...     'validate_responses': True,
... }

Every key is optional. Unknown keys and values of the wrong type are errors
that name the key and say what it takes; ``manage.py check`` reports them as
``dmr.E001``.
"""

import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from dmr.error_formats import ERROR_FORMATS
from dmr.errors import ErrorHandler
from dmr.pagination.config import PaginationSettings, parse_pagination
from dmr.parsers import Parser
from dmr.permissions import Permission
from dmr.renderers import Renderer
from dmr.responses import ResponseSpec
from dmr.security._auth import Auth
from dmr.throttling.config import ThrottlingSettings, parse_throttling

if TYPE_CHECKING:
    from dmr.openapi.config import OpenAPIConfig

SETTING_NAME = 'DMR_SETTINGS'

_T = TypeVar('_T')


class SettingsError(ImproperlyConfigured):
    """``DMR_SETTINGS`` is invalid; the message names the key."""


@dataclass(frozen=True, slots=True)
class DMRSettings:
    """The parsed, validated ``DMR_SETTINGS``."""

    serializer: str | type | tuple[str | type, ...] | None = None
    """Entry-point name, dotted path or class; ``'auto'`` or a tuple of those to
    mix backends; ``None`` picks the only one installed."""

    validate_responses: bool = True
    """Check every response against what its endpoint declares."""

    parsers: tuple[Parser, ...] | None = None
    """Request parsers; ``None`` means JSON only."""

    renderers: tuple[Renderer, ...] | None = None
    """Response renderers; ``None`` means JSON only."""

    responses: tuple[ResponseSpec, ...] = ()
    """Responses every endpoint may return, documented and validated."""

    error_handler: ErrorHandler | None = None
    """Tried after endpoint and controller handlers, before the defaults."""

    error_format: str = 'default'
    """``'default'`` or ``'problem_details'`` (RFC 9457); see :mod:`dmr.error_formats`."""

    openapi: 'OpenAPIConfig | None' = None
    """The OpenAPI document's settings, when ``build_schema`` gets none."""

    auth: tuple[Auth, ...] | None = None
    """Auths of every endpoint, tried in order; ``None``: public by default."""

    permissions: tuple[Permission, ...] = ()
    """Permissions every endpoint checks, all of which must pass."""
    allow_nul: bool = False
    """Accept NUL characters (``\\x00``) in text from clients: query, path,
    headers, cookies and JSON bodies. Refused by default, as Django's forms
    do, since databases such as PostgreSQL cannot store them."""

    throttling: ThrottlingSettings = field(default_factory=ThrottlingSettings)
    """The throttles' store, trusted proxies and default throttles
    (:mod:`dmr.throttling.config`)."""

    pagination: PaginationSettings = field(default_factory=PaginationSettings)
    """Default and largest page sizes and the largest offset
    (:mod:`dmr.pagination.config`)."""


def _key_error(key: str, expected: str, value: Any) -> SettingsError:
    return SettingsError(
        f'{SETTING_NAME}[{key!r}] must be {expected}, got {value!r} ({type(value).__name__})',
    )


def _load(key: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return import_string(value)
    except ImportError as exc:
        raise SettingsError(
            f'{SETTING_NAME}[{key!r}]: cannot import {value!r}: {exc}',
        ) from exc


def _instantiate(key: str, cls: type) -> Any:
    try:
        return cls()
    except Exception as exc:
        raise SettingsError(
            f'{SETTING_NAME}[{key!r}]: cannot instantiate {cls.__qualname__}: {exc!r}',
        ) from exc


def _instances(
    key: str,
    value: Any,
    protocol: type[_T],
) -> tuple[_T, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise _key_error(key, f'a list of {protocol.__name__}s', value)
    instances = []
    for item in value:
        loaded = _load(key, item)
        instance = _instantiate(key, loaded) if isinstance(loaded, type) else loaded
        if not isinstance(instance, protocol):
            raise _key_error(key, f'a list of {protocol.__name__}s', item)
        instances.append(instance)
    if not instances:
        raise SettingsError(f'{SETTING_NAME}[{key!r}] must not be empty')
    return tuple(instances)


def _serializer(value: Any) -> str | type | tuple[str | type, ...] | None:
    if value is None or isinstance(value, str | type):
        return value
    if (
        isinstance(value, list | tuple)
        and value
        and all(isinstance(item, str | type) for item in value)
    ):
        return tuple(value)
    raise _key_error(
        'serializer',
        "an entry-point name, a dotted path, a serializer class, 'auto', or a list of those",
        value,
    )


def _flag(key: str) -> Callable[[Any], bool]:
    def parse(value: Any) -> bool:
        if isinstance(value, bool):
            return value
        raise _key_error(key, 'True or False', value)

    return parse


def _responses(value: Any) -> tuple[ResponseSpec, ...]:
    if (
        isinstance(value, Sequence)
        and not isinstance(value, str | bytes)
        and all(isinstance(spec, ResponseSpec) for spec in value)
    ):
        return tuple(value)
    raise _key_error('responses', 'a list of ResponseSpec', value)


def _error_handler(value: Any) -> ErrorHandler | None:
    if value is None:
        return None
    handler = _load('error_handler', value)
    if callable(handler):
        return handler  # type: ignore[no-any-return]  # checked callable
    raise _key_error('error_handler', 'a callable or its dotted path', value)


def _error_format(value: Any) -> str:
    if isinstance(value, str) and value in ERROR_FORMATS:
        return value
    raise _key_error('error_format', f'one of {", ".join(map(repr, ERROR_FORMATS))}', value)


def _throttling(value: Any) -> ThrottlingSettings:
    try:
        return parse_throttling(value)
    except ValueError as exc:
        raise SettingsError(f"{SETTING_NAME}['throttling']: {exc}") from exc


def _pagination(value: Any) -> PaginationSettings:
    try:
        return parse_pagination(value)
    except ValueError as exc:
        raise SettingsError(f"{SETTING_NAME}['pagination']: {exc}") from exc


def _openapi(value: Any) -> 'OpenAPIConfig | None':
    # Imported here: dmr.openapi builds on controllers, which read settings.
    from dmr.openapi.config import OpenAPIConfig  # noqa: PLC0415

    if value is None or isinstance(value, OpenAPIConfig):
        return value
    raise _key_error('openapi', 'an OpenAPIConfig', value)


_PARSERS: Mapping[str, Callable[[Any], Any]] = {
    'serializer': _serializer,
    'validate_responses': _flag('validate_responses'),
    'parsers': lambda value: None if value is None else _instances('parsers', value, Parser),
    'renderers': lambda value: None if value is None else _instances('renderers', value, Renderer),
    'responses': _responses,
    'error_handler': _error_handler,
    'error_format': _error_format,
    'openapi': _openapi,
    'auth': lambda value: None if value is None else _instances('auth', value, Auth),
    'permissions': lambda value: (
        () if value in ([], ()) else _instances('permissions', value, Permission)
    ),
    'allow_nul': _flag('allow_nul'),
    'throttling': _throttling,
    'pagination': _pagination,
}
assert set(_PARSERS) == {field.name for field in fields(DMRSettings)}  # noqa: S101


def parse_settings(raw: Any) -> DMRSettings:
    """Validate a ``DMR_SETTINGS`` value; raise :class:`SettingsError`."""
    if not isinstance(raw, Mapping):
        raise SettingsError(
            f'{SETTING_NAME} must be a dict, got {type(raw).__name__}',
        )
    for key in raw:
        if key not in _PARSERS:
            close = difflib.get_close_matches(str(key), _PARSERS, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ''
            raise SettingsError(
                f'Unknown {SETTING_NAME} key {key!r}.{hint} Known keys: {", ".join(_PARSERS)}.',
            )
    return DMRSettings(**{key: _PARSERS[key](value) for key, value in raw.items()})


_cached: DMRSettings | None = None


def get_settings() -> DMRSettings:
    """The current settings, parsed on first use."""
    global _cached  # noqa: PLW0603 - the one process-wide cache, reset below
    if _cached is None:
        _cached = parse_settings(getattr(django_settings, SETTING_NAME, {}))
    return _cached


@receiver(setting_changed)
def _reset_settings(*, setting: str, **_kwargs: Any) -> None:
    global _cached  # noqa: PLW0603
    if setting == SETTING_NAME:
        _cached = None
