"""Django system checks for dmr's configuration (``manage.py check``)."""

from typing import Any

from django.core import checks

from dmr.backends import BackendError, resolve_serializer
from dmr.settings import SETTING_NAME, SettingsError, get_settings

INVALID_SETTINGS = 'dmr.E001'
"""``DMR_SETTINGS`` has an unknown key or a value of the wrong type."""

SERIALIZER_UNAVAILABLE = 'dmr.E002'
"""The serializer backend the settings name cannot be found or loaded."""


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
