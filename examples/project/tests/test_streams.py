"""The article streams: the live feed (SSE) and the export (JSON Lines)."""

import json

import pytest

from tests.helpers import write_article

pytestmark = [
    pytest.mark.django_db(transaction=True),  # the feed reads in a thread of its own
    pytest.mark.usefixtures('thread_connections_closed'),
]

FEED = '/api/articles/feed/'
EXPORT = '/api/articles/export/'


@pytest.fixture(autouse=True)
def fast_polling(settings):
    settings.NEWSROOM_FEED_POLL_SECONDS = 0.01


def read_event(chunk: bytes) -> tuple[dict[str, str], object]:
    """The fields of one SSE event and its data, read as JSON."""
    fields = dict(line.split(': ', 1) for line in chunk.decode().strip().split('\n'))
    return fields, json.loads(fields.pop('data'))


def test_export_sends_every_article_as_the_article_endpoint_does(client, ada, tags):
    """One JSON line per article, oldest first, each the body ``GET /api/articles/{id}/`` gives."""
    written = [write_article(ada, 'first', tags['python']), write_article(ada, 'second')]

    response = client.get(EXPORT)

    assert response.status_code == 200
    assert response['Content-Type'] == 'application/jsonl'
    lines = [json.loads(line) for line in b''.join(response).splitlines()]
    assert lines == [client.get(f'/api/articles/{a.pk}/').json() for a in written]


def test_export_is_also_served_as_ndjson(client, ada):
    """``Accept: application/x-ndjson`` gets the same lines under that media type."""
    write_article(ada, 'only')

    response = client.get(EXPORT, headers={'Accept': 'application/x-ndjson'})

    assert response['Content-Type'] == 'application/x-ndjson'
    assert len(b''.join(response).splitlines()) == 1


def test_feed_resumes_after_the_last_event_id(client, ada):
    """With ``Last-Event-ID``, the articles written after that one come first, in order."""
    first, second, third = (write_article(ada, slug) for slug in ('one', 'two', 'three'))

    response = client.get(FEED, headers={'Last-Event-ID': str(first.pk)})
    events = iter(response)
    received = [read_event(next(events)), read_event(next(events))]
    response.close()

    assert response['Content-Type'] == 'text/event-stream'
    assert response['Cache-Control'] == 'no-cache'
    assert [(fields['id'], fields['event']) for fields, _ in received] == [
        (str(second.pk), 'article'),
        (str(third.pk), 'article'),
    ]
    assert received[0][1] == client.get(f'/api/articles/{second.pk}/').json()


def test_feed_sends_the_articles_written_after_the_client_connected(client, ada):
    """Without ``Last-Event-ID``, the feed starts after the newest article."""
    write_article(ada, 'old')

    response = client.get(FEED)
    new = write_article(ada, 'new')
    fields, data = read_event(next(iter(response)))
    response.close()

    assert fields['id'] == str(new.pk)
    assert data['slug'] == 'new'


@pytest.mark.parametrize(
    ('value', 'error_type'),
    [('seven', 'value_error'), ('7\x00', 'value_error'), ('7' * 300, 'too_long')],
    ids=['not-an-id', 'nul', 'too-long'],
)
def test_feed_refuses_a_last_event_id_that_is_no_article_id(client, value, error_type):
    """A ``Last-Event-ID`` that no event of the feed carries is a 400 in the error model."""
    response = client.get(FEED, headers={'Last-Event-ID': value})

    assert response.status_code == 400
    [detail] = response.json()['detail']
    assert (detail['loc'], detail['type']) == (['headers', 'last_event_id'], error_type)


def test_feed_refuses_what_it_cannot_send(client):
    """``Accept: application/json`` cannot be satisfied by a stream: 406."""
    response = client.get(FEED, headers={'Accept': 'application/json'})

    assert response.status_code == 406
    assert response.json()['detail'][0]['type'] == 'not_acceptable'
