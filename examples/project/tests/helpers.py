"""Helpers the test modules share."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.db.backends.signals import connection_created

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


@contextmanager
def every_query() -> Iterator[list[str]]:
    """The SQL of every query run while the block runs, on any thread's connection.

    Under Django's test handler a request queries on the test's connection;
    served over ASGI (``NEWSROOM_ASGI_LANE=1``), on its own thread's.
    """
    queries: list[str] = []

    def record(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        queries.append(sql)
        return execute(sql, *args)

    def watch(sender: Any, connection: Any, **kwargs: Any) -> None:
        connection.execute_wrappers.append(record)

    connection_created.connect(watch)
    try:
        with connection.execute_wrapper(record):
            yield queries
    finally:
        connection_created.disconnect(watch)
