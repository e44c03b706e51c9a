"""The articles as streams: a live feed of new articles (SSE) and an export (JSON Lines).

The feed is async: it polls the database with the async ORM every
``settings.NEWSROOM_FEED_POLL_SECONDS`` and sends each new article as an
event whose id is the article's. A client that reconnects sends the last id
it saw (``Last-Event-ID``) and receives what it missed; a new client starts
with the articles written after it connected. The export is sync and reads
the articles in chunks, so its memory does not grow with their number.
"""

import asyncio
from collections.abc import AsyncIterator, Iterator

from django.conf import settings
from django.db.models import Max
from dmr import APIError, Controller, Headers, modify
from dmr.errors import error_detail, error_model
from dmr.openapi import OperationInfo
from dmr.responses import ERROR_BODY, ResponseSpec
from dmr.streaming import SSE, EventStream, JsonLines, LastEventId

from articles.controllers import article_out, articles
from articles.models import Article
from articles.schemas import ArticleOut

NOT_AN_ARTICLE_ID = 'Raised when `Last-Event-ID` is not the id of an article event'
BATCH = 100
"""Articles read in one query, by the feed and by the export."""


class ArticleFeedController(Controller):
    """New articles, as they are written."""

    operation = OperationInfo(tags=['articles'], operation_id='followArticles')
    auth = None
    permissions = ()

    @modify(
        extra_responses=[
            ResponseSpec(ERROR_BODY, status_code=400, description=NOT_AN_ARTICLE_ID),
        ],
    )
    async def get(self, headers: Headers[LastEventId]) -> EventStream[ArticleOut]:
        """Follow new articles (Server-Sent Events).

        Each event is an ``article`` whose id is the article's id. To resume
        after a lost connection, send the last id received as
        ``Last-Event-ID``: the articles written since come first.
        """
        last = headers.get('last_event_id')
        if last is None:
            after = (await Article.objects.aaggregate(last=Max('pk')))['last'] or 0
        elif last.isascii() and last.isdigit():
            after = int(last)
        else:
            raise APIError(
                error_model(
                    [error_detail('Not an article id', ['headers', 'last_event_id'])],
                ),
                status_code=400,
            )
        return follow(after, settings.NEWSROOM_FEED_POLL_SECONDS)


async def follow(after: int, every: float) -> AsyncIterator[SSE[ArticleOut]]:
    """Articles with an id above ``after``, in order, polling every ``every`` seconds."""
    while True:
        batch = [
            article async for article in articles().filter(pk__gt=after).order_by('pk')[:BATCH]
        ]
        for article in batch:
            after = article.pk
            yield SSE(article_out(article), id=str(article.pk), event='article')
        if len(batch) < BATCH:
            await asyncio.sleep(every)


class ArticleExportController(Controller):
    """Every article, at once."""

    operation = OperationInfo(tags=['articles'], operation_id='exportArticles')
    auth = None
    permissions = ()

    def get(self) -> JsonLines[ArticleOut]:
        """Export every article (JSON Lines), oldest first.

        One article per line, as the article endpoints write it; the export
        is read from the database in batches as it is sent.
        """
        return export()


def export() -> Iterator[ArticleOut]:
    """Every article, oldest first, read in batches."""
    for article in articles().order_by('pk').iterator(chunk_size=BATCH):
        yield article_out(article)
