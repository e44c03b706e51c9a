import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from tags.models import Tag
from tests.helpers import every_query, locs, write_article

pytestmark = pytest.mark.django_db

ARTICLES = '/api/articles/'


def article_payload(author, **fields):
    return {'slug': 'hello-dmr', 'title': 'Hello, dmr', 'author_id': author.pk} | fields


def test_create_answers_201_with_the_article_its_author_and_tags(dmr_client, ada, tags):
    payload = article_payload(ada, body='Text', tags=['rest', 'django'], published=True)

    response = dmr_client.post(ARTICLES, payload, as_user=ada.account)

    assert response.status_code == 201
    body = response.json()
    article = Article.objects.get()
    assert body == {
        'id': article.pk,
        'slug': 'hello-dmr',
        'title': 'Hello, dmr',
        'body': 'Text',
        'published': True,
        'author': {'id': ada.pk, 'name': 'Ada Lovelace'},
        'tags': ['django', 'rest'],
        'created_at': body['created_at'],
        'updated_at': body['updated_at'],
    }
    assert datetime.datetime.fromisoformat(body['created_at']) == article.created_at


def test_create_with_defaults_is_an_unpublished_article_without_tags(dmr_client, ada):
    body = dmr_client.post(ARTICLES, article_payload(ada), as_user=ada.account).json()

    assert (body['body'], body['tags'], body['published']) == ('', [], False)


def test_create_with_an_unknown_author_and_tags_answers_400_naming_each(dmr_client, editor, tags):
    response = dmr_client.post(
        ARTICLES,
        {**article_payload(tags['rest']), 'author_id': 999}
        | {
            'tags': ['django', 'nope', 'rest', 'missing'],
        },
        as_user=editor,
    )

    assert response.status_code == 400
    assert response.json()['detail'] == [
        {'msg': 'No user has id 999', 'loc': ['body', 'author_id'], 'type': 'value_error'},
        {'msg': "No tag has slug 'nope'", 'loc': ['body', 'tags', 1], 'type': 'value_error'},
        {'msg': "No tag has slug 'missing'", 'loc': ['body', 'tags', 3], 'type': 'value_error'},
    ]
    assert not Article.objects.exists()


def test_create_with_a_body_over_10000_characters_answers_400(dmr_client, ada):
    """An article body longer than the model holds is a 400 at ``body.body``."""
    response = dmr_client.post(
        ARTICLES, article_payload(ada, body='b' * 10_001), as_user=ada.account
    )

    assert response.status_code == 400
    [detail] = response.json()['detail']
    assert (detail['loc'], detail['type']) == (['body', 'body'], 'too_long')
    assert not Article.objects.exists()


def test_a_body_of_10000_characters_is_kept_whole(dmr_client, ada):
    """The longest body the API takes is stored and answered in full."""
    body = '\U0001f600' * 10_000
    response = dmr_client.post(ARTICLES, article_payload(ada, body=body), as_user=ada.account)

    assert response.status_code == 201
    assert response.json()['body'] == body
    assert Article.objects.get().body == body


def test_create_with_a_taken_slug_answers_409(dmr_client, ada):
    write_article(ada, 'hello-dmr')

    response = dmr_client.post(ARTICLES, article_payload(ada), as_user=ada.account)

    assert response.status_code == 409
    assert response.json()['detail'] == [
        {
            'msg': 'An article with this slug already exists',
            'loc': ['body', 'slug'],
            'type': 'api_error',
        },
    ]
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ('fields', 'loc'),
    [
        ({'slug': 'Not A Slug'}, ['body', 'slug']),
        ({'title': ''}, ['body', 'title']),
        ({'author_id': 0}, ['body', 'author_id']),
        ({'tags': ['ok', 'Bad Tag']}, ['body', 'tags', 1]),
        ({'published': 'yes'}, ['body', 'published']),
    ],
)
def test_create_with_an_invalid_field_answers_400(dmr_client, ada, fields, loc):
    response = dmr_client.post(ARTICLES, article_payload(ada, **fields), as_user=ada.account)

    assert response.status_code == 400
    assert locs(response) == [loc]


def test_read_answers_the_article(client, ada, tags):
    article = write_article(ada, 'hello', tags['python'])

    response = client.get(f'{ARTICLES}{article.pk}/')

    assert response.status_code == 200
    assert (response.json()['slug'], response.json()['tags']) == ('hello', ['python'])


