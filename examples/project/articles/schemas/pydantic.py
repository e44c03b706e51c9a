"""What the articles API reads and writes, as pydantic models.

The same fields, constraints and defaults as :mod:`articles.schemas.msgspec`.
"""

import datetime
from typing import Annotated

import pydantic
from dmr.files import UploadedFile

from articles.images_limit import IMAGE_LIMIT
from articles.ordering import Ordering
from newsroom.schemas.pydantic import BODY_CONFIG, CursorQuery
from tags.schemas.pydantic import Slug as TagSlug

ArticleSlug = Annotated[
    str,
    pydantic.Field(
        min_length=1,
        max_length=80,
        pattern=r'^[a-z0-9]+(?:-[a-z0-9]+)*\Z',
        examples=['hello-dmr'],
    ),
]
Title = Annotated[str, pydantic.Field(min_length=1, max_length=200, examples=['Hello, dmr'])]
# Ids are 64-bit database keys: a larger number could never match, and
# SQLite would refuse it in a foreign-key lookup.
Id = Annotated[int, pydantic.Field(ge=1, le=2**63 - 1)]
Search = Annotated[str, pydantic.Field(min_length=1, max_length=100)]
ArticleBody = Annotated[str, pydantic.Field(max_length=10_000)]
# A filter may name as many tags as an article can carry, each no longer than
# a tag's slug: more could never match.
MAX_TAGS = 20
TagFilter = Annotated[str, pydantic.Field(max_length=50)]


class ArticleIn(pydantic.BaseModel):
    """An article as a client creates or replaces it; tags are given by slug."""

    model_config = BODY_CONFIG

    slug: ArticleSlug
    title: Title
    author_id: Id
    body: ArticleBody = ''
    tags: Annotated[list[TagSlug], pydantic.Field(max_length=MAX_TAGS)] = []
    published: bool = False


class AuthorOut(pydantic.BaseModel):
    """Who wrote an article."""

    id: int
    name: str


class ArticleOut(pydantic.BaseModel):
    """An article."""

    id: int
    slug: str
    title: str
    body: str
    published: bool
    author: AuthorOut
    tags: list[str]
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ArticleQuery(CursorQuery):
    """Filters of the article listing; all of them must match."""

    author: Annotated[Id | None, pydantic.Field(description='The id of the author')] = None
    # pydantic copies a default for each instance; a default_factory would keep
    # the document from showing `"default": []`, as msgspec's does.
    tag: Annotated[
        list[TagFilter],
        pydantic.Field(
            max_length=MAX_TAGS,
            description='A tag slug; repeat it to require several tags',
        ),
    ] = []  # noqa: RUF012
    published: bool | None = None
    search: Annotated[
        Search | None,
        pydantic.Field(description='Part of the title or body'),
    ] = None
    ordering: Ordering = Ordering.NEWEST


class ArticlePath(pydantic.BaseModel):
    article_id: int


class ArticleImage(pydantic.BaseModel):
    """The image of an article: PNG, JPEG or WebP, at most 2 MiB."""

    image: Annotated[UploadedFile, IMAGE_LIMIT]


class ArticleImageOut(pydantic.BaseModel):
    """An article's stored image."""

    article_id: int
    content_type: str
    size: int
