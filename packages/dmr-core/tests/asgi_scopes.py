"""ASGI scopes of the requests the upload tests send straight to an ASGI handler."""

from typing import Any


def put_scope(url: str, *headers: tuple[bytes, bytes]) -> dict[str, Any]:
    """The scope of a ``PUT`` of ``url`` with ``headers`` (``Host`` comes first)."""
    return {
        'type': 'http',
        'asgi': {'version': '3.0'},
        'http_version': '1.1',
        'method': 'PUT',
        'scheme': 'http',
        'path': url,
        'raw_path': url.encode(),
        'query_string': b'',
        'root_path': '',
        'headers': [(b'host', b'testserver'), *headers],
        'server': ('testserver', 80),
        'client': ('127.0.0.1', 1234),
    }
