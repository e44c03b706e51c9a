"""The text ``null`` in a query string or header is text, never JSON null."""

from urllib.parse import urlencode

from django.test import Client
from hypothesis import given
from hypothesis import strategies as st


def test_null_text_for_an_optional_int_is_a_type_error(client):
    """``?after=null`` for ``int | None`` (wire name ``after``) is a 400 at its wire name."""
    response = client.get('/api/nullable/?after=null')

    assert response.status_code == 400
    assert [(d['loc'], d['type']) for d in response.json()['detail']] == [
        (['query', 'after'], 'type_error'),
    ]


def test_null_text_for_an_optional_str_is_the_string(client):
    """``?note=null`` for ``str | None`` is the four letters ``null``."""
    response = client.get('/api/nullable/?note=null')

    assert response.json() == {'after': None, 'note': 'null', 'since': None}


def test_null_text_in_a_typed_dict_header_is_a_type_error(client):
    """``X-Since: null`` for ``int | None`` in a TypedDict header model is a 400."""
    response = client.get('/api/nullable/', headers={'X-Since': 'null'})

    assert response.status_code == 400
    assert response.json()['detail'][0]['loc'] == ['headers', 'x_since']


def test_absent_optional_fields_are_none(client):
    """Without the parameters, the optional fields hold ``None``."""
    response = client.get('/api/nullable/', headers={'X-Since': '3'})

    assert response.json() == {'after': None, 'note': None, 'since': 3}


# NUL is refused in any text (DMR_SETTINGS['allow_nul']); every other character arrives.
@given(
    note=st.text(
        st.characters(codec='utf-8', exclude_categories=['Cs'], exclude_characters='\x00'),
        max_size=20,
    ),
)
def test_any_text_for_an_optional_str_arrives_unchanged(note):
    """Whatever the text of ``note`` (``null``, ``None``, empty...), the field holds it."""
    response = Client().get(f'/api/nullable/?{urlencode({"note": note})}')

    assert response.status_code == 200
    assert response.json()['note'] == note
