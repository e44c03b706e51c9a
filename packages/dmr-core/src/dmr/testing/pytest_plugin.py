"""The pytest plugin of dmr-core: fixtures for the test clients, nothing else.

pytest loads it in every project where dmr-core is installed (entry point
``pytest11``). It only defines fixtures, so it changes nothing for a test
that does not ask for one, and needs Django's settings only once a test
sends a request. pytest-django owns ``client`` and ``rf``; these are named
``dmr_*``::

    def test_create(dmr_client):
        response = dmr_client.post('/api/users/', {'email': 'ada@example.com'})
        assert response.status_code == 201
"""

import pytest

from dmr.testing.client import (
    DMRAsyncClient,
    DMRAsyncRequestFactory,
    DMRClient,
    DMRRequestFactory,
)


@pytest.fixture
def dmr_client() -> DMRClient:
    """A :class:`~dmr.testing.DMRClient`: Django's test client, speaking JSON."""
    return DMRClient()


@pytest.fixture
def dmr_async_client() -> DMRAsyncClient:
    """A :class:`~dmr.testing.DMRAsyncClient`, for async tests."""
    return DMRAsyncClient()


@pytest.fixture
def dmr_rf() -> DMRRequestFactory:
    """A :class:`~dmr.testing.DMRRequestFactory`: requests to hand to a view."""
    return DMRRequestFactory()


@pytest.fixture
def dmr_async_rf() -> DMRAsyncRequestFactory:
    """A :class:`~dmr.testing.DMRAsyncRequestFactory`: ASGI requests to hand to a view."""
    return DMRAsyncRequestFactory()
