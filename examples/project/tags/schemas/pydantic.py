"""What the tags API reads and writes, as pydantic models.

The same fields, constraints and defaults as :mod:`tags.schemas.msgspec`.
"""

from typing import Annotated

import pydantic

from newsroom.schemas.pydantic import BODY_CONFIG

Slug = Annotated[
    str,
    pydantic.Field(
        min_length=1,
        max_length=50,
        pattern=r'^[a-z0-9]+(?:-[a-z0-9]+)*\Z',
        description='Lowercase letters and digits, words joined by hyphens',
        examples=['django'],
    ),
]
TagName = Annotated[str, pydantic.Field(min_length=1, max_length=50, examples=['Django'])]
Search = Annotated[str, pydantic.Field(min_length=1, max_length=50)]


class TagIn(pydantic.BaseModel):
    """A tag as a client creates or replaces it."""

    model_config = BODY_CONFIG

    slug: Slug
    name: TagName


class TagOut(pydantic.BaseModel):
    """A tag, with the number of articles that carry it."""

    slug: str
    name: str
    articles: int


class TagQuery(pydantic.BaseModel):
    """Filters of the tag listing."""

    search: Annotated[
        Search | None,
        pydantic.Field(description='Part of the slug or the name'),
    ] = None


class TagPath(pydantic.BaseModel):
    slug: str
