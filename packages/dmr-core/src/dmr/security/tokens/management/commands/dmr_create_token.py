"""``manage.py dmr_create_token USERNAME [--name NAME] [--expires-in 30d]``.

Prints the new token's secret on standard output, alone on its line, so
scripts can capture it (``TOKEN=$(manage.py dmr_create_token ci-bot)``);
what was created goes to standard error. The secret is not stored and cannot
be shown again.
"""

import re
from datetime import timedelta
from typing import Any, cast

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dmr.security.tokens.models import NAME_MAX_LENGTH, Token

_UNITS = {'s': 'seconds', 'm': 'minutes', 'h': 'hours', 'd': 'days', 'w': 'weeks'}
_DURATION = re.compile(r'([1-9][0-9]{0,5})([smhdw])')


def duration(text: str) -> timedelta:
    """``'90m'``, ``'12h'``, ``'30d'``, ``'8w'`` (or ``'45s'``) as a ``timedelta``."""
    match = _DURATION.fullmatch(text)
    if match is None:
        raise ValueError(
            f'{text!r} is not a duration: a whole number and one of s, m, h, d, w (say 30d)',
        )
    return timedelta(**{_UNITS[match[2]]: int(match[1])})


class Command(BaseCommand):
    """Create an API token for a user and print its secret once."""

    help = 'Create an API token for a user and print its secret (shown only this once).'

    def add_arguments(self, parser: CommandParser) -> None:
        """``USERNAME``, ``--name``, ``--expires-in``."""
        parser.add_argument('username', help='The user the token authenticates as.')
        parser.add_argument('--name', default='', help='What the token is for.')
        parser.add_argument(
            '--expires-in',
            default=None,
            help='How long it lives: 90m, 12h, 30d, 8w (default: until revoked).',
        )

    def handle(self, *_args: Any, **options: Any) -> None:
        """Create the token and write its secret to standard output."""
        try:
            expires_in = None if options['expires_in'] is None else duration(options['expires_in'])
        except ValueError as error:
            raise CommandError(f'--expires-in: {error}') from None
        name = options['name']
        if len(name) > NAME_MAX_LENGTH or not name.isprintable():
            raise CommandError(f'--name: at most {NAME_MAX_LENGTH} printable characters')
        user_model = get_user_model()
        # Typed as a manager by django-stubs without their mypy plugin.
        username_field = cast('str', user_model.USERNAME_FIELD)
        try:
            user = user_model._default_manager.get(**{username_field: options['username']})
        except user_model.DoesNotExist:
            raise CommandError(f'There is no user {options["username"]!r}') from None
        if not getattr(user, 'is_active', True):
            raise CommandError(f'{options["username"]!r} is inactive: its tokens would be refused')
        token, secret = Token.objects.issue(user, name=name, expires_in=expires_in)
        until = 'until revoked' if token.expires is None else f'until {token.expires.isoformat()}'
        self.stderr.write(f'Created token {token} for {options["username"]!r}, valid {until}.')
        self.stdout.write(secret)
