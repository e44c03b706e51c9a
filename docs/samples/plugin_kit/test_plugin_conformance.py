"""A backend's conformance tests: the catalogue in the library's terms, and the suite.

The library here is msgspec; write each model with your own library instead,
under the same class name and with exactly the wire names, types and defaults
below, and put your backend's class in ``serializer``.
"""

import datetime
import decimal
import uuid
from typing import Annotated, Any, Literal

import msgspec
from dmr.files import UploadedFile
from dmr.testing.conformance import Catalogue, Colour, conformance_suite
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


class Aliases(msgspec.Struct, rename={'user_name': 'userName'}):
    user_name: str


class Constraints(msgspec.Struct):
    age: Annotated[int, msgspec.Meta(ge=0, le=150)]
    name: Annotated[str, msgspec.Meta(min_length=2, max_length=10)]
    code: Annotated[str, msgspec.Meta(pattern='^[A-Z]{3}$')]


class QueryParams(msgspec.Struct):
    page: int
    tags: list[str] = []


class OptionalQuery(msgspec.Struct):
    flag: bool | None = None
    search: str | None = None


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


class Uploads(msgspec.Struct):
    document: UploadedFile
    attachments: list[UploadedFile] = []


def construct(model: Any, fields: dict[str, Any]) -> Any:
    """An instance built without validation (a Struct's constructor does not validate)."""
    return model(**fields)


CATALOGUE = Catalogue.from_names(globals(), serializer=MsgspecSerializer, construct=construct)

TestConformance = conformance_suite(CATALOGUE)
# Needs the kit's app, 'dmr.testing.rows', and a database: see conftest.py.
TestPagination = pagination_suite(CATALOGUE)
