"""Everything under /api/ answers errors in the error model, even what no route matches."""

import asyncio

import pytest
from django.test import AsyncClient, override_settings

NOT_FOUND = {'detail': [{'msg': 'Not found', 'loc': [], 'type': 'not_found'}]}


@pytest.mark.parametrize(
    'url',
    ['/api/nope/', '/api/users/-1/', '/api/users/0.5/', '/api/tags/a%20b/'],
)
def test_urls_no_route_matches_answer_404_in_the_error_model(client, url):
    """An id the converter refuses and an unknown URL are JSON 404s, not Django's HTML page."""
    response = client.get(url)
    assert (response.status_code, response['Content-Type']) == (404, 'application/json')
    assert response.json() == NOT_FOUND


@override_settings(DEBUG=True)
def test_unmatched_api_urls_answer_json_with_debug_on(client):
    """With DEBUG on Django ignores handler404; the router's catch-all still answers."""
    response = client.get('/api/nope/')
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_unmatched_urls_outside_the_api_answer_json(client):
    """``handler404`` answers the rest of the site in the error model too."""
    response = client.get('/nowhere/')
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_unmatched_api_urls_answer_json_to_async_clients():
    """Through Django's async handler the catch-all answers the same JSON 404."""
    response = asyncio.run(AsyncClient().get('/api/nope/'))
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
