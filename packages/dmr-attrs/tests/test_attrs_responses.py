"""Response validation: what an endpoint returns must match its declaration."""

from django.test import Client


def test_unencodable_value_is_answered_with_422(client):
    """A value msgspec cannot encode is a `type_error`, not a server error."""
    response = client.get('/api/unencodable/')

    assert response.status_code == 422
    [detail] = response.json()['detail']
    assert (detail['loc'], detail['type']) == (['response'], 'type_error')


def test_a_dict_with_the_right_fields_passes_for_a_class(client):
    """Validation checks what goes on the wire, not the Python type."""
    response = client.get('/api/dict-for-class/')

    assert response.status_code == 200
    assert response.json() == {'at': '2024-01-02T03:04:05Z', 'took': 'PT1S'}


def test_negative_durations_are_written_as_msgspec_writes_them(client):
    """A negative duration is signed and counted in seconds below a day."""
    assert client.get('/api/naive-event/').json() == {
        'at': '2024-01-02T03:04:05Z',
        'took': '-PT86370S',
    }


def test_defaults_are_left_out_when_asked(client):
    """`omit_defaults` leaves fields equal to their default out of the output."""
    response = client.post(
        '/api/preferences/',
        {'theme': 'dark', 'volume': 5},
        content_type='application/json',
    )

    assert response.json() == {'theme': 'dark'}


def test_unencodable_value_without_validation_is_a_server_error():
    """With validation off, an unencodable value is a bug: a 500, no internals."""
    client = Client(raise_request_exception=False)

    response = client.get('/api/unvalidated/unencodable/')

    assert response.status_code == 500
    assert response.json()['detail'] == [
        {'msg': 'Internal server error', 'loc': [], 'type': 'internal_error'},
    ]
