"""Telling clients apart by address: ports, IPv6 networks, proxies, garbage."""

import logging
from typing import Any

import pytest
from django.test import Client, override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from dmr.throttling._client_ip import parse_address

# ``one_window``: the cache counts in fixed windows aligned on the clock.
pytestmark = [
    pytest.mark.urls('tests.throttling_app'),
    pytest.mark.usefixtures('one_window'),
]

KINDS = ['sync', 'async']
SERIALIZER = 'tests.stub_backend.StubSerializer'


def shares_bucket(kind: str, first: dict[str, str], second: dict[str, str]) -> bool:
    """Whether three requests as ``first`` leave ``second`` throttled (ip: 3/minute)."""
    client = Client()
    for _ in range(3):
        assert client.get(f'/{kind}/ip/', **first).status_code == 200
    return client.get(f'/{kind}/ip/', **second).status_code == 429


def proxied(**throttling: Any) -> Any:
    return override_settings(DMR_SETTINGS={'serializer': SERIALIZER, 'throttling': throttling})


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize(
    ('first', 'second'),
    [
        ('192.0.2.1', '192.0.2.1:5555'),
        ('192.0.2.1', '::ffff:192.0.2.1'),
        ('2001:db8::1', '[2001:db8::2]:443'),
        ('2001:db8::1', '2001:db8::ffff:1'),
        ('fe80::1%eth0', 'fe80::2'),
    ],
)
def test_addresses_of_one_client_share_a_bucket(kind: str, first: str, second: str):
    """Ports are stripped, IPv4-mapped addresses are IPv4, IPv6 is keyed by its /64."""
    assert shares_bucket(kind, {'REMOTE_ADDR': first}, {'REMOTE_ADDR': second})


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize(
    ('first', 'second'),
    [('192.0.2.1', '192.0.2.2'), ('2001:db8::1', '2001:db8:0:1::1')],
)
def test_other_clients_have_their_own_bucket(kind: str, first: str, second: str):
    """Another address, or another IPv6 /64, is another client."""
    assert not shares_bucket(kind, {'REMOTE_ADDR': first}, {'REMOTE_ADDR': second})


@pytest.mark.parametrize('kind', KINDS)
def test_the_ipv6_prefix_is_a_setting(kind: str):
    """``ipv6_prefix=128`` keys each IPv6 address apart."""
    with proxied(ipv6_prefix=128):
        assert not shares_bucket(
            kind, {'REMOTE_ADDR': '2001:db8::1'}, {'REMOTE_ADDR': '2001:db8::2'}
        )


@pytest.mark.parametrize('kind', KINDS)
def test_requests_without_an_address_are_throttled_together_and_logged(
    kind: str, caplog: pytest.LogCaptureFixture
):
    """A missing or garbage address is one shared ``unknown`` bucket, never unthrottled."""
    import dmr.throttling._client_ip as client_ip

    client_ip._last_warning = -client_ip._WARN_EVERY
    with caplog.at_level(logging.WARNING, logger='dmr.throttling'):
        assert shares_bucket(kind, {'REMOTE_ADDR': ''}, {'REMOTE_ADDR': 'not-an-address'})
    warnings = [record for record in caplog.records if record.name == 'dmr.throttling']
    assert len(warnings) == 1
    assert 'unknown' in warnings[0].getMessage()


@pytest.mark.parametrize('kind', KINDS)
def test_the_rightmost_untrusted_hop_is_the_client(kind: str):
    """Trusted hops are skipped from the right; what is left of the client is not read."""
    with proxied(trusted_proxies=['10.0.0.0/8']):
        assert shares_bucket(
            kind,
            {'REMOTE_ADDR': '10.0.0.1', 'HTTP_X_FORWARDED_FOR': '1.1.1.1, 192.0.2.9, 10.2.2.2'},
            {'REMOTE_ADDR': '10.0.0.5', 'HTTP_X_FORWARDED_FOR': '8.8.8.8, 192.0.2.9'},
        )


@pytest.mark.parametrize('kind', KINDS)
def test_forwarded_is_read_when_x_forwarded_for_is_absent(kind: str):
    """``Forwarded: for=...`` (quoted, bracketed, with a port) names the client too."""
    with proxied(trusted_proxies=['10.0.0.0/8']):
        assert shares_bucket(
            kind,
            {'REMOTE_ADDR': '10.0.0.1', 'HTTP_FORWARDED': 'for=192.0.2.9;proto=https'},
            {'REMOTE_ADDR': '10.0.0.1', 'HTTP_FORWARDED': 'for="192.0.2.9:4711", for=10.3.3.3'},
        )


@pytest.mark.parametrize('kind', KINDS)
def test_a_garbage_forwarded_hop_is_the_unknown_client(kind: str):
    """A hop a trusted proxy passed on that is no address is counted as ``unknown``."""
    with proxied(trusted_proxies=['10.0.0.0/8']):
        assert shares_bucket(
            kind,
            {'REMOTE_ADDR': '10.0.0.1', 'HTTP_X_FORWARDED_FOR': 'garbage'},
            {'REMOTE_ADDR': '', 'HTTP_X_FORWARDED_FOR': '192.0.2.1'},
        )


@pytest.mark.parametrize('kind', KINDS)
def test_only_trusted_hops_leave_the_leftmost_one(kind: str):
    """When every hop is a trusted proxy, the leftmost is the client."""
    with proxied(trusted_proxies=['10.0.0.0/8']):
        assert shares_bucket(
            kind,
            {'REMOTE_ADDR': '10.0.0.1', 'HTTP_X_FORWARDED_FOR': '10.9.9.9, 10.0.0.2'},
            {'REMOTE_ADDR': '10.9.9.9'},
        )


@given(st.text())
def test_parsing_any_text_never_raises(text: str):
    """Whatever a client sends, an address or ``None``."""
    parse_address(text)


@settings(max_examples=50, deadline=None)
@given(remote=st.text(max_size=60), forwarded=st.text(max_size=120))
def test_any_address_headers_are_answered_200_or_429(remote: str, forwarded: str):
    """No ``REMOTE_ADDR`` or forwarding header makes a throttled endpoint fail."""
    with proxied(trusted_proxies=['0.0.0.0/0', '::/0']):
        response = Client().get(
            '/sync/ip/',
            REMOTE_ADDR=remote,
            HTTP_X_FORWARDED_FOR=forwarded,
            HTTP_FORWARDED=forwarded,
        )
    assert response.status_code in {200, 429}
