"""What the tags API reads and writes, as msgspec Structs."""

from typing import Annotated

import msgspec

Slug = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=50,
        pattern=r'^[a-z0-9]+(?:-[a-z0-9]+)*\Z',
        description='Lowercase letters and digits, words joined by hyphens',
        examples=['django'],
    ),
]
TagName = Annotated[str, msgspec.Meta(min_length=1, max_length=50, examples=['Django'])]
Search = Annotated[str, msgspec.Meta(min_length=1, max_length=50)]


class TagIn(msgspec.Struct, forbid_unknown_fields=True):
    """A tag as a client creates or replaces it."""

    slug: Slug
    name: TagName


class TagOut(msgspec.Struct):
    """A tag, with the number of articles that carry it."""

    slug: str
    name: str
    articles: int


class TagQuery(msgspec.Struct):
    """Filters of the tag listing."""

    search: Annotated[
        Search | None,
        msgspec.Meta(description='Part of the slug or the name'),
    ] = None


class TagPath(msgspec.Struct):
    slug: str