def test_read_an_unknown_id_answers_404(client, db):
    response = client.get(f'{ARTICLES}999/')

    assert response.status_code == 404
    assert locs(response) == [['path', 'article_id']]


def test_replace_answers_the_new_article(dmr_client, ada, tags):
    article = write_article(ada, 'hello', tags['python'], tags['rest'])

    response = dmr_client.put(
        f'{ARTICLES}{article.pk}/',
        article_payload(ada, slug='bonjour', title='Bonjour', tags=['django']),
        as_user=ada.account,
    )

    assert response.status_code == 200
    body = response.json()
    assert (body['id'], body['slug'], body['author'], body['tags']) == (
        article.pk,
        'bonjour',
        {'id': ada.pk, 'name': 'Ada Lovelace'},
        ['django'],
    )
    assert body['updated_at'] > body['created_at']


def test_replace_with_the_slug_of_another_article_answers_409(dmr_client, ada):
    write_article(ada, 'taken')
    article = write_article(ada, 'mine')

    response = dmr_client.put(
        f'{ARTICLES}{article.pk}/', article_payload(ada, slug='taken'), as_user=ada.account
    )

    assert response.status_code == 409
    assert Article.objects.get(pk=article.pk).slug == 'mine'


def test_replace_an_unknown_id_answers_404(dmr_client, ada):
    response = dmr_client.put(f'{ARTICLES}999/', article_payload(ada), as_user=ada.account)

    assert response.status_code == 404


def test_delete_answers_204(dmr_client, ada, tags):
    article = write_article(ada, 'hello', tags['python'])

    response = dmr_client.delete(f'{ARTICLES}{article.pk}/', as_user=ada.account)

    assert (response.status_code, response.content) == (204, b'')
    assert not Article.objects.exists()
    assert tags['python'].articles.count() == 0


def test_delete_an_unknown_id_answers_404(dmr_client, editor):
    assert dmr_client.delete(f'{ARTICLES}999/', as_user=editor).status_code == 404


@pytest.fixture
def newsroom(ada, grace, tags):
    """Four articles, written a day apart: 'd' is the newest."""
    rows = [
        (ada, 'a', 'Zebras', [tags['python']], True),
        (ada, 'b', 'Apples', [tags['python'], tags['django']], True),
        (grace, 'c', 'Mangoes', [tags['django']], False),
        (grace, 'd', 'Kiwis in Python', [tags['rest']], True),
    ]
    start = timezone.now() - datetime.timedelta(days=10)
    for day, (author, slug, title, article_tags, published) in enumerate(rows):
        article = write_article(author, slug, *article_tags, title=title, published=published)
        Article.objects.filter(pk=article.pk).update(
            created_at=start + datetime.timedelta(days=day)
        )


def slugs(client, **query):
    response = client.get(ARTICLES, query)
    assert response.status_code == 200, response.content
    return [article['slug'] for article in response.json()['items']]


def test_list_is_newest_first(client, newsroom):
    assert slugs(client) == ['d', 'c', 'b', 'a']


@pytest.mark.parametrize(
    ('ordering', 'expected'),
    [
        ('newest', ['d', 'c', 'b', 'a']),
        ('oldest', ['a', 'b', 'c', 'd']),
        ('title', ['b', 'd', 'c', 'a']),
    ],
)
def test_list_ordering(client, newsroom, ordering, expected):
    assert slugs(client, ordering=ordering) == expected


def test_an_unknown_ordering_answers_400(client, db):
    response = client.get(ARTICLES, {'ordering': 'best'})

    assert response.status_code == 400
    assert locs(response) == [['query', 'ordering']]


def test_filter_by_author(client, newsroom, grace):
    assert slugs(client, author=grace.pk) == ['d', 'c']


def test_filter_by_one_tag(client, newsroom):
    assert slugs(client, tag='python') == ['b', 'a']


def test_filter_by_several_tags_requires_all_of_them(client, newsroom):
    assert slugs(client, tag=['python', 'django']) == ['b']


def test_a_repeated_tag_counts_once(client, newsroom):
    """Naming the same tag twice asks for it once."""
    assert slugs(client, tag=['python', 'python']) == ['b', 'a']


