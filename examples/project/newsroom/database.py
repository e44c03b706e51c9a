"""``DATABASE_URL`` to Django's ``DATABASES['default']``, in a few lines of our own.

Two schemes are understood:

- ``sqlite:///db.sqlite3`` (relative to ``base_dir``), ``sqlite:////tmp/x.sqlite3``
  (absolute, note the fourth slash) and ``sqlite://:memory:``;
- ``postgres://user:password@host:5432/name`` (or ``postgresql://``), where the
  query string becomes libpq options (``?sslmode=require``) and a
  percent-encoded host is a Unix socket directory (``%2Frun%2Fpostgresql``).

>>> database_from_url('postgres://news:s3cret@127.0.0.1:5433/news', base_dir=Path('.'))['PORT']
5433
"""

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_POSTGRES_SCHEMES = frozenset({'postgres', 'postgresql'})


def database_from_url(url: str, *, base_dir: Path) -> dict[str, Any]:
    """The ``DATABASES`` entry that ``url`` describes."""
    parts = urlsplit(url)
    if parts.scheme == 'sqlite':
        return _sqlite(parts.netloc, unquote(parts.path), base_dir)
    if parts.scheme in _POSTGRES_SCHEMES:
        return _postgres(url)
    raise ImproperlyConfigured(
        f'DATABASE_URL has scheme {parts.scheme!r}; use sqlite:///<path> '
        'or postgres://<user>:<password>@<host>:<port>/<name>',
    )


def _sqlite(netloc: str, path: str, base_dir: Path) -> dict[str, Any]:
    if netloc == ':memory:' or (not netloc and path in {'', '/'}):
        name: str | Path = ':memory:'
    elif netloc:
        raise ImproperlyConfigured(
            f'DATABASE_URL sqlite://{netloc}{path} names a host; '
            'write sqlite:///relative/path or sqlite:////absolute/path',
        )
    else:
        # `sqlite:///x` is the relative path `x`, `sqlite:////x` the absolute `/x`.
        name = base_dir / path.removeprefix('/')
    return {'ENGINE': 'django.db.backends.sqlite3', 'NAME': name}


def _postgres(url: str) -> dict[str, Any]:
    parts = urlsplit(url)
    name = unquote(parts.path.removeprefix('/'))
    if not name:
        raise ImproperlyConfigured(f'DATABASE_URL {parts.scheme}://... names no database')
    try:
        port = parts.port
    except ValueError as exc:
        raise ImproperlyConfigured(f'DATABASE_URL has an invalid port: {exc}') from exc
    return {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': name,
        'USER': unquote(parts.username or ''),
        'PASSWORD': unquote(parts.password or ''),
        'HOST': unquote(parts.hostname or ''),
        'PORT': port or '',
        'OPTIONS': dict(parse_qsl(parts.query)),
    }
