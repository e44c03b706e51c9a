"""Query, headers, path and cookies: text is coerced into the field types."""

import pytest


def test_query_text_is_coerced(client):
    """Numbers, booleans, enums and literals are read from query text."""
    response = client.get(
        '/api/search/?q=x&page=2&exact=true&ratio=0.5&priority=2&sort=desc&tags=a&tags=b'
    )

    assert response.status_code == 200
    assert response.json() == {
        'q': 'x',
        'page': 2,
        'exact': True,
        'ratio': 0.5,
        'tags': ['a', 'b'],
        'priority': 2,
        'sort': 'desc',
    }


@pytest.mark.parametrize(
    ('query', 'loc', 'error_type'),
    [
        ('q=x&exact=maybe', ['query', 'exact'], 'type_error'),
        ('q=x&ratio=nan', ['query', 'ratio'], 'type_error'),
        ('q=x&priority=3', ['query', 'priority'], 'invalid_choice'),
        ('q=x&sort=up', ['query', 'sort'], 'invalid_choice'),
    ],
)
def test_query_errors_are_located(client, query, loc, error_type):
    """Text that does not read as the field's type is located in the query."""
    response = client.get(f'/api/search/?{query}')

    assert response.status_code == 400
    [detail] = response.json()['detail']
    assert (detail['loc'], detail['type']) == (loc, error_type)


def test_headers_are_read_by_field_wire_name(client):
    """Headers arrive by lowercase name; an alias names another header."""
    response = client.get(
        '/api/headers/',
        headers={
            'X-API-Token': 'secret',
            'X-Retries': '3',
            'X-Request-Ids': '1, 2',
            'User-Agent': 'tests',
        },
    )

    assert response.status_code == 200
    assert response.json() == {
        'x_api_token': 'secret',
        'x_retries': 3,
        'x_request_ids': [1, 2],
        'user_agent': 'tests',
    }


def test_cookies_are_validated(client):
    """Cookies are read by name; UUIDs and literals are checked."""
    client.cookies['session_id'] = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'
    client.cookies['theme'] = 'dark'

    assert client.get('/api/session/').json() == {
        'session_id': '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
        'theme': 'dark',
    }
    client.cookies['session_id'] = 'nope'
    assert client.get('/api/session/').json()['detail'][0]['loc'] == ['cookies', 'session_id']
