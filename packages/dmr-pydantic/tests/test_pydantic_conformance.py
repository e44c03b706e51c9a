"""dmr-pydantic passes the conformance kit that dmr-core ships."""

import datetime
import decimal
import uuid
from typing import Annotated, Any, Literal

import pydantic

from dmr.files import UploadedFile
from dmr.testing.conformance import COVER_LIMIT, Catalogue, Colour, conformance_suite
from dmr.testing.conformance.pagination import pagination_suite
from dmr_pydantic import PydanticSerializer


class Scalars(pydantic.BaseModel):
    text: str
    count: int
    ratio: float
    flag: bool


class Optionals(pydantic.BaseModel):
    nullable: int | None
    defaulted: int = 7
    maybe: int | None = None


class Choices(pydantic.BaseModel):
    colour: Colour
    mode: Literal['fast', 'slow']


class Unions(pydantic.BaseModel):
    value: int | str


class Nested(pydantic.BaseModel):
    child: Scalars
    children: list[Scalars]


class Node(pydantic.BaseModel):
    name: str
    children: list['Node'] = []


class Collections(pydantic.BaseModel):
    tags: list[str]
    pair: tuple[int, str]
    unique: set[int]
    mapping: dict[str, int]


class Temporal(pydantic.BaseModel):
    moment: datetime.datetime
    day: datetime.date
    clock: datetime.time
    span: datetime.timedelta
    ident: uuid.UUID
    amount: decimal.Decimal


class Aliases(pydantic.BaseModel):
    user_name: str = pydantic.Field(alias='userName')


class Constraints(pydantic.BaseModel):
    age: Annotated[int, pydantic.Field(ge=0, le=150)]
    name: Annotated[str, pydantic.Field(min_length=2, max_length=10)]
    code: Annotated[str, pydantic.Field(pattern='^[A-Z]{3}$')]


class OptionalQuery(pydantic.BaseModel):
    flag: bool | None = None
    search: str | None = None


class QueryParams(pydantic.BaseModel):
    page: int
    tags: list[str] = []


class HeaderParams(pydantic.BaseModel):
    x_token: str


class PathParams(pydantic.BaseModel):
    item_id: int


class CookieParams(pydantic.BaseModel):
    session: str


class FormFields(pydantic.BaseModel):
    title: str
    count: int
    tags: list[str] = []


class AliasedUploads(pydantic.BaseModel):
    cover_image: Annotated[UploadedFile, COVER_LIMIT] = pydantic.Field(alias='coverImage')


class Uploads(pydantic.BaseModel):
    document: UploadedFile
    attachments: list[UploadedFile] = []


def construct(model: Any, fields: dict[str, Any]) -> Any:
    """``model_construct`` skips validation."""
    return model.model_construct(**fields)


CATALOGUE = Catalogue.from_names(globals(), serializer=PydanticSerializer, construct=construct)

TestConformance = conformance_suite(CATALOGUE)
TestPagination = pagination_suite(CATALOGUE)
