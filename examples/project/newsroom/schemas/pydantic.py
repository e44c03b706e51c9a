"""The pagination models as pydantic models, and the config every request body shares."""

from typing import Annotated, Generic, TypeVar

import pydantic

_T = TypeVar('_T')

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


class Page(pydantic.BaseModel, Generic[_T]):
    """One page of a listing, and where it stands among the others."""

    # pydantic gives a parametrised class (Page[UserOut]) no docstring, and the
    # document would lose its description; msgspec's Page_UserOut_ keeps it.
    model_config = pydantic.ConfigDict(json_schema_extra={'description': __doc__})

    items: list[_T]
    page: int
    per_page: int
    total: int
    pages: int
