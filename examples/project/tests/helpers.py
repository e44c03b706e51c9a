"""Helpers the test modules share."""

from typing import Any

from articles.models import Article
from tags.models import Tag
from users.models import User


def write_article(author: User, slug: str, *tags: Tag, **fields: Any) -> Article:
    """An article straight in the database."""
    fields.setdefault('title', slug.replace('-', ' ').capitalize())
    article = Article.objects.create(author=author, slug=slug, **fields)
    article.tags.set(tags)
    return article


def locs(response: Any) -> list[list[str | int]]:
    """The ``loc`` of every error detail in an error response."""
    return [detail['loc'] for detail in response.json()['detail']]
