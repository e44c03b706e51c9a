"""How often a client may write (newsroom/throttling.py), on Django's cache and on Redis.

The tests lower a throttle's rate with ``throttle_rate`` rather than send the
real limit's worth of requests. The last test serves the project with
gunicorn and ``REDIS_URL`` set, as a deployment does, on a throwaway Redis
server.
"""

import math
import os
import sys
import time
import urllib.error
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from dmr.testing import assert_throttled, throttle_rate, within_one_window
from dmr.testing.redis_server import redis_server

from newsroom.throttling import WRITES
from tests.helpers import write_article
from tests.serving import PROJECT, bearer, free_port, manage, request, running

pytestmark = pytest.mark.django_db

BY_ADDRESS, BY_USER = WRITES


@pytest.fixture(autouse=True)
def one_window() -> None:
    """Each test's writes fall in one of the cache's one-minute windows."""
    within_one_window()


def test_writes_are_throttled_per_user(dmr_client, ada):
    """The user's third write in a minute, at 2 a minute, is a 429 in the error model."""
    payloads = iter({'slug': f'tag-{number}', 'name': f'Tag {number}'} for number in range(3))

    with throttle_rate(BY_USER, '2/minute'):
        refused = assert_throttled(
            lambda: dmr_client.post('/api/tags/', next(payloads), as_user=ada.account),
            limit=2,
        )

    assert refused['RateLimit-Policy'] == '"writes-ip";q=120;w=60, "writes";q=2;w=60'
    assert '"writes";r=0;' in refused['RateLimit']


def test_every_write_shares_the_users_budget(dmr_client, ada, tags):
    """An article, a tag and a profile change draw on one bucket: the scope is shared."""
    with throttle_rate(BY_USER, '2/minute'):
        created = dmr_client.post(
            '/api/articles/',
            {'slug': 'one', 'title': 'One', 'author_id': ada.pk},
            as_user=ada.account,
        )
        deleted = dmr_client.delete('/api/tags/rest/', as_user=ada.account)
        refused = dmr_client.put(
            f'/api/users/{ada.pk}/',
            {'email': ada.email, 'name': 'Ada'},
            as_user=ada.account,
        )

    assert (created.status_code, deleted.status_code, refused.status_code) == (201, 204, 429)


def test_each_user_has_a_budget_of_their_own(dmr_client, ada, grace):
    """Ada's spent budget does not stop Grace."""
    with throttle_rate(BY_USER, '1/minute'):
        first = dmr_client.post('/api/tags/', {'slug': 'a', 'name': 'A'}, as_user=ada.account)
        again = dmr_client.post('/api/tags/', {'slug': 'b', 'name': 'B'}, as_user=ada.account)
        other = dmr_client.post('/api/tags/', {'slug': 'c', 'name': 'C'}, as_user=grace.account)

    assert (first.status_code, again.status_code, other.status_code) == (201, 429, 201)


def test_anonymous_writes_are_refused_by_address_before_authentication(client, ada):
    """Past the address's budget, a write without credentials is a 429, not a 401."""
    with throttle_rate(BY_ADDRESS, '2/minute'):
        answers = [
            client.post('/api/articles/', {}, content_type='application/json').status_code
            for _ in range(3)
        ]

    assert answers == [401, 401, 429]


def test_reads_are_not_throttled(client, ada):
    """A listing and a detail carry no rate-limit fields: reads have no throttle."""
    article = write_article(ada, 'read-me')

    with throttle_rate(BY_ADDRESS, '1/minute'):
        answers = [client.get(f'/api/articles/{article.pk}/') for _ in range(3)]

    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert all('RateLimit' not in answer for answer in answers)


@pytest.fixture
def served_on_redis(tmp_path: Path) -> Iterator[tuple[int, str]]:
    """Two gunicorn workers of the project with ``REDIS_URL``; the port and the URL."""
    database = tmp_path / 'db.sqlite3'
    with redis_server() as (url, _process):
        env = {**os.environ, 'DATABASE_URL': f'sqlite:///{database}', 'REDIS_URL': url}
        manage('migrate', '--no-input', env=env)
        manage('load_demo_data', env=env)
        port = free_port()
        command = [
            *(sys.executable, '-m', 'gunicorn', '--chdir', str(PROJECT)),
            *('newsroom.wsgi', '--bind', f'127.0.0.1:{port}', '--workers', '2'),
            '--no-control-socket',
        ]
        with running(command, port, env, tmp_path / 'gunicorn.log'):
            yield port, url


@pytest.mark.without_test_client  # it starts servers of its own
def test_with_redis_url_the_workers_count_on_redis(served_on_redis):
    """Two workers, one Redis: 60 writes a minute in all, not 60 per worker.

    On Redis the throttle is GCRA: after the burst of 60, one write a second
    comes back, so the writes let through are 60 plus one per second the run
    took.
    """
    port, url = served_on_redis
    headers = bearer(port)
    started = time.monotonic()
    created, refused = 0, None
    while refused is None and created <= 120:
        try:
            request(port, '/api/tags/', {'slug': f'r-{created}', 'name': 'R'}, headers=headers)
        except urllib.error.HTTPError as error:
            refused = error.code
        else:
            created += 1
    elapsed = time.monotonic() - started

    assert refused == 429, (refused, created)
    assert 60 <= created <= 60 + math.ceil(elapsed), (created, elapsed)
    client = redis.Redis.from_url(url)
    try:
        assert client.dbsize() > 0
    finally:
        client.close()
