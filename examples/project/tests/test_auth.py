"""Logging in and writing: sessions with their CSRF token, JWTs, and who may change what.

Reads are public; every write needs a login; an article is changed only by
its author. The articles API is sync and the tags API async, so each rule is
checked on both (the async controllers are driven by the sync test client,
which runs them on their async path). Tests about credentials send real ones;
the others act as a user with ``as_user=``.
"""

import pytest
from django.test import Client

from articles.models import Article
from tags.models import Tag
from tests.conftest import PASSWORD, on_the_lane
from tests.helpers import write_article

pytestmark = pytest.mark.django_db

ARTICLES = '/api/articles/'
TAGS = '/api/tags/'
NOT_AUTHENTICATED = {
    'msg': 'Authentication credentials were not provided',
    'loc': [],
    'type': 'not_authenticated',
}


def token_for(client, username: str, password: str = PASSWORD):
    return client.post('/api/auth/token/', {'username': username, 'password': password})


def bearer(dmr_client, username: str) -> dict[str, str]:
    pair = token_for(dmr_client, username).json()
    return {'Authorization': f'Bearer {pair["access"]}'}


def logged_in(username: str) -> tuple[Client, dict[str, str]]:
    """A client that enforces CSRF like a browser, logged in, and its CSRF header."""
    browser = on_the_lane(Client(enforce_csrf_checks=True))
    token = browser.get('/api/auth/csrf/').json()['csrf_token']
    response = browser.post(
        '/api/auth/login/',
        {'username': username, 'password': PASSWORD},
        content_type='application/json',
        headers={'X-CSRFToken': token},
    )
    assert response.json() == {'username': username}
    # Logging in rotates the token.
    return browser, {'X-CSRFToken': browser.get('/api/auth/csrf/').json()['csrf_token']}


@pytest.mark.parametrize('path', [ARTICLES, TAGS, '/api/users/'])
def test_reads_are_public(client, ada, path):
    """A listing needs no credentials."""
    assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    ('method', 'path'),
    [('post', ARTICLES), ('post', TAGS), ('post', '/api/users/'), ('delete', f'{TAGS}rest/')],
)
def test_a_write_without_credentials_answers_401(client, tags, method, path):
    """Sync (articles, users) and async (tags) writes alike; both schemes are offered."""
    response = getattr(client, method)(path, {}, content_type='application/json')

    assert response.status_code == 401
    assert response.json() == {'detail': [NOT_AUTHENTICATED]}
    assert response['WWW-Authenticate'] == 'Bearer realm="api"'


def test_a_jwt_obtained_with_a_password_writes_an_article(dmr_client, ada):
    """The token endpoint trades the demo credentials for a bearer token that writes."""
    payload = {'slug': 'by-token', 'title': 'By token', 'author_id': ada.pk}

    response = dmr_client.post(ARTICLES, payload, headers=bearer(dmr_client, ada.email))

    assert response.status_code == 201
    assert Article.objects.get().author == ada


def test_a_jwt_writes_a_tag_on_the_async_api(dmr_client, ada):
    """The async tags API checks the same token on the auth's async path."""
    payload = {'slug': 'jwt', 'name': 'JWT'}

    response = dmr_client.post(TAGS, payload, headers=bearer(dmr_client, ada.email))

    assert response.status_code == 201
    assert Tag.objects.filter(slug='jwt').exists()


@pytest.mark.parametrize('password', [PASSWORD + 'x', ''])
def test_a_wrong_password_gets_no_token(dmr_client, ada, password):
    """Every failed obtain is the same 401, whatever was wrong."""
    response = token_for(dmr_client, ada.email, password)
    unknown = token_for(dmr_client, 'nobody@example.com')

    assert response.status_code == unknown.status_code == 401
    assert response.json() == unknown.json()


