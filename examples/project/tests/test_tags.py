"""The tags API: async controllers on Django's async ORM, driven by the sync test client."""

import pytest

from tags import controllers
from tags.models import Tag
from tests.helpers import locs, write_article

pytestmark = pytest.mark.django_db

TAGS = '/api/tags/'


def test_create_answers_201_with_the_tag(dmr_client, editor):
    response = dmr_client.post(TAGS, {'slug': 'django', 'name': 'Django'}, as_user=editor)

    assert response.status_code == 201
    assert response.json() == {'slug': 'django', 'name': 'Django', 'articles': 0}
    assert Tag.objects.get().name == 'Django'


def test_create_with_a_taken_slug_answers_409(dmr_client, editor, tags):
    response = dmr_client.post(TAGS, {'slug': 'django', 'name': 'Django again'}, as_user=editor)

    assert response.status_code == 409
    assert response.json()['detail'] == [
        {
            'msg': 'A tag with this slug already exists',
            'loc': ['body', 'slug'],
            'type': 'api_error',
        },
    ]


def test_a_slug_taken_between_check_and_write_still_answers_409(
    dmr_client, editor, tags, monkeypatch
):
    """A concurrent write that passes the check meets the unique constraint instead."""

    async def no_check(slug, *, besides=None):
        return None

    monkeypatch.setattr(controllers, 'check_slug_free', no_check)

    response = dmr_client.post(TAGS, {'slug': 'django', 'name': 'Django again'}, as_user=editor)

    assert response.status_code == 409
    assert locs(response) == [['body', 'slug']]


@pytest.mark.parametrize('slug', ['Django', 'two words', 'trailing-', ''])
def test_create_with_an_invalid_slug_answers_400(dmr_client, editor, slug):
    response = dmr_client.post(TAGS, {'slug': slug, 'name': 'Name'}, as_user=editor)

    assert response.status_code == 400
    # Every error points at the slug. The empty one breaks two constraints,
    # its length and its pattern: msgspec and pydantic report the first, the
    # attrs backend both (tests/switching_probe.py lists such requests).
    assert {tuple(loc) for loc in locs(response)} == {('body', 'slug')}


def test_list_answers_every_tag_by_slug_with_its_article_count(client, ada, tags):
    write_article(ada, 'one', tags['django'], tags['python'])
    write_article(ada, 'two', tags['django'])

    response = client.get(TAGS)

    assert response.status_code == 200
    assert response.json() == [
        {'slug': 'django', 'name': 'Django', 'articles': 2},
        {'slug': 'python', 'name': 'Python', 'articles': 1},
        {'slug': 'rest', 'name': 'REST', 'articles': 0},
    ]


def test_search_matches_the_slug_or_the_name_in_any_case(client, tags):
    Tag.objects.create(slug='http', name='Web protocols and REST')

    found = client.get(TAGS, {'search': 'rEsT'}).json()

    assert [tag['slug'] for tag in found] == ['http', 'rest']


def test_an_empty_search_answers_400(client, db):
    response = client.get(TAGS, {'search': ''})

    assert response.status_code == 400
    assert locs(response) == [['query', 'search']]


def test_read_answers_the_tag(client, ada, tags):
    write_article(ada, 'one', tags['rest'])

    response = client.get(f'{TAGS}rest/')

    assert (response.status_code, response.json()) == (
        200,
        {'slug': 'rest', 'name': 'REST', 'articles': 1},
    )


def test_read_an_unknown_slug_answers_404(client, db):
    response = client.get(f'{TAGS}nope/')

    assert response.status_code == 404
    assert response.json()['detail'] == [
        {'msg': "No tag has slug 'nope'", 'loc': ['path', 'slug'], 'type': 'not_found'},
    ]


def test_replace_renames_the_tag_and_its_articles_keep_it(dmr_client, editor, ada, tags):
    article = write_article(ada, 'one', tags['rest'])

    response = dmr_client.put(
        f'{TAGS}rest/', {'slug': 'restful', 'name': 'RESTful'}, as_user=editor
    )

    assert (response.status_code, response.json()) == (
        200,
        {'slug': 'restful', 'name': 'RESTful', 'articles': 1},
    )
    assert list(article.tags.values_list('slug', flat=True)) == ['restful']


def test_replace_with_the_slug_of_another_tag_answers_409(dmr_client, editor, tags):
    response = dmr_client.put(f'{TAGS}rest/', {'slug': 'django', 'name': 'REST'}, as_user=editor)

    assert response.status_code == 409
    assert Tag.objects.filter(slug='rest').exists()


def test_replace_an_unknown_slug_answers_404(dmr_client, editor, db):
    assert (
        dmr_client.put(
            f'{TAGS}nope/', {'slug': 'nope', 'name': 'Nope'}, as_user=editor
        ).status_code
        == 404
    )


def test_delete_answers_204_and_its_articles_lose_it(dmr_client, editor, ada, tags):
    article = write_article(ada, 'one', tags['rest'], tags['django'])

    response = dmr_client.delete(f'{TAGS}rest/', as_user=editor)

    assert (response.status_code, response.content) == (204, b'')
    assert list(article.tags.values_list('slug', flat=True)) == ['django']


def test_delete_an_unknown_slug_answers_404(dmr_client, editor, db):
    assert dmr_client.delete(f'{TAGS}nope/', as_user=editor).status_code == 404
