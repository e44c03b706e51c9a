"""The client's address: ``REMOTE_ADDR``, or the forwarded one behind trusted proxies.

Only when the peer (``REMOTE_ADDR``) is a trusted proxy is the forwarding
header read, from the right (the hop the proxy itself added) leftwards,
skipping hops that are trusted proxies too: the first untrusted one is the
client. Whatever a client writes further left is never believed, so a
forged ``X-Forwarded-For`` from an untrusted peer changes nothing.
"""

import ipaddress
import logging
import re
import time
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings as django_settings
from django.core.signals import setting_changed
from django.dispatch import receiver

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

UNKNOWN = 'unknown'
"""The key of a request whose address is missing or unreadable: one shared bucket."""

logger = logging.getLogger('dmr.throttling')

_BRACKETED = re.compile(r'\[([^\]]*)\](?::\d+)?')
_IPV4_PORT = re.compile(r'(\d{1,3}(?:\.\d{1,3}){3}):\d+', re.ASCII)
_FOR = re.compile(r'(?:^|;)\s*for\s*=\s*("[^"]*"|[^;,\s]*)', re.IGNORECASE)
_last_warning = 0.0
_WARN_EVERY = 60.0


def parse_address(text: str) -> IPAddress | None:
    """An address as sent in ``REMOTE_ADDR`` or a forwarding header; ``None`` if garbage.

    Ports are stripped (``1.2.3.4:80``, ``[::1]:80``), IPv4-mapped IPv6
    addresses become IPv4.
    """
    text = text.strip().strip('"')
    if bracketed := _BRACKETED.fullmatch(text):
        text = bracketed.group(1)
    elif with_port := _IPV4_PORT.fullmatch(text):
        text = with_port.group(1)
    try:
        address = ipaddress.ip_address(text.split('%', 1)[0])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def forwarded_hops(meta: Mapping[str, object]) -> list[str]:
    """The hops of ``X-Forwarded-For``, else of ``Forwarded``'s ``for=``, left to right."""
    x_forwarded = meta.get('HTTP_X_FORWARDED_FOR')
    if isinstance(x_forwarded, str) and x_forwarded.strip():
        return [hop for hop in (part.strip() for part in x_forwarded.split(',')) if hop]
    forwarded = meta.get('HTTP_FORWARDED')
    if isinstance(forwarded, str):
        return [
            match.group(1).strip('"')
            for element in forwarded.split(',')
            if (match := _FOR.search(element.strip()))
        ]
    return []


def client_address(
    meta: Mapping[str, object],
    trusted: Sequence[IPNetwork],
) -> IPAddress | None:
    """The client's address, walking the forwarding header behind trusted proxies."""
    remote = meta.get('REMOTE_ADDR')
    peer = parse_address(remote) if isinstance(remote, str) else None
    if peer is None or not _is_trusted(peer, trusted):
        return peer
    client: IPAddress | None = peer
    for hop in reversed(forwarded_hops(meta)):
        client = parse_address(hop)
        if client is None or not _is_trusted(client, trusted):
            return client
    return client


def address_key(address: IPAddress | None, ipv6_prefix: int) -> str:
    """The key of an address: itself for IPv4, its network for IPv6, ``unknown`` if none."""
    if address is None:
        _warn_unknown()
        return UNKNOWN
    if isinstance(address, ipaddress.IPv6Address) and ipv6_prefix < 128:
        network = ipaddress.IPv6Network((address, ipv6_prefix), strict=False)
        return str(network)
    return str(address)


def parse_networks(value: Any) -> tuple[IPNetwork, ...]:
    """``trusted_proxies`` as networks; ``ValueError`` naming the bad one."""
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ValueError(f"'trusted_proxies' is a list of CIDRs, got {value!r}")
    networks = []
    for item in value:
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"'trusted_proxies': {item!r} is not a CIDR") from exc
    return tuple(networks)


def parse_prefix(value: Any) -> int:
    """``ipv6_prefix``: the length of the IPv6 networks clients are keyed by."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 128:
        raise ValueError(f"'ipv6_prefix' is an integer from 1 to 128, got {value!r}")
    return value


_config: tuple[tuple[IPNetwork, ...], int] | None = None


def request_key(meta: Mapping[str, object]) -> str:
    """The address key of a request under ``DMR_SETTINGS['throttling']``.

    The two keys it needs are read here, once (``dmr.settings`` validates
    them for ``manage.py check``), so that keys need not import the settings.
    """
    global _config  # noqa: PLW0603 - one process-wide cache, reset on setting_changed
    if _config is None:
        raw = getattr(django_settings, 'DMR_SETTINGS', {}).get('throttling', {})
        _config = (
            parse_networks(raw.get('trusted_proxies', ())),
            parse_prefix(raw.get('ipv6_prefix', 64)),
        )
    trusted, prefix = _config
    return address_key(client_address(meta, trusted), prefix)


@receiver(setting_changed)
def _reset(*, setting: str, **_kwargs: Any) -> None:
    global _config  # noqa: PLW0603
    if setting == 'DMR_SETTINGS':
        _config = None


def _is_trusted(address: IPAddress, trusted: Sequence[IPNetwork]) -> bool:
    return any(address.version == network.version and address in network for network in trusted)


def _warn_unknown() -> None:
    global _last_warning  # noqa: PLW0603 - one process-wide clock for the rate-limited log
    now = time.monotonic()
    if now - _last_warning >= _WARN_EVERY:
        _last_warning = now
        logger.warning(
            'A request without a readable client address: it is throttled in the '
            'shared %r bucket. Check REMOTE_ADDR and DMR_SETTINGS["throttling"]'
            '["trusted_proxies"].',
            UNKNOWN,
        )
