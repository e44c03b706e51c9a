"""The project under real servers: gunicorn on ``wsgi.py``, uvicorn on ``asgi.py``, runserver.

Each server runs in a subprocess on a free loopback port, with a SQLite
database of its own that ``migrate`` and ``load_demo_data`` prepared
(``tests/serving.py``). Writes log in as a demo user, with a JWT or with the
session and its CSRF token.
"""

import http.cookiejar
import json
import socket
import urllib.request

import pytest

from tests.serving import DEMO_LOGIN, bearer, request

pytestmark = [
    pytest.mark.without_test_client,  # it starts servers of its own
    pytest.mark.parametrize('served', ['gunicorn', 'uvicorn', 'runserver'], indirect=True),
]


def test_serves_the_api_and_its_document(served: int) -> None:
    status, tags = request(served, '/api/tags/')
    assert status == 200
    assert {'async', 'django', 'openapi', 'python', 'rest'} <= {tag['slug'] for tag in tags}

    slug = f'served-{served}'
    payload = {'slug': slug, 'name': 'Served'}
    status, created = request(served, '/api/tags/', payload, headers=bearer(served))
    assert (status, created) == (201, {'slug': slug, 'name': 'Served', 'articles': 0})

    status, page = request(served, '/api/articles/?per_page=2')
    assert (status, len(page['items']), page['next'] is not None) == (200, 2, True)

    status, document = request(served, '/docs/openapi.json/')
    assert (status, document['info']['title']) == (200, 'Newsroom')


def test_a_session_logs_in_and_writes_with_its_csrf_token(served: int) -> None:
    """The browser's way: CSRF token, login, then writes that send the token back."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    status, answer = request(served, '/api/auth/csrf/', opener=opener)
    assert status == 200
    assert isinstance(answer, dict)
    csrf = {'X-CSRFToken': answer['csrf_token']}
    status, answer = request(served, '/api/auth/login/', DEMO_LOGIN, headers=csrf, opener=opener)
    assert (status, answer) == (200, {'username': 'ada@example.com'})

    slug = f'session-{served}'
    payload = {'slug': slug, 'name': 'Session'}
    # login() rotated the CSRF token: ask for the new one, as a page does.
    status, answer = request(served, '/api/auth/csrf/', opener=opener)
    assert isinstance(answer, dict)
    csrf = {'X-CSRFToken': answer['csrf_token']}
    status, created = request(served, '/api/tags/', payload, headers=csrf, opener=opener)
    assert (status, created) == (201, {'slug': slug, 'name': 'Session', 'articles': 0})


def post_chunked(
    port: int, path: str, payload: object, headers: dict[str, str]
) -> tuple[int, object]:
    """POST ``payload`` as JSON with ``Transfer-Encoding: chunked``, over a raw socket."""
    body = json.dumps(payload).encode()
    middle = len(body) // 2
    chunks = b''.join(
        b'%x\r\n%s\r\n' % (len(chunk), chunk) for chunk in (body[:middle], body[middle:])
    )
    head = (
        f'POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n'
        'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n'
        + ''.join(f'{name}: {value}\r\n' for name, value in headers.items())
        + 'Connection: close\r\n\r\n'
    ).encode()
    with socket.create_connection(('127.0.0.1', port), timeout=10) as sock:
        sock.sendall(head + chunks + b'0\r\n\r\n')
        answer = b''
        while b'\r\n\r\n' not in answer:
            answer += sock.recv(65536)
        headers, _, content = answer.partition(b'\r\n\r\n')
        lines = headers.decode('latin-1').split('\r\n')
        length = next(
            int(line.split(':', 1)[1])
            for line in lines
            if line.lower().startswith('content-length:')
        )
        while len(content) < length:
            content += sock.recv(65536)
    return int(lines[0].split()[1]), json.loads(content[:length])


def test_chunked_body_is_read_or_length_required(
    served: int,
    request: pytest.FixtureRequest,
) -> None:
    """gunicorn and uvicorn hand a chunked body over (201); runserver cannot (411)."""
    slug = f'chunked-{served}'
    payload = {'slug': slug, 'name': 'Chunked'}
    status, answer = post_chunked(served, '/api/tags/', payload, bearer(served))
    if request.node.callspec.params['served'] == 'runserver':
        assert status == 411
        assert answer == {
            'detail': [
                {
                    'msg': 'This server cannot read a body without Content-Length; '
                    'send the body with a Content-Length header',
                    'loc': ['headers', 'content-length'],
                    'type': 'length_required',
                },
            ],
        }
    else:
        assert (status, answer) == (201, {'slug': slug, 'name': 'Chunked', 'articles': 0})


def test_an_article_downloads_as_a_markdown_file(served: int) -> None:
    """The export is a Markdown attachment under every server, ASGI's streaming one included."""
    url = f'http://127.0.0.1:{served}/api/articles/1/export/'
    with urllib.request.urlopen(url, timeout=10) as response:
        text = response.read().decode()
        assert response.status == 200
        assert response.headers['Content-Type'] == 'text/markdown'
        assert response.headers['Content-Disposition'].startswith('attachment; filename="')
        assert int(response.headers['Content-Length']) == len(text.encode())
    assert text.startswith('# ')
