"""Query, headers, path and cookies: text coerced into typed fields."""

import uuid


def test_query_text_is_coerced_to_field_types(client):
    """Query values arrive as text; `'2'` and `'true'` become `2` and `True`."""
    response = client.get('/api/search/?q=dmr&page=2&exact=true')

    assert response.status_code == 200
    assert response.json() == {'q': 'dmr', 'page': 2, 'exact': True, 'tags': []}


def test_single_query_value_of_a_list_field_is_a_list(client):
    """One value for a list field is still a list of one."""
    response = client.get('/api/search/?q=dmr&tags=a')

    assert response.json()['tags'] == ['a']


def test_repeated_key_of_a_scalar_field_keeps_the_last_value(client):
    """A scalar field takes one value when its key repeats."""
    response = client.get('/api/search/?q=first&q=last')

    assert response.json()['q'] == 'last'


def test_headers_are_read_by_snake_case_field_names(client):
    """`X-Api-Token` fills `x_api_token`; text is coerced into an `int`."""
    response = client.get(
        '/api/headers/',
        headers={'X-Api-Token': 'secret', 'X-Retries': '3'},
    )

    assert response.status_code == 200
    assert response.json()['x_api_token'] == 'secret'
    assert response.json()['x_retries'] == 3


def test_renamed_field_reads_the_header_of_its_wire_name(client):
    """`msgspec.field(name='user_agent')` maps `User-Agent` to `agent`."""
    response = client.get(
        '/api/headers/',
        headers={'X-Api-Token': 'secret', 'User-Agent': 'tests'},
    )

    assert response.json()['user_agent'] == 'tests'


def test_comma_joined_header_fills_a_list_field(client):
    """A list header field splits its comma-joined value and coerces items."""
    response = client.get(
        '/api/headers/',
        headers={'X-Api-Token': 'secret', 'X-Request-Ids': '1, 2,3'},
    )

    assert response.json()['x_request_ids'] == [1, 2, 3]


def test_invalid_header_item_is_located_by_index(client):
    """An item of a list header that is not a number is located by its index."""
    response = client.get(
        '/api/headers/',
        headers={'X-Api-Token': 'secret', 'X-Request-Ids': '1,x'},
    )

    assert response.status_code == 400
    assert response.json()['detail'][0]['loc'] == ['headers', 'x_request_ids', 1]


def test_cookies_are_validated(client):
    """Cookies are coerced into a UUID and checked against a Literal."""
    session = uuid.uuid4()
    client.cookies['session_id'] = str(session)
    client.cookies['theme'] = 'dark'

    response = client.get('/api/session/')

    assert response.status_code == 200
    assert response.json() == {'session_id': str(session), 'theme': 'dark'}


def test_invalid_cookie_is_located_at_its_name(client):
    """A cookie outside its Literal values is an `invalid_choice` at the cookie."""
    client.cookies['session_id'] = str(uuid.uuid4())
    client.cookies['theme'] = 'sepia'

    response = client.get('/api/session/')

    assert response.status_code == 400
    assert response.json()['detail'] == [
        {
            'msg': 'Expected one of: `dark`, `light`.',
            'loc': ['cookies', 'theme'],
            'type': 'invalid_choice',
        },
    ]
