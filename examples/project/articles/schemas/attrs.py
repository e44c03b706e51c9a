"""What the articles API reads and writes, as attrs classes.

The same fields, constraints and defaults as :mod:`articles.schemas.msgspec`.
"""

import datetime
from typing import Annotated

import attrs
from attrs import validators
from dmr.files import UploadedFile

from articles.images_limit import IMAGE_LIMIT
from articles.ordering import Ordering
from newsroom.schemas.attrs import CursorQuery, forbid_unknown_fields, pattern
from tags.schemas.attrs import SLUG as TAG_SLUG

# Ids are 64-bit database keys: a larger number could never match, and
# SQLite would refuse it in a foreign-key lookup.
MAX_ID = 2**63 - 1
# A filter may name as many tags as an article can carry, each no longer than
# a tag's slug: more could never match.
MAX_TAGS = 20


@forbid_unknown_fields
@attrs.frozen
class ArticleIn:
    """An article as a client creates or replaces it; tags are given by slug."""

    slug: str = attrs.field(
        validator=[
            validators.min_len(1),
            validators.max_len(80),
            pattern(r'^[a-z0-9]+(?:-[a-z0-9]+)*\Z'),
        ],
        metadata={'examples': ['hello-dmr']},
    )
    title: str = attrs.field(
        validator=[validators.min_len(1), validators.max_len(200)],
        metadata={'examples': ['Hello, dmr']},
    )
    author_id: int = attrs.field(validator=[validators.ge(1), validators.le(MAX_ID)])
    body: str = attrs.field(default='', validator=validators.max_len(10_000))
    tags: list[str] = attrs.field(
        factory=list,
        validator=validators.deep_iterable(
            member_validator=TAG_SLUG,
            iterable_validator=validators.max_len(MAX_TAGS),
        ),
    )
    published: bool = False


@attrs.frozen
class AuthorOut:
    """Who wrote an article."""

    id: int
    name: str


@attrs.frozen
class ArticleOut:
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


@attrs.frozen
class ArticleQuery(CursorQuery):
    """Filters of the article listing; all of them must match."""

    author: int | None = attrs.field(
        default=None,
        validator=validators.optional([validators.ge(1), validators.le(MAX_ID)]),
        metadata={'description': 'The id of the author'},
    )
    tag: list[str] = attrs.field(
        factory=list,
        validator=validators.deep_iterable(
            member_validator=validators.max_len(50),
            iterable_validator=validators.max_len(MAX_TAGS),
        ),
        metadata={'description': 'A tag slug; repeat it to require several tags'},
    )
    published: bool | None = None
    search: str | None = attrs.field(
        default=None,
        validator=validators.optional([validators.min_len(1), validators.max_len(100)]),
        metadata={'description': 'Part of the title or body'},
    )
    ordering: Ordering = Ordering.NEWEST


@attrs.frozen
class ArticlePath:
    article_id: int


@attrs.frozen
class ArticleImage:
    """The image of an article: PNG, JPEG or WebP, at most 2 MiB."""

    image: Annotated[UploadedFile, IMAGE_LIMIT]


@attrs.frozen
class ArticleImageOut:
    """An article's stored image."""

    article_id: int
    content_type: str
    size: int
