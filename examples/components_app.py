"""A small inventory API that uses every request component and response declaration.

It is the second app the schema-driven fuzzing test runs against (the first is
``single_file.py``): path, query, header, cookie and body parameters with
constraints, ``@modify`` and ``@validate``, ``APIError`` answers, a ``DELETE``
with no body, a controller that negotiates msgpack, async endpoints, and one
controller with response validation off (its document lists no 422).

It keeps no state, so any request can be replayed: items ``1`` to
``STOCK_SIZE`` exist, every other id is unknown. It reads Django's settings but
does not configure them; mount it with ``ROOT_URLCONF = 'components_app'``.
"""

import datetime
import enum
import uuid
from typing import Annotated

import msgspec
from django.http import HttpResponse

from dmr import (
    APIError,
    Body,
    Controller,
    Cookies,
    Headers,
    Path,
    Query,
    ResponseSpec,
    modify,
    validate,
)
from dmr.openapi import OpenAPIConfig, build_schema
from dmr.openapi.views import OpenAPIJsonView
from dmr.parsers import JsonParser
from dmr.renderers import JsonRenderer
from dmr.routing import Router, path
from dmr_msgspec import MsgpackParser, MsgpackRenderer

STOCK_SIZE = 100
API_KEY = 'inventory-key'
CREATED = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)

Name = Annotated[str, msgspec.Meta(min_length=1, max_length=40, examples=['lamp', 'item 7'])]
Cents = Annotated[int, msgspec.Meta(ge=0, le=1_000_000)]
# msgpack, one of the formats the quote endpoint answers in, carries 64-bit integers.
ItemId = Annotated[int, msgspec.Meta(ge=1, le=2**63 - 1)]


class Colour(enum.StrEnum):
    RED = 'red'
    GREEN = 'green'
    BLUE = 'blue'


class ItemCreate(msgspec.Struct, forbid_unknown_fields=True):
    """An item as a client submits it."""

    name: Name
    price: Cents
    colour: Colour = Colour.RED
    tags: list[Annotated[str, msgspec.Meta(max_length=20)]] = []
    note: str | None = None


class Item(msgspec.Struct):
    """An item in stock."""

    id: int
    name: str
    price: int
    colour: Colour
    tags: list[str]
    note: str | None
    created: datetime.datetime


class ItemPage(msgspec.Struct):
    """One page of the item listing."""

    items: list[Item]
    offset: int
    limit: int


class ListQuery(msgspec.Struct):
    limit: Annotated[int, msgspec.Meta(ge=1, le=20)] = 5
    offset: Annotated[int, msgspec.Meta(ge=0)] = 0
    colour: Colour | None = None
    tag: list[str] = []


class ItemPath(msgspec.Struct):
    item_id: ItemId


class ApiKeyHeaders(msgspec.Struct):
    x_api_key: Annotated[str, msgspec.Meta(description='The API key', examples=[API_KEY])]


class RequestIdHeaders(msgspec.Struct):
    x_request_id: uuid.UUID | None = None


class SessionCookies(msgspec.Struct):
    session: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    theme: Colour = Colour.BLUE


class Profile(msgspec.Struct):
    session: str
    theme: Colour
    request_id: uuid.UUID | None


class NotFound(msgspec.Struct):
    """No item has this id."""

    item_id: int
    reason: str = 'not found'


class Conflict(msgspec.Struct):
    """The request clashes with the stock."""

    reason: str


class Forbidden(msgspec.Struct):
    """The API key is wrong."""

    reason: str


class Quote(msgspec.Struct):
    """A price quote, rendered as JSON or msgpack."""

    item_id: int
    quantity: int
    total: int
    currency: str


class QuoteRequest(msgspec.Struct):
    quantity: Annotated[int, msgspec.Meta(ge=1, le=1000)]
    currency: Annotated[str, msgspec.Meta(pattern='^[A-Z]{3}$')] = 'EUR'


def make_item(item_id: int, payload: ItemCreate) -> Item:
    return Item(
        id=item_id,
        name=payload.name,
        price=payload.price,
        colour=payload.colour,
        tags=payload.tags,
        note=payload.note,
        created=CREATED,
    )


def stock_item(item_id: int) -> Item:
    colours = list(Colour)
    return Item(
        id=item_id,
        name=f'item {item_id}',
        price=item_id * 100,
        colour=colours[item_id % len(colours)],
        tags=[f'tag{item_id % 3}'],
        note=None if item_id % 2 else 'even',
        created=CREATED,
    )


