"""Pages by cursor, async: walking ``next`` and ``previous``, and a forged cursor."""

import datetime
from typing import Annotated

import msgspec
from django.contrib.auth.models import User
from django.test import Client, override_settings
from dmr import Controller, Query
from dmr.pagination import CursorPage, CursorPaginator, PageCursor
from dmr.routing import path


class Member(msgspec.Struct):
    username: str
    date_joined: datetime.datetime


# Newest first; date_joined is not unique, so the id is appended: ('-date_joined', '-id').
newest = CursorPaginator(User, ('-date_joined',), per_page=2)


def member(user: User) -> Member:
    return Member(username=user.username, date_joined=user.date_joined)


class MemberListController(Controller):
    async def get(self, query: Query[Annotated[PageCursor, newest]]) -> CursorPage[Member]:
        return await newest.apaginate(User.objects.all(), query, member)


urlpatterns = [path('members/', MemberListController.as_view())]
# The page shows the controller above; the rest is what a client sees.

joined = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
for name in ('ada', 'grace', 'alan'):
    User.objects.create(username=name, date_joined=joined)


with override_settings(ROOT_URLCONF=__name__):
    client = Client()  # the sync test client serves async controllers too
    first = client.get('/members/').json()
    assert [m['username'] for m in first['items']] == ['alan', 'grace']
    assert first['previous'] is None

    second = client.get('/members/', {'cursor': first['next']}).json()
    assert [m['username'] for m in second['items']] == ['ada']
    assert second['next'] is None

    back = client.get('/members/', {'cursor': second['previous']}).json()
    assert back['items'] == first['items']

    forged = client.get('/members/', {'cursor': first['next'][:-1] + 'x'})
    assert forged.status_code == 400
    assert forged.json()['detail'][0]['type'] == 'invalid_cursor'
User.objects.all().delete()
