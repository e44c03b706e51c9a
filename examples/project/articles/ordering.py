"""How the article listing is sorted: a plain enum, shared by both backends' models."""

import enum


class Ordering(enum.StrEnum):
    """How the article listing is sorted."""

    NEWEST = 'newest'
    OLDEST = 'oldest'
    TITLE = 'title'
