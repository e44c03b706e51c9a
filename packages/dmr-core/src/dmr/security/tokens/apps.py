"""The ``dmr.security.tokens`` Django application."""

from django.apps import AppConfig


class TokensConfig(AppConfig):
    """Opaque API tokens; its tables are named ``dmr_tokens_*``."""

    name = 'dmr.security.tokens'
    label = 'dmr_tokens'
    verbose_name = 'API tokens'
    default_auto_field = 'django.db.models.BigAutoField'
