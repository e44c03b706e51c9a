"""The worker of ``benchmarks/pagination.py``: one framework's listings, timed in-process.

Django is set up on an in-memory SQLite database migrated with the example
project's ``users`` app and filled with 500 users; each listing answers
page 3 of 50 users, through its Django view and a prepared request.
"""

import argparse
import datetime
import sys
import time
from collections.abc import Callable
from typing import Any

import django
from django.conf import settings

from benchmarks.pool import ROOT

ROWS = 500
PAGE = '/users/?page=3&per_page=50'

View = Callable[[Any], Any]


def _setup(apps: list[str]) -> None:
    sys.path.insert(0, str(ROOT / 'examples' / 'project'))
    settings.configure(
        DEBUG=False,
        SECRET_KEY='benchmarks-only-not-secret',  # noqa: S106 - no secret in a benchmark
        ALLOWED_HOSTS=['*'],
        USE_TZ=True,
        INSTALLED_APPS=['django.contrib.contenttypes', 'django.contrib.auth', 'users', *apps],
        DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}},
        DMR_SETTINGS={'serializer': 'msgspec', 'validate_responses': False},
        ROOT_URLCONF='benchmarks.pagination_worker',
    )
    django.setup()
    from django.core.management import call_command  # noqa: PLC0415 - after setup
    from users.models import User  # noqa: PLC0415

    call_command('migrate', verbosity=0, run_syncdb=True)
    moment = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    User.objects.bulk_create(
        User(email=f'user{n}@example.com', name=f'User {n}', created_at=moment)
        for n in range(ROWS)
    )


def _django() -> dict[str, View]:
    from django.core.paginator import Paginator  # noqa: PLC0415 - after setup
    from django.http import JsonResponse  # noqa: PLC0415
    from users.models import User  # noqa: PLC0415

    def listing(request: Any) -> JsonResponse:
        per_page = int(request.GET.get('per_page', 20))
        paginator = Paginator(User.objects.order_by('id'), per_page)
        page = paginator.page(int(request.GET.get('page', 1)))
        items = [
            {'id': u.pk, 'email': u.email, 'name': u.name, 'created_at': u.created_at}
            for u in page.object_list
        ]
        return JsonResponse({
            'items': items, 'page': page.number, 'per_page': per_page,
            'total': paginator.count, 'pages': paginator.num_pages,
        })  # fmt: skip

    return {'django': listing}


def _dmr() -> dict[str, View]:
    import msgspec  # noqa: PLC0415 - the worker's own models
    from users.models import User  # noqa: PLC0415

    from dmr import Controller, Query, modify  # noqa: PLC0415 - after setup
    from dmr.pagination import (  # noqa: PLC0415
        CursorPage,
        CursorPaginator,
        Page,
        PageCursor,
        PageNumber,
        PageNumberPaginator,
    )

    class UserOut(msgspec.Struct):
        id: int
        email: str
        name: str
        created_at: datetime.datetime

    def user_out(u: Any) -> UserOut:
        return UserOut(id=u.pk, email=u.email, name=u.name, created_at=u.created_at)

    numbers = PageNumberPaginator()
    cursor = CursorPaginator(User, ('id',))

    class Numbers(Controller):
        @modify(extra_responses=numbers.responses)
        def get(self, query: Query[PageNumber]) -> Page[UserOut]:
            return numbers.paginate(User.objects.order_by('id'), query, user_out)

    class Cursor(Controller):
        def get(self, query: Query[PageCursor]) -> CursorPage[UserOut]:
            return cursor.paginate(User.objects.all(), query, user_out)

    return {'dmr': Numbers.as_view(), 'dmr cursor': Cursor.as_view()}


def _ninja() -> dict[str, View]:
    from ninja import NinjaAPI, Schema  # noqa: PLC0415 - after setup
    from ninja.pagination import PageNumberPagination, paginate  # noqa: PLC0415
    from users.models import User  # noqa: PLC0415

    class UserOut(Schema):
        id: int
        email: str
        name: str
        created_at: datetime.datetime

    api = NinjaAPI()

    @api.get('/users/', response=list[UserOut])
    @paginate(PageNumberPagination, page_size=50)
    def listing(request: Any) -> Any:  # noqa: ARG001 - ninja passes the request
        return User.objects.order_by('id')

    global urlpatterns  # noqa: PLW0603 - ninja routes through a urlconf
    from django.urls import path, resolve  # noqa: PLC0415

    urlpatterns = [path('', api.urls)]
    match = resolve('/users/')

    def view(request: Any) -> Any:
        return match.func(request, *match.args, **match.kwargs)

    return {'django-ninja': view}


urlpatterns: list[Any] = []

_FRAMEWORKS = {
    'django': ([], _django),
    'dmr': (['dmr'], _dmr),
    'ninja': (['ninja'], _ninja),
}


def measure(arguments: argparse.Namespace) -> dict[str, list[float]]:
    """Per-request CPU microseconds of each round, for each listing of the framework."""
    apps, build = _FRAMEWORKS[arguments.worker]
    _setup(apps)
    from django.test import RequestFactory  # noqa: PLC0415 - after setup

    views = build()
    first = RequestFactory().get(PAGE)
    for name, view in views.items():
        response = view(first)
        assert response.status_code == 200, (name, response.content)  # noqa: S101 - a check
    figures: dict[str, list[float]] = {name: [] for name in views}
    for _ in range(arguments.rounds):
        for name, view in views.items():
            start = time.process_time()
            for _ in range(arguments.requests):
                view(RequestFactory().get(PAGE))
            figures[name].append((time.process_time() - start) / arguments.requests * 1e6)
    return figures
