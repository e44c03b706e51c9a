"""dmr-msgspec passes the conformance kit that dmr-core ships."""

import datetime
import decimal
import uuid
from typing import Annotated, Any, Literal

import msgspec

from dmr.files import UploadedFile
from dmr.testing.conformance import COVER_LIMIT, Catalogue, Colour, conformance_suite
from dmr.testing.conformance.pagination import pagination_suite
from dmr_msgspec import MsgspecSerializer


class Scalars(msgspec.Struct):
    text: str
    count: int
    ratio: float
    flag: bool


class Optionals(msgspec.Struct):
    nullable: int | None
    defaulted: int = 7
    maybe: int | None = None


class Choices(msgspec.Struct):
    colour: Colour
    mode: Literal['fast', 'slow']


class Unions(msgspec.Struct):
    value: int | str


class Nested(msgspec.Struct):
    child: Scalars
    children: list[Scalars]


class Node(msgspec.Struct):
    name: str
    children: list['Node'] = []


class Collections(msgspec.Struct):
    tags: list[str]
    pair: tuple[int, str]
    unique: set[int]
    mapping: dict[str, int]


class Temporal(msgspec.Struct):
    moment: datetime.datetime
    day: datetime.date
    clock: datetime.time
    span: datetime.timedelta
    ident: uuid.UUID
    amount: decimal.Decimal


class Aliases(msgspec.Struct):
    user_name: str = msgspec.field(name='userName')


class Constraints(msgspec.Struct):
    age: Annotated[int, msgspec.Meta(ge=0, le=150)]
    name: Annotated[str, msgspec.Meta(min_length=2, max_length=10)]
    code: Annotated[str, msgspec.Meta(pattern='^[A-Z]{3}$')]


class OptionalQuery(msgspec.Struct):
    flag: bool | None = None
    search: str | None = None


class QueryParams(msgspec.Struct):
    page: int
    tags: list[str] = []


class HeaderParams(msgspec.Struct):
    x_token: str


class PathParams(msgspec.Struct):
    item_id: int


class CookieParams(msgspec.Struct):
    session: str


class FormFields(msgspec.Struct):
    title: str
    count: int
    tags: list[str] = []


class AliasedUploads(msgspec.Struct):
    cover_image: Annotated[UploadedFile, COVER_LIMIT] = msgspec.field(name='coverImage')


class Uploads(msgspec.Struct):
    document: UploadedFile
    attachments: list[UploadedFile] = []


def construct(model: Any, fields: dict[str, Any]) -> Any:
    """Structs do not validate on construction."""
    return model(**fields)


CATALOGUE = Catalogue.from_names(globals(), serializer=MsgspecSerializer, construct=construct)

TestConformance = conformance_suite(CATALOGUE)
TestPagination = pagination_suite(CATALOGUE)
