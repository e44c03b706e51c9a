"""The ``dmr.security.jwt`` application: its table of revoked tokens."""

from django.apps import AppConfig


class JWTAppConfig(AppConfig):
    """Holds the ``RevokedToken`` model and its migration (label ``dmr_jwt``)."""

    name = 'dmr.security.jwt'
    label = 'dmr_jwt'
    verbose_name = 'dmr JWT'
    default_auto_field = 'django.db.models.BigAutoField'
