"""What the tags API reads and writes, as attrs classes.

The same fields, constraints and defaults as :mod:`tags.schemas.msgspec`.
"""

import attrs
from attrs import validators

from newsroom.schemas.attrs import forbid_unknown_fields, pattern

SLUG = [
    validators.min_len(1),
    validators.max_len(50),
    pattern(r'^[a-z0-9]+(?:-[a-z0-9]+)*\Z'),
]
"""The validators of a tag slug, for a field or for the items of a list."""


@forbid_unknown_fields
@attrs.frozen
class TagIn:
    """A tag as a client creates or replaces it."""

    slug: str = attrs.field(
        validator=SLUG,
        metadata={
            'description': 'Lowercase letters and digits, words joined by hyphens',
            'examples': ['django'],
        },
    )
    name: str = attrs.field(
        validator=[validators.min_len(1), validators.max_len(50)],
        metadata={'examples': ['Django']},
    )


@attrs.frozen
class TagOut:
    """A tag, with the number of articles that carry it."""

    slug: str
    name: str
    articles: int


@attrs.frozen
class TagQuery:
    """Filters of the tag listing."""

    search: str | None = attrs.field(
        default=None,
        validator=validators.optional([validators.min_len(1), validators.max_len(50)]),
        metadata={'description': 'Part of the slug or the name'},
    )


@attrs.frozen
class TagPath:
    slug: str