def test_a_forged_token_answers_401(dmr_client, ada):
    """A token not signed with the project's key is refused before any query."""
    headers = {'Authorization': 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.'}

    response = dmr_client.post(TAGS, {'slug': 'x', 'name': 'X'}, headers=headers)

    assert response.status_code == 401
    assert response.json()['detail'][0]['type'] == 'not_authenticated'


def test_a_session_login_writes_with_the_csrf_token(ada):
    """Login (CSRF first), then a write that sends the rotated token back."""
    browser, csrf = logged_in(ada.email)
    payload = {'slug': 'by-session', 'title': 'By session', 'author_id': ada.pk}

    response = browser.post(ARTICLES, payload, content_type='application/json', headers=csrf)

    assert response.status_code == 201


def test_a_session_write_without_the_csrf_token_answers_403_csrf_failed(ada):
    """The session cookie alone does not write: 403 ``csrf_failed`` in the error model."""
    browser, _ = logged_in(ada.email)

    response = browser.post(
        TAGS, {'slug': 'forged', 'name': 'Forged'}, content_type='application/json'
    )

    assert response.status_code == 403
    assert response['Content-Type'] == 'application/json'
    [detail] = response.json()['detail']
    assert detail['type'] == 'csrf_failed'
    assert not Tag.objects.filter(slug='forged').exists()


def test_a_login_with_a_wrong_password_answers_401(ada, new_client):
    """The session login tells nothing about accounts either."""
    browser = new_client
    response = browser.post(
        '/api/auth/login/',
        {'username': ada.email, 'password': 'wrong'},
        content_type='application/json',
    )

    assert response.status_code == 401
    assert response.json()['detail'][0]['msg'] == 'Invalid user name or password'


def test_logout_ends_the_session(ada):
    """After logout, the same cookie writes nothing."""
    browser, csrf = logged_in(ada.email)
    assert browser.post('/api/auth/logout/', headers=csrf).status_code == 204

    response = browser.post(
        TAGS, {'slug': 'late', 'name': 'Late'}, content_type='application/json', headers=csrf
    )

    assert response.status_code == 401


def test_another_users_article_cannot_be_replaced(dmr_client, ada, grace):
    """Only the author changes an article: 403 ``permission_denied`` for anyone else."""
    article = write_article(ada, 'by-ada')
    payload = {'slug': 'mine-now', 'title': 'Mine now', 'author_id': grace.pk}

    response = dmr_client.put(f'{ARTICLES}{article.pk}/', payload, as_user=grace.account)

    assert response.status_code == 403
    assert response.json()['detail'][0]['type'] == 'permission_denied'
    assert Article.objects.get().slug == 'by-ada'


def test_another_users_article_cannot_be_deleted(dmr_client, ada, grace):
    """Deleting is the author's too."""
    article = write_article(ada, 'by-ada')

    response = dmr_client.delete(f'{ARTICLES}{article.pk}/', as_user=grace.account)

    assert response.status_code == 403
    assert Article.objects.exists()


def test_an_article_is_written_as_ones_own_profile(dmr_client, ada, grace):
    """Naming another author is a 403: nobody writes in someone else's name."""
    payload = {'slug': 'as-ada', 'title': 'As Ada', 'author_id': ada.pk}

    response = dmr_client.post(ARTICLES, payload, as_user=grace.account)

    assert response.status_code == 403
    assert not Article.objects.exists()


def test_an_author_cannot_give_an_article_away(dmr_client, ada, grace):
    """Replacing keeps the author: ``author_id`` must stay the writer's own."""
    article = write_article(ada, 'by-ada')
    payload = {'slug': 'by-ada', 'title': 'Given', 'author_id': grace.pk}

    response = dmr_client.put(f'{ARTICLES}{article.pk}/', payload, as_user=ada.account)

    assert response.status_code == 403
    assert Article.objects.get().author == ada


def test_a_profile_is_changed_only_by_its_own_account(dmr_client, ada, grace):
    """Grace may not rename Ada's profile, nor delete it."""
    payload = {'email': 'ada@example.com', 'name': 'Renamed'}

    replaced = dmr_client.put(f'/api/users/{ada.pk}/', payload, as_user=grace.account)
    deleted = dmr_client.delete(f'/api/users/{ada.pk}/', as_user=grace.account)

    assert (replaced.status_code, deleted.status_code) == (403, 403)
    ada.refresh_from_db()
    assert ada.name == 'Ada Lovelace'


def test_an_account_without_a_profile_writes_no_article(dmr_client, editor, ada):
    """A login that is nobody's profile writes tags, but no article."""
    payload = {'slug': 'orphan', 'title': 'Orphan', 'author_id': ada.pk}

    assert dmr_client.post(ARTICLES, payload, as_user=editor).status_code == 403
