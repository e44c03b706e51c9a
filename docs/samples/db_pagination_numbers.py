"""Pages by number: a listing with a filter, its 400s and its 404."""

from typing import Annotated

import msgspec
from django.contrib.auth.models import User
from django.db.models import Q
from django.test import Client, override_settings
from dmr import Controller, Query
from dmr.pagination import Page, PageNumberPaginator
from dmr.routing import path


class UserOut(msgspec.Struct):
    id: int
    username: str


class UserQuery(msgspec.Struct):
    page: int | None = None
    per_page: int | None = None
    search: str | None = None


# Checks page >= 1 and 1 <= per_page <= 50, and documents it beside UserQuery.
users = PageNumberPaginator(per_page=10, max_per_page=50)


def user_out(user: User) -> UserOut:
    return UserOut(id=user.pk, username=user.username)


class UserListController(Controller):
    def get(self, query: Query[Annotated[UserQuery, users]]) -> Page[UserOut]:
        found = User.objects.order_by('id')
        if query.search is not None:
            found = found.filter(Q(username__icontains=query.search))
        return users.paginate(found, query, user_out)


urlpatterns = [path('users/', UserListController.as_view())]
# The page shows the controller above; the rest is what a client sees.

User.objects.bulk_create(User(username=f'user{number}') for number in range(1, 26))
with override_settings(ROOT_URLCONF=__name__):
    client = Client()
    page = client.get('/users/', {'page': 3}).json()
    assert [user['username'] for user in page.pop('items')] == [
        'user21',
        'user22',
        'user23',
        'user24',
        'user25',
    ]
    assert page == {'page': 3, 'per_page': 10, 'total': 25, 'pages': 3}

    past = client.get('/users/', {'page': 4})
    assert past.status_code == 404
    assert past.json()['detail'][0]['msg'] == 'Page 4 does not exist; the last page is 3'

    zero = client.get('/users/', {'page': 0})
    assert zero.status_code == 400
    assert zero.json()['detail'][0]['loc'] == ['query', 'page']
User.objects.all().delete()
