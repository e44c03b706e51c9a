"""An article downloaded as a Markdown file, kept in MEDIA_ROOT and throttled."""

from pathlib import Path

import pytest
from django.core.cache import cache

from tests.helpers import write_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    """A MEDIA_ROOT of the test's own, and no download counted yet."""
    settings.MEDIA_ROOT = str(tmp_path)
    cache.clear()
    return tmp_path


@pytest.fixture
def article(ada, tags):
    return write_article(
        ada, 'hello-dmr', tags['rest'], tags['django'], title='Hello, dmr', body='Typed views.'
    )


def export_url(article) -> str:
    return f'/api/articles/{article.pk}/export/'


def test_an_article_downloads_as_a_markdown_attachment(client, article):
    """The file is the article in Markdown, an attachment named after its slug."""
    response = client.get(export_url(article))

    assert response.status_code == 200
    assert response['Content-Type'] == 'text/markdown'
    assert response['Content-Disposition'] == 'attachment; filename="hello-dmr.md"'
    text = b''.join(response.streaming_content).decode()
    assert text.startswith('# Hello, dmr\n\nBy Ada Lovelace. Tags: ')
    assert {'django', 'rest'} <= set(text.split('Tags: ')[1].split('.')[0].split(', '))
    assert text.endswith('\n\nTyped views.\n')


def test_the_file_is_kept_in_media_root(client, article, media):
    """The export is written once to MEDIA_ROOT/exports/, and served from there again."""
    first = b''.join(client.get(export_url(article)).streaming_content)
    [kept] = (media / 'exports').iterdir()
    second = b''.join(client.get(export_url(article)).streaming_content)

    assert kept.read_bytes() == first == second
    assert list((media / 'exports').iterdir()) == [kept]


def test_a_changed_article_gets_a_new_file(client, article, media):
    """Once the article changes, the download has the new text."""
    b''.join(client.get(export_url(article)).streaming_content)
    article.title = 'Hello again'
    article.save()

    text = b''.join(client.get(export_url(article)).streaming_content).decode()

    assert text.startswith('# Hello again\n')
    assert len(list((media / 'exports').iterdir())) == 2


def test_head_answers_the_headers_only(client, article):
    """``HEAD`` gives the file's headers and length, without the file."""
    length = len(b''.join(client.get(export_url(article)).streaming_content))

    response = client.head(export_url(article))

    assert response.status_code == 200
    assert response['Content-Length'] == str(length)
    assert b''.join(response.streaming_content) == b''


def test_an_unknown_article_is_a_404_in_the_error_model(client, db):
    """An id no article has is the project's usual 404, not a file."""
    response = client.get('/api/articles/999/export/')

    assert response.status_code == 404
    assert response.json()['detail'][0]['loc'] == ['path', 'article_id']


def test_downloads_are_throttled_by_client_address(client, article):
    """The 31st download in a minute from one address is a 429 with Retry-After."""
    for _ in range(30):
        assert client.head(export_url(article)).status_code == 200

    response = client.get(export_url(article))

    assert response.status_code == 429
    assert response.json()['detail'][0]['type'] == 'throttled'
    assert int(response['Retry-After']) > 0


def test_the_document_describes_the_file(client):
    """The export operation documents the Markdown file, its disposition, 404 and 429."""
    document = client.get('/docs/openapi.json/').json()
    responses = document['paths']['/api/articles/{article_id}/export/']['get']['responses']

    assert responses['200']['content'] == {
        'text/markdown': {'schema': {'type': 'string', 'contentMediaType': 'text/markdown'}},
    }
    assert 'Content-Disposition' in responses['200']['headers']
    assert {'404', '429'} <= set(responses)
