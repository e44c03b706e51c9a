"""``manage.py load_demo_data`` can run again and again."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article
from tags.models import Tag
from users.models import User

pytestmark = pytest.mark.django_db


def load() -> str:
    out = io.StringIO()
    call_command('load_demo_data', stdout=out)
    return out.getvalue().strip()


def counts() -> tuple[int, int, int, int]:
    return (
        User.objects.count(),
        Tag.objects.count(),
        Article.objects.count(),
        Article.tags.through.objects.count(),
    )


def test_a_second_load_creates_nothing():
    assert load() == 'Demo data: 16 rows created, 0 already there.'
    first = counts()

    assert load() == 'Demo data: 0 rows created, 16 already there.'
    assert counts() == first == (3, 5, 5, 8)


def test_a_load_resets_demo_rows_and_leaves_other_rows_alone():
    load()
    Tag.objects.filter(slug='rest').update(name='Renamed')
    Article.objects.get(slug='a-draft').tags.set(Tag.objects.all())
    User.objects.create(email='me@example.com', name='Me')

    assert load() == 'Demo data: 0 rows created, 16 already there.'
    assert Tag.objects.get(slug='rest').name == 'REST'
    assert not Article.objects.get(slug='a-draft').tags.exists()
    assert User.objects.filter(email='me@example.com').exists()


def test_the_api_serves_the_demo_data(client):
    load()

    published = client.get('/api/articles/', {'published': 'true'}).json()
    tags = client.get('/api/tags/').json()

    assert (len(published['items']), published['next']) == (4, None)
    assert {tag['slug']: tag['articles'] for tag in tags} == {
        'async': 1,
        'django': 2,
        'openapi': 1,
        'python': 2,
        'rest': 2,
    }
