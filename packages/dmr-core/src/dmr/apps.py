"""The ``dmr`` Django application."""

import contextlib

from django.apps import AppConfig
from django.core import checks


class DmrConfig(AppConfig):
    """Registers dmr's system checks and loads the configured backend."""

    name = 'dmr'
    verbose_name = 'dmr'

    def ready(self) -> None:
        """Register the configuration checks; load the configured backend.

        The backend is loaded before the project's own modules define their
        models, since a backend may teach its library dmr's types (dmr-pydantic
        teaches pydantic uploaded files). A setting that names no usable
        backend is reported by the system check (``dmr.E002``), not here.
        """
        from dmr.backends import BackendError, resolve_serializer  # noqa: PLC0415 - apps load first
        from dmr.checks import (  # noqa: PLC0415 - apps load first
            check_login_required,
            check_settings,
            check_throttling,
        )
        from dmr.settings import SettingsError, get_settings  # noqa: PLC0415 - apps load first

        with contextlib.suppress(SettingsError, BackendError):
            resolve_serializer(get_settings().serializer)

        checks.register(check_settings)
        checks.register(check_login_required, checks.Tags.security)
        checks.register(check_throttling)
