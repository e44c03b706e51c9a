"""The pagination models as msgspec Structs."""

from typing import Annotated, Generic, TypeVar

import msgspec

_T = TypeVar('_T')


class PageQuery(msgspec.Struct):
    """Which page of a listing to answer with."""

    page: Annotated[int, msgspec.Meta(ge=1, description='The page number, from 1')] = 1
    per_page: Annotated[
        int,
        msgspec.Meta(ge=1, le=100, description='How many items a page holds'),
    ] = 20


class Page(msgspec.Struct, Generic[_T]):
    """One page of a listing, and where it stands among the others."""

    items: list[_T]
    page: int
    per_page: int
    total: int
    pages: int
