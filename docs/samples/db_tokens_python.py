"""Tokens from Python: issue one, find it, revoke it."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.core.management import call_command
from dmr.security.tokens.models import Token

grace = User.objects.create_user('grace')

token, secret = Token.objects.issue(grace, name='ci', expires_in=timedelta(days=90))
# `secret` is shown once: the database keeps its first characters and its SHA-256 digest.
assert secret[4:12] == token.lookup
assert secret not in {token.lookup, token.digest}

assert Token.objects.find(secret) == token  # what TokenAuth does (afind when async)
assert Token.objects.find('dmr_not-a-token') is None  # no query: refused by its format

token.delete()  # revoked
assert Token.objects.find(secret) is None

# The same from the shell: `python manage.py dmr_create_token grace --name ci --expires-in 90d`
call_command('dmr_create_token', 'grace', '--name', 'ci', '--expires-in', '90d')
assert Token.objects.get(user=grace).name == 'ci'
