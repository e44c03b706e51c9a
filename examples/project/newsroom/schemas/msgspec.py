"""The query models of the listings (dmr.pagination reads them) as msgspec Structs."""

from typing import Annotated

import msgspec


class PageQuery(msgspec.Struct):
    """Which page of a listing to answer with."""

    page: Annotated[int, msgspec.Meta(ge=1, description='The page number, from 1')] = 1
    per_page: Annotated[
        int,
        msgspec.Meta(ge=1, le=100, description='How many items a page holds'),
    ] = 20


class CursorQuery(msgspec.Struct):
    """Where a listing by cursor resumes, and how many items a page holds."""

    cursor: Annotated[
        Annotated[str, msgspec.Meta(max_length=1024)] | None,
        msgspec.Meta(description='The next or previous of a page'),
    ] = None
    per_page: Annotated[
        int,
        msgspec.Meta(ge=1, le=100, description='How many items a page holds'),
    ] = 20
