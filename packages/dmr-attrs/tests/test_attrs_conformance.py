"""dmr-attrs passes the conformance kit that dmr-core ships."""

import datetime
import decimal
import uuid
from typing import Annotated, Any, Literal

import attrs
from attrs import validators

from dmr.files import UploadedFile
from dmr.testing.conformance import COVER_LIMIT, Catalogue, Colour, conformance_suite
from dmr.testing.conformance.pagination import pagination_suite
from dmr_attrs import AttrsSerializer


@attrs.define
class Scalars:
    text: str
    count: int
    ratio: float
    flag: bool


@attrs.define
class Optionals:
    nullable: int | None
    defaulted: int = 7
    maybe: int | None = None


@attrs.frozen
class Choices:
    colour: Colour
    mode: Literal['fast', 'slow']


@attrs.define(slots=False)
class Unions:
    value: int | str


@attrs.define
class Nested:
    child: Scalars
    children: list[Scalars]


@attrs.define
class Node:
    name: str
    children: list['Node'] = attrs.Factory(list)


@attrs.define
class Collections:
    tags: list[str]
    pair: tuple[int, str]
    unique: set[int]
    mapping: dict[str, int]


@attrs.define(kw_only=True)
class Temporal:
    moment: datetime.datetime
    day: datetime.date
    clock: datetime.time
    span: datetime.timedelta
    ident: uuid.UUID
    amount: decimal.Decimal


@attrs.define
class Aliases:
    user_name: str = attrs.field(alias='userName')


@attrs.define
class Constraints:
    age: int = attrs.field(validator=[validators.ge(0), validators.le(150)])
    name: str = attrs.field(validator=[validators.min_len(2), validators.max_len(10)])
    code: str = attrs.field(validator=validators.matches_re('^[A-Z]{3}$'))


@attrs.define
class OptionalQuery:
    flag: bool | None = None
    search: str | None = None


@attrs.define
class QueryParams:
    page: int
    tags: list[str] = attrs.Factory(list)


@attrs.define
class HeaderParams:
    x_token: str


@attrs.define
class PathParams:
    item_id: int


@attrs.define
class CookieParams:
    session: str


@attrs.define
class FormFields:
    title: str
    count: int
    tags: list[str] = attrs.Factory(list)


@attrs.define
class AliasedUploads:
    cover_image: Annotated[UploadedFile, COVER_LIMIT] = attrs.field(alias='coverImage')


@attrs.define
class Uploads:
    document: UploadedFile
    attachments: list[UploadedFile] = attrs.Factory(list)


def construct(model: Any, fields: dict[str, Any]) -> Any:
    """An instance without running ``__init__``: no validators, no conversion."""
    instance = object.__new__(model)
    for name, value in fields.items():
        object.__setattr__(instance, name, value)
    return instance


CATALOGUE = Catalogue.from_names(globals(), serializer=AttrsSerializer, construct=construct)

TestConformance = conformance_suite(CATALOGUE)
TestPagination = pagination_suite(CATALOGUE)
