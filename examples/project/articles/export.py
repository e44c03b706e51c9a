"""An article as a Markdown file, kept in ``MEDIA_ROOT`` and downloaded as an attachment.

Each version of an article (its id and the time of its last change) is
written once, to ``MEDIA_ROOT/exports/``, and served from there by later
downloads. Under ASGI the file is streamed in blocks (``FileDownload``).
The endpoint is public, like the other reads, and throttled by client
address, as a download costs more than a read.
"""

import os
import tempfile
from pathlib import Path as FilePath

from django.conf import settings
from django.http import HttpResponseBase
from dmr import Controller, Path, ResponseSpec, validate
from dmr.downloads import FileBody, FileDownload
from dmr.openapi import OperationInfo
from dmr.throttling import Throttle, by_ip

from articles.controllers import get_article
from articles.models import Article
from articles.schemas import ArticlePath
from newsroom.errors import not_found_spec

MARKDOWN = 'text/markdown'
EXPORTS = 'exports'
"""The folder of ``MEDIA_ROOT`` that holds the exported articles."""


def markdown(article: Article) -> str:
    """The article as Markdown: its title, author and tags, then its body."""
    tags = ', '.join(tag.slug for tag in article.tags.all()) or 'none'
    return f'# {article.title}\n\nBy {article.author.name}. Tags: {tags}.\n\n{article.body}\n'


def exported(article: Article) -> FilePath:
    """The file of this version of ``article``, written now if it was not yet.

    The file is written beside its final name and renamed into place, so a
    concurrent download never reads half of it.
    """
    folder = FilePath(settings.MEDIA_ROOT, EXPORTS)
    version = int(article.updated_at.timestamp() * 1_000_000)
    file = folder / f'article-{article.pk}-{version}.md'
    if not file.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, partial = tempfile.mkstemp(dir=folder, suffix='.partial')
        with os.fdopen(descriptor, 'w', encoding='utf-8') as out:
            out.write(markdown(article))
        os.replace(partial, file)
    return file


class ArticleFileController(Controller):
    """One article, as a file."""

    # Not a List or Detail controller: its operationId is its own.
    operation = OperationInfo(tags=['articles'], operation_id='exportArticle')
    throttles = (Throttle('30/minute', key=by_ip),)

    @validate(
        ResponseSpec(FileBody(MARKDOWN), status_code=200, description='The article in Markdown'),
        not_found_spec('No article has this id'),
    )
    def get(self, path: Path[ArticlePath]) -> HttpResponseBase:
        """Download an article as a Markdown file.

        The file is an attachment named after the article's slug. ``HEAD``
        answers its headers, its length included, without the file.
        """
        article = get_article(path.article_id)
        return FileDownload(
            exported(article).open('rb'),
            filename=f'{article.slug}.md',
            content_type=MARKDOWN,
        )
