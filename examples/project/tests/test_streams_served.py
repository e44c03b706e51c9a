"""The article streams over real servers: uvicorn (`asgi.py`), gunicorn with gthread (`wsgi.py`).

A client follows the feed while another writes an article: the new article
arrives as an event. The export arrives whole, one line per article.
"""

import json
import socket

import pytest

from tests.serving import bearer, request

pytestmark = [
    pytest.mark.without_test_client,  # it starts servers of its own
    pytest.mark.parametrize('served', ['uvicorn', 'gunicorn-gthread'], indirect=True),
]


@pytest.fixture(scope='module')
def server_env(server_env: dict[str, str]) -> dict[str, str]:
    """The servers poll for new articles every 50 ms."""
    return {**server_env, 'NEWSROOM_FEED_POLL_SECONDS': '0.05'}


class Feed:
    """An SSE connection read event by event."""

    def __init__(self, port: int, last_event_id: int) -> None:
        self.socket = socket.create_connection(('127.0.0.1', port), timeout=10)
        self.socket.sendall(
            f'GET /api/articles/feed/ HTTP/1.1\r\nHost: 127.0.0.1\r\n'
            f'Last-Event-ID: {last_event_id}\r\n\r\n'.encode()
        )
        self.buffer = b''
        head = self._until(b'\r\n\r\n')
        assert head.startswith(b'HTTP/1.1 200'), head
        assert b'text/event-stream' in head

    def _until(self, end: bytes) -> bytes:
        while end not in self.buffer:
            chunk = self.socket.recv(65536)
            assert chunk, 'the server closed the feed'
            self.buffer += chunk
        found, _, self.buffer = self.buffer.partition(end)
        return found

    def event(self) -> dict[str, str]:
        """The next event's fields, comments and chunk framing skipped."""
        while True:
            block = self._until(b'\n\n').decode()
            fields = dict(
                line.split(': ', 1)
                for line in block.split('\n')
                if line.split(': ', 1)[0] in {'id', 'event', 'data'}
            )
            if 'data' in fields:
                return fields

    def close(self) -> None:
        self.socket.close()


def test_a_new_article_reaches_the_feed(served: int) -> None:
    """A follower receives the articles after its ``Last-Event-ID``, then the one written next."""
    _status, page = request(served, '/api/articles/?ordering=oldest&per_page=100')
    ids = [article['id'] for article in page['items']]
    feed = Feed(served, ids[-2])
    try:
        assert feed.event()['id'] == str(ids[-1])
        payload = {'slug': f'live-{served}', 'title': 'Live', 'author_id': 1}
        status, created = request(served, '/api/articles/', payload, headers=bearer(served))
        assert status == 201, created
        event = feed.event()
        assert (event['id'], event['event']) == (str(created['id']), 'article')
        assert json.loads(event['data'])['slug'] == f'live-{served}'
    finally:
        feed.close()


def test_the_export_arrives_whole(served: int) -> None:
    """The export is one JSON line per article, as the listing gives them."""
    _status, page = request(served, '/api/articles/?ordering=oldest&per_page=100')
    with socket.create_connection(('127.0.0.1', served), timeout=10) as client:
        client.sendall(b'GET /api/articles/export/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n')
        answer = b''
        while chunk := client.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b'\r\n\r\n')
    assert b'application/jsonl' in head
    assert [json.loads(line)['id'] for line in body.splitlines()] == [
        article['id'] for article in page['items']
    ]