def test_filter_by_as_many_tags_as_an_article_can_carry(client, ada, db):
    """Twenty tags select the articles that carry all twenty, and no other."""
    many = [Tag.objects.create(slug=f'tag-{number}', name=f'Tag {number}') for number in range(20)]
    write_article(ada, 'all', *many)
    write_article(ada, 'all-but-one', *many[1:])

    assert slugs(client, tag=[tag.slug for tag in many]) == ['all']


def listing_sql(client, tags):
    """The SQL of the listing filtered by ``tags``: the page and its count."""
    with every_query() as queries:
        slugs(client, tag=tags)
    return queries


def test_the_tag_filter_costs_the_same_for_any_number_of_tags(client, ada, db):
    """One tag or twenty: the same queries, with the same joins."""
    many = [Tag.objects.create(slug=f'tag-{number}', name=f'Tag {number}') for number in range(20)]
    write_article(ada, 'all', *many)

    one = listing_sql(client, [many[0].slug])
    twenty = listing_sql(client, [tag.slug for tag in many])

    assert len(one) == len(twenty)
    assert [sql.count('JOIN') for sql in one] == [sql.count('JOIN') for sql in twenty]


def test_more_tags_than_an_article_can_carry_answer_400(client, db):
    """A filter naming more tags than any article can carry is refused, never run."""
    response = client.get(ARTICLES, {'tag': [f'tag-{number}' for number in range(32)]})

    assert response.status_code == 400
    [detail] = response.json()['detail']
    assert (detail['loc'], detail['type']) == (['query', 'tag'], 'too_long')


def test_a_tag_longer_than_any_slug_answers_400(client, db):
    """A tag filter longer than a tag's slug can be is refused at its index."""
    response = client.get(ARTICLES, {'tag': ['python', 'x' * 51]})

    assert response.status_code == 400
    [detail] = response.json()['detail']
    assert (detail['loc'], detail['type']) == (['query', 'tag', 1], 'too_long')


@pytest.mark.parametrize(('published', 'expected'), [('true', ['d', 'b', 'a']), ('false', ['c'])])
def test_filter_by_published(client, newsroom, published, expected):
    assert slugs(client, published=published) == expected


def test_search_matches_the_title_in_any_case(client, newsroom):
    assert slugs(client, search='PYTHON') == ['d']


def test_published_null_is_not_a_boolean(client, newsroom):
    """A query string carries no JSON null: ``?published=null`` is a 400, not "no filter"."""
    response = client.get(ARTICLES, {'published': 'null'})

    assert response.status_code == 400
    assert locs(response) == [['query', 'published']]


def test_search_null_searches_for_the_word(client, newsroom):
    """``?search=null`` looks for the text "null", like any other word."""
    assert slugs(client, search='null') == []


def test_filters_combine(client, newsroom, ada):
    assert slugs(client, author=ada.pk, tag='django', published='true') == ['b']


def test_list_pages_by_cursor(client, newsroom):
    """``next`` leads to the following page, ``previous`` back to the first."""
    first = client.get(ARTICLES, {'per_page': 3, 'ordering': 'oldest'}).json()
    second = client.get(ARTICLES, {'per_page': 3, 'ordering': 'oldest', 'cursor': first['next']})
    body = second.json()
    assert [article['slug'] for article in body.pop('items')] == ['d']
    assert body['next'] is None
    back = client.get(ARTICLES, {'per_page': 3, 'ordering': 'oldest', 'cursor': body['previous']})
    assert back.json()['items'] == first['items']


def test_a_cursor_of_another_ordering_is_a_400(client, newsroom):
    """A cursor is signed for its ordering: another ordering refuses it."""
    cursor = client.get(ARTICLES, {'per_page': 1}).json()['next']
    response = client.get(ARTICLES, {'ordering': 'title', 'cursor': cursor})

    assert response.status_code == 400
    assert response.json()['detail'][0]['type'] == 'invalid_cursor'


def test_a_page_costs_two_queries_however_many_articles(client, newsroom):
    with every_query() as queries:
        response = client.get(ARTICLES)

    assert len(queries) == 2  # the page with its authors, their tags; no count
    assert len(response.json()['items']) == 4


def test_author_filter_beyond_64_bits_is_a_400(client):
    """An author id no database key can hold is refused, not looked up (no 500)."""
    response = client.get('/api/articles/?author=99999999999999999999999')
    assert response.status_code == 400
    assert response.json()['detail'][0]['loc'] == ['query', 'author']
