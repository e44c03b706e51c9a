"""Every request component in one endpoint, read through Django's test client."""

import uuid
from typing import Annotated

import msgspec
from django.test import Client, override_settings
from dmr import Body, Controller, Cookies, Headers, Path, Query
from dmr.routing import path

Email = Annotated[str, msgspec.Meta(max_length=254)]


class ReviewPath(msgspec.Struct):
    book_id: uuid.UUID


class ReviewQuery(msgspec.Struct):
    notify: bool = False
    # A list field collects a repeated key: ?cc=a&cc=b
    cc: Annotated[list[Email], msgspec.Meta(max_length=10)] = []


class ClientHeaders(msgspec.Struct):
    x_api_token: Annotated[str, msgspec.Meta(max_length=100)]  # the X-API-Token header
    user_agent: Annotated[str, msgspec.Meta(max_length=500)] = 'unknown'  # User-Agent


class Session(msgspec.Struct):
    sessionid: Annotated[str, msgspec.Meta(max_length=100)]


class ReviewIn(msgspec.Struct):
    stars: int
    text: Annotated[str, msgspec.Meta(max_length=5000)] = ''


class Receipt(msgspec.Struct):
    book_id: uuid.UUID
    stars: int
    notified: list[str]
    session: str
    agent: str


class ReviewController(Controller):
    def post(
        self,
        path: Path[ReviewPath],
        query: Query[ReviewQuery],
        headers: Headers[ClientHeaders],
        cookies: Cookies[Session],
        review: Body[ReviewIn],
    ) -> Receipt:
        return Receipt(
            book_id=path.book_id,
            stars=review.stars,
            notified=query.cc if query.notify else [],
            session=cookies.sessionid,
            agent=headers.user_agent,
        )


urlpatterns = [path('books/<uuid:book_id>/reviews/', ReviewController.as_view())]
BOOK = uuid.UUID('5f0c6c5e-8a4b-4f8e-9f3a-0d6f4b1c2e3a')

with override_settings(ROOT_URLCONF=__name__):
    client = Client(headers={'X-API-Token': 'secret', 'User-Agent': 'docs'})
    client.cookies['sessionid'] = 'abc123'
    response = client.post(
        f'/books/{BOOK}/reviews/?notify=true&cc=ann&cc=bob',
        {'stars': 5},
        content_type='application/json',
    )
    assert response.status_code == 201
    assert response.json() == {
        'book_id': str(BOOK),
        'stars': 5,
        'notified': ['ann', 'bob'],
        'session': 'abc123',
        'agent': 'docs',
    }
