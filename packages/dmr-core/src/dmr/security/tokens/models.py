"""``Token``: an API token of a user, stored as a lookup prefix and a SHA-256 digest."""

import hmac
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from dmr.security.tokens import format as token_format

NAME_MAX_LENGTH = 100
"""The longest name a token may have."""

DEFAULT_TOUCH_EVERY = timedelta(minutes=5)
"""How stale ``last_used`` may get before a request writes it again."""


class TokenManager(models.Manager['Token']):
    """Issues tokens and finds the one a request sends."""

    def issue(
        self,
        user: Any,
        *,
        name: str = '',
        expires_in: timedelta | None = None,
    ) -> tuple['Token', str]:
        """A new token of ``user``, and its secret: the only time it is seen.

        >>> token, secret = Token.objects.issue(user, name='ci', expires_in=timedelta(days=30))
        """
        token = self.model(user=user, name=name, expires=_expiry(expires_in))
        secret = token.new_secret()
        token.save(force_insert=True)
        return token, secret

    async def aissue(
        self,
        user: Any,
        *,
        name: str = '',
        expires_in: timedelta | None = None,
    ) -> tuple['Token', str]:
        """The same, with Django's async ORM."""
        token = self.model(user=user, name=name, expires=_expiry(expires_in))
        secret = token.new_secret()
        await token.asave(force_insert=True)
        return token, secret

    def find(
        self,
        secret: str,
        *,
        touch_every: timedelta | None = DEFAULT_TOUCH_EVERY,
    ) -> 'Token | None':
        """The usable token whose secret is ``secret``, with its user; else ``None``.

        A malformed secret costs no query; a well-formed one costs one, plus
        one conditional ``UPDATE`` of ``last_used`` when it is older than
        ``touch_every`` (``None``: never written).
        """
        parsed = token_format.parse(secret)
        if parsed is None:
            return None
        now = timezone.now()
        token = _match(self._candidates(parsed), parsed, now)
        if token is not None and _due(token, now, touch_every):
            self._stale(token, now, touch_every).update(last_used=now)
            token.last_used = now
        return token

    async def afind(
        self,
        secret: str,
        *,
        touch_every: timedelta | None = DEFAULT_TOUCH_EVERY,
    ) -> 'Token | None':
        """The same, with Django's async ORM."""
        parsed = token_format.parse(secret)
        if parsed is None:
            return None
        now = timezone.now()
        token = _match([token async for token in self._candidates(parsed)], parsed, now)
        if token is not None and _due(token, now, touch_every):
            await self._stale(token, now, touch_every).aupdate(last_used=now)
            token.last_used = now
        return token

    def _candidates(self, parsed: token_format.ParsedToken) -> models.QuerySet['Token']:
        return self.select_related('user').filter(lookup=parsed.lookup)

    def _stale(
        self,
        token: 'Token',
        now: datetime,
        touch_every: timedelta | None,
    ) -> models.QuerySet['Token']:
        # The condition in the UPDATE itself: concurrent requests write once.
        assert touch_every is not None  # noqa: S101 - only called when a write is due
        stale = models.Q(last_used__isnull=True) | models.Q(last_used__lte=now - touch_every)
        return self.filter(stale, pk=token.pk)


class Token(models.Model):
    """An API token: its owner, its name and dates, and how to recognise it.

    The secret itself is never stored: only :attr:`lookup`, its first
    characters after the prefix, and :attr:`digest`, its SHA-256 digest.
    Deleting the row revokes the token.
    """

    name: 'models.CharField[str, str]' = models.CharField(
        max_length=NAME_MAX_LENGTH,
        blank=True,
        help_text='What the token is for.',
    )
    user: 'models.ForeignKey[Any, Any]' = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name='dmr_tokens',
    )
    created: 'models.DateTimeField[datetime, datetime]' = models.DateTimeField(
        default=timezone.now, editable=False
    )
    last_used: 'models.DateTimeField[datetime | None, datetime | None]' = models.DateTimeField(
        null=True, blank=True, editable=False
    )
    expires: 'models.DateTimeField[datetime | None, datetime | None]' = models.DateTimeField(
        null=True,
        blank=True,
        help_text='Empty: the token does not expire.',
    )
    lookup: 'models.CharField[str, str]' = models.CharField(
        max_length=token_format.LOOKUP_LENGTH, db_index=True, editable=False
    )
    digest: 'models.CharField[str, str]' = models.CharField(
        max_length=64, unique=True, editable=False
    )

    objects: ClassVar[TokenManager] = TokenManager()

    class Meta:
        """Newest first."""

        verbose_name = 'API token'
        ordering = ('-created',)

    def __str__(self) -> str:
        return f'{self.name or "token"} ({token_format.PREFIX}{self.lookup}...)'

    def new_secret(self) -> str:
        """Give this token a new secret and return it: the only time it can be seen.

        Save the token afterwards; the secret that it had stops working then.
        """
        secret, parsed = token_format.new_token()
        self.lookup, self.digest = parsed.lookup, parsed.digest
        return secret

    def usable(self, now: datetime | None = None) -> bool:
        """Not expired, and its user may log in (``is_active``, as Django's backend checks)."""
        if self.expires is not None and self.expires <= (now or timezone.now()):
            return False
        return bool(getattr(self.user, 'is_active', True))


def _expiry(expires_in: timedelta | None) -> datetime | None:
    return None if expires_in is None else timezone.now() + expires_in


def _match(
    candidates: Iterable[Token],
    parsed: token_format.ParsedToken,
    now: datetime,
) -> Token | None:
    found = None
    for token in candidates:
        if hmac.compare_digest(token.digest, parsed.digest):
            found = token
    return found if found is not None and found.usable(now) else None


def _due(token: Token, now: datetime, touch_every: timedelta | None) -> bool:
    if touch_every is None:
        return False
    return token.last_used is None or token.last_used <= now - touch_every
