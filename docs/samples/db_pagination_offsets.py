"""Slices by offset, without counting a large table."""

from typing import Annotated

import msgspec
from django.contrib.auth.models import User
from django.test import Client, override_settings
from dmr import Controller, Query
from dmr.openapi import build_schema
from dmr.pagination import LimitOffset, LimitOffsetPaginator, OffsetPage
from dmr.routing import Router, path


class Name(msgspec.Struct):
    username: str


# Never counts: one row more than the limit tells whether a next slice exists.
events = LimitOffsetPaginator(per_page=2, max_offset=1000, count=False)


class NameListController(Controller):
    def get(self, query: Query[Annotated[LimitOffset, events]]) -> OffsetPage[Name]:
        rows = User.objects.order_by('username')
        return events.paginate(rows, query, lambda user: Name(username=user.username))


urlpatterns = [path('names/', NameListController.as_view())]
# The page shows the controller above; the rest is what a client sees.

User.objects.bulk_create(User(username=name) for name in ('ada', 'alan', 'grace'))
with override_settings(ROOT_URLCONF=__name__):
    client = Client()
    assert client.get('/names/').json() == {
        'items': [{'username': 'ada'}, {'username': 'alan'}],
        'limit': 2,
        'offset': 0,
        'total': None,
        'next_offset': 2,
    }
    assert client.get('/names/', {'offset': 2}).json()['next_offset'] is None
    assert client.get('/names/', {'offset': 50}).json()['items'] == []  # past the end
    assert client.get('/names/', {'offset': -1}).status_code == 400
    assert client.get('/names/', {'offset': 1001}).status_code == 400
User.objects.all().delete()

# The document says what the paginator enforces:
document = build_schema(Router('', urlpatterns))
parameters = document['paths']['/names/']['get']['parameters']
limit, offset = (parameter['schema'] for parameter in parameters)
assert (limit['minimum'], limit['maximum'], limit['default']) == (1, 100, 2)
assert (offset['minimum'], offset['maximum'], offset['default']) == (0, 1000, 0)
# End of the document.
