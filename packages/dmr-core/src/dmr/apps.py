"""The ``dmr`` Django application."""

from django.apps import AppConfig
from django.core import checks


class DmrConfig(AppConfig):
    """Registers dmr's system checks."""

    name = 'dmr'
    verbose_name = 'dmr'

    def ready(self) -> None:
        """Register the configuration checks."""
        from dmr.checks import (  # noqa: PLC0415 - apps load first
            check_login_required,
            check_settings,
            check_throttling,
        )

        checks.register(check_settings)
        checks.register(check_login_required, checks.Tags.security)
        checks.register(check_throttling)
