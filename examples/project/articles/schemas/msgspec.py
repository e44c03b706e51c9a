"""What the articles API reads and writes, as msgspec Structs."""

import datetime
from typing import Annotated

import msgspec
from dmr.files import UploadedFile

from articles.images_limit import IMAGE_LIMIT
from articles.ordering import Ordering
from newsroom.schemas.msgspec import CursorQuery
from tags.schemas.msgspec import Slug as TagSlug

ArticleSlug = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=80,
        pattern=r'^[a-z0-9]+(?:-[a-z0-9]+)*\Z',
        examples=['hello-dmr'],
    ),
]
Title = Annotated[str, msgspec.Meta(min_length=1, max_length=200, examples=['Hello, dmr'])]
# Ids are 64-bit database keys: a larger number could never match, and
# SQLite would refuse it in a foreign-key lookup.
Id = Annotated[int, msgspec.Meta(ge=1, le=2**63 - 1)]
Search = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
ArticleBody = Annotated[str, msgspec.Meta(max_length=10_000)]
# A filter may name as many tags as an article can carry, each no longer than
# a tag's slug: more could never match.
MAX_TAGS = 20
TagFilter = Annotated[str, msgspec.Meta(max_length=50)]


class ArticleIn(msgspec.Struct, forbid_unknown_fields=True):
    """An article as a client creates or replaces it; tags are given by slug."""

    slug: ArticleSlug
    title: Title
    author_id: Id
    body: ArticleBody = ''
    tags: Annotated[list[TagSlug], msgspec.Meta(max_length=MAX_TAGS)] = []
    published: bool = False


class AuthorOut(msgspec.Struct):
    """Who wrote an article."""

    id: int
    name: str


class ArticleOut(msgspec.Struct):
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

    author: Annotated[Id | None, msgspec.Meta(description='The id of the author')] = None
    tag: Annotated[
        list[TagFilter],
        msgspec.Meta(
            max_length=MAX_TAGS,
            description='A tag slug; repeat it to require several tags',
        ),
    ] = msgspec.field(default_factory=list)
    published: bool | None = None
    search: Annotated[
        Search | None,
        msgspec.Meta(description='Part of the title or body'),
    ] = None
    ordering: Ordering = Ordering.NEWEST


class ArticlePath(msgspec.Struct):
    article_id: int


class ArticleImage(msgspec.Struct):
    """The image of an article: PNG, JPEG or WebP, at most 2 MiB."""

    image: Annotated[UploadedFile, IMAGE_LIMIT]


class ArticleImageOut(msgspec.Struct):
    """An article's stored image."""

    article_id: int
    content_type: str
    size: int
