"""Bucket names: the scope and the key's value, hashed before they reach a store."""

import hashlib

PREFIX = 'dmr:throttle:'


def bucket(scope: str, key_name: str, value: str) -> str:
    """The store key of one client of one throttle; no client data in clear."""
    digest = hashlib.blake2b(
        '\x00'.join((scope, key_name, value)).encode('utf-8', 'surrogatepass'),
        digest_size=16,
    )
    return PREFIX + digest.hexdigest()