def check_key(headers: ApiKeyHeaders) -> None:
    if headers.x_api_key != API_KEY:
        raise APIError(Forbidden(reason='wrong API key'), status_code=403)


class ItemListController(Controller):
    """Listing and creating items (sync)."""

    def get(self, query: Query[ListQuery]) -> ItemPage:
        """List items in stock.

        Filter by colour and tags; repeat ``tag`` to require several.
        """
        found = [
            item
            for item in map(stock_item, range(1, STOCK_SIZE + 1))
            if (query.colour is None or item.colour == query.colour)
            and all(tag in item.tags for tag in query.tag)
        ]
        return ItemPage(
            items=found[query.offset : query.offset + query.limit],
            offset=query.offset,
            limit=query.limit,
        )

    @modify(
        headers={'Location': '/api/items/'},
        extra_responses=[
            ResponseSpec(Conflict, status_code=409),
            ResponseSpec(Forbidden, status_code=403),
        ],
    )
    def post(self, item: Body[ItemCreate], headers: Headers[ApiKeyHeaders]) -> Item:
        """Create an item; a name already in stock is a conflict."""
        check_key(headers)
        if item.name.startswith('item '):
            raise APIError(Conflict(reason='name taken'), status_code=409)
        return make_item(STOCK_SIZE + 1, item)


class ItemDetailController(Controller):
    """One item: read, replace, delete (async)."""

    @validate(
        ResponseSpec(Item, status_code=200),
        ResponseSpec(NotFound, status_code=404),
    )
    async def get(self, path: Path[ItemPath]) -> HttpResponse:
        """Read one item."""
        if path.item_id > STOCK_SIZE:
            return self.to_response(NotFound(item_id=path.item_id), status_code=404)
        return self.to_response(stock_item(path.item_id), status_code=200)

    @modify(extra_responses=[ResponseSpec(NotFound, status_code=404)])
    async def put(self, path: Path[ItemPath], item: Body[ItemCreate]) -> Item:
        """Replace one item."""
        if path.item_id > STOCK_SIZE:
            raise APIError(NotFound(item_id=path.item_id), status_code=404)
        return make_item(path.item_id, item)

    @modify(
        extra_responses=[
            ResponseSpec(NotFound, status_code=404),
            ResponseSpec(Forbidden, status_code=403),
        ],
    )
    async def delete(self, path: Path[ItemPath], headers: Headers[ApiKeyHeaders]) -> None:
        """Delete one item (nothing is kept, so nothing changes)."""
        check_key(headers)
        if path.item_id > STOCK_SIZE:
            raise APIError(NotFound(item_id=path.item_id), status_code=404)


class QuoteController(Controller):
    """Price quotes, in JSON or msgpack both ways."""

    parsers = (JsonParser(), MsgpackParser())
    renderers = (JsonRenderer(), MsgpackRenderer())

    @modify(status_code=200, extra_responses=[ResponseSpec(NotFound, status_code=404)])
    def post(self, path: Path[ItemPath], quote: Body[QuoteRequest]) -> Quote:
        """Quote a quantity of one item."""
        if path.item_id > STOCK_SIZE:
            raise APIError(NotFound(item_id=path.item_id), status_code=404)
        return Quote(
            item_id=path.item_id,
            quantity=quote.quantity,
            total=stock_item(path.item_id).price * quote.quantity,
            currency=quote.currency,
        )


class ProfileController(Controller):
    """The caller's session, from cookies and headers (async, responses not validated)."""

    validate_responses = False

    async def get(
        self,
        cookies: Cookies[SessionCookies],
        headers: Headers[RequestIdHeaders],
    ) -> Profile:
        """Describe the session."""
        return Profile(
            session=cookies.session,
            theme=cookies.theme,
            request_id=headers.x_request_id,
        )


router = Router(
    'api/',
    [
        path('items/', ItemListController.as_view(), name='items'),
        path('items/<item_id>/', ItemDetailController.as_view(), name='item'),
        path('items/<item_id>/quote/', QuoteController.as_view(), name='quote'),
        path('profile/', ProfileController.as_view(), name='profile'),
    ],
)
schema = build_schema(
    router,
    OpenAPIConfig(title='Inventory', version='1.0.0', openapi_version='3.1.0'),
)
urlpatterns = [
    router.to_urlpatterns(namespace='api'),
    path('docs/openapi.json/', OpenAPIJsonView.as_view(schema), name='openapi'),
]
