"""The listings' query models as pydantic models, and the config every request body shares."""

from typing import Annotated

import pydantic

BODY_CONFIG = pydantic.ConfigDict(extra='forbid', regex_engine='python-re')
"""The config of every request body model, so that it answers as its Struct does.

``extra='forbid'`` is msgspec's ``forbid_unknown_fields=True``: an unknown
field is a 400. ``regex_engine='python-re'`` runs ``pattern`` on Python's
``re``, as msgspec does; pydantic's default Rust engine would refuse
``"hello\\n"`` as a slug, where ``re``'s ``$`` matches before a final newline.
"""


class PageQuery(pydantic.BaseModel):
    """Which page of a listing to answer with."""

    page: Annotated[int, pydantic.Field(ge=1, description='The page number, from 1')] = 1
    per_page: Annotated[
        int,
        pydantic.Field(ge=1, le=100, description='How many items a page holds'),
    ] = 20


class CursorQuery(pydantic.BaseModel):
    """Where a listing by cursor resumes, and how many items a page holds."""

    cursor: Annotated[
        Annotated[str, pydantic.Field(max_length=1024)] | None,
        pydantic.Field(description='The next or previous of a page'),
    ] = None
    per_page: Annotated[
        int,
        pydantic.Field(ge=1, le=100, description='How many items a page holds'),
    ] = 20
