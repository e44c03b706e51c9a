"""The tokens' admin and ``manage.py dmr_create_token``."""

import re
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User as DjangoUser
from django.core.management import CommandError, call_command
from django.test import Client

from dmr.security.tokens import format as token_format
from dmr.security.tokens.models import Token

pytestmark = [pytest.mark.urls('tests.tokens_app'), pytest.mark.django_db(transaction=True)]

SECRET = re.compile(r'dmr_[0-9A-Za-z]{49}')


@pytest.fixture
def alice() -> DjangoUser:
    return DjangoUser.objects.create_user('alice', password='alice-pw')


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(DjangoUser.objects.create_superuser('root', password='root-pw'))
    return client


def authenticates(secret: str) -> bool:
    response = Client().get('/sync/token/', headers={'Authorization': f'Bearer {secret}'})
    return bool(response.status_code == 200)


def test_adding_a_token_in_the_admin_shows_its_secret_once(admin_client: Client, alice: Any):
    """The add form makes a token and shows its secret in a message; the secret works."""
    response = admin_client.post(
        '/admin/dmr_tokens/token/add/',
        {'name': 'ci', 'user': alice.pk, 'expires_0': '', 'expires_1': ''},
        follow=True,
    )
    assert response.status_code == 200
    (secret,) = set(SECRET.findall(response.content.decode()))
    assert 'will not be shown again' in response.content.decode()
    token = Token.objects.get()
    assert (token.name, token.user, token.lookup) == ('ci', alice, secret[4:12])
    assert token.digest == token_format.digest(secret)
    assert authenticates(secret)
    page = admin_client.get(f'/admin/dmr_tokens/token/{token.pk}/change/').content.decode()
    assert secret not in page
    assert token.digest not in page


def test_editing_a_token_keeps_its_secret(admin_client: Client, alice: Any):
    """Saving the change form renames the token; its secret still works, no new one is shown."""
    token, secret = Token.objects.issue(alice, name='old')
    response = admin_client.post(
        f'/admin/dmr_tokens/token/{token.pk}/change/',
        {'name': 'new', 'expires_0': '', 'expires_1': ''},
        follow=True,
    )
    assert response.status_code == 200
    assert not SECRET.search(response.content.decode())
    assert Token.objects.get().name == 'new'
    assert authenticates(secret)


def test_the_admin_lists_and_searches_tokens(admin_client: Client, alice: Any):
    """The list shows names and lookups; searching by user name finds that user's tokens."""
    carol = DjangoUser.objects.create_user('carol')
    mine, _ = Token.objects.issue(alice, name='alice-laptop')
    theirs, _ = Token.objects.issue(carol, name='carol-phone')
    listing = admin_client.get('/admin/dmr_tokens/token/').content.decode()
    assert 'alice-laptop' in listing
    assert theirs.lookup in listing
    found = admin_client.get('/admin/dmr_tokens/token/?q=carol').content.decode()
    assert 'carol-phone' in found
    assert 'alice-laptop' not in found
    assert str(mine) == f'alice-laptop (dmr_{mine.lookup}...)'


def create(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command('dmr_create_token', *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_prints_the_secret_alone(alice: Any):
    """Standard output is the secret and a newline; standard error says what was made."""
    out, err = create('alice', '--name', 'ci')
    secret = out.strip()
    assert SECRET.fullmatch(secret)
    assert out == secret + '\n'
    assert "for 'alice'" in err
    assert 'until revoked' in err
    assert Token.objects.get().name == 'ci'
    assert authenticates(secret)


@pytest.mark.parametrize(
    ('text', 'seconds'),
    [('45s', 45), ('90m', 5400), ('12h', 43200), ('30d', 2592000), ('2w', 1209600)],
)
def test_the_command_sets_the_expiry(alice: Any, text: str, seconds: int):
    """``--expires-in`` takes a number and a unit: s, m, h, d or w."""
    _, err = create('alice', '--expires-in', text)
    token = Token.objects.get()
    assert token.expires is not None
    assert abs((token.expires - token.created).total_seconds() - seconds) < 1
    assert f'until {token.expires.isoformat()}' in err


@pytest.mark.parametrize('text', ['30', 'd', '0d', '-1d', '1y', '1.5h', '9999999d', '30d\n'])
def test_the_command_refuses_a_bad_duration(alice: Any, text: str):
    """A duration it cannot read is an error that says how to write one; no token is made."""
    with pytest.raises(CommandError, match=r'--expires-in: .* is not a duration'):
        create('alice', f'--expires-in={text}')
    assert not Token.objects.exists()


def test_the_command_refuses_an_unknown_user():
    """No such user: an error naming it."""
    with pytest.raises(CommandError, match="There is no user 'nobody'"):
        create('nobody')


def test_the_command_refuses_an_inactive_user():
    """A token of an inactive user would be refused: it is not made."""
    DjangoUser.objects.create_user('bob', is_active=False)
    with pytest.raises(CommandError, match="'bob' is inactive"):
        create('bob')
    assert not Token.objects.exists()


@pytest.mark.parametrize('name', ['x' * 101, 'tab\there'])
def test_the_command_refuses_a_bad_name(alice: Any, name: str):
    """Names are printable and at most 100 characters."""
    with pytest.raises(CommandError, match='--name: at most 100 printable characters'):
        create('alice', '--name', name)
