"""The table of revoked tokens, revoked families and used refresh tokens."""

from __future__ import annotations

from datetime import datetime

from django.db import models


class RevokedToken(models.Model):
    """One entry of the ``DatabaseStore``, kept until ``expires_at``."""

    key: models.CharField[str, str] = models.CharField(max_length=200, primary_key=True)
    """``jti:<jti>``, ``family:<id>`` or ``used:<jti>``."""

    created_at: models.DateTimeField[datetime | None, datetime | None] = models.DateTimeField(
        null=True,
    )
    """When a refresh token was first used (``used:`` entries)."""

    expires_at: models.DateTimeField[datetime, datetime] = models.DateTimeField(db_index=True)

    class Meta:
        """Its name in the admin."""

        verbose_name = 'revoked JWT'

    def __str__(self) -> str:
        return str(self.key)
