"""``DATABASE_URL`` parsing (no database needed)."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom.database import database_from_url

BASE = Path('/srv/newsroom')


@pytest.mark.parametrize(
    ('url', 'name'),
    [
        ('sqlite:///db.sqlite3', BASE / 'db.sqlite3'),
        ('sqlite:///data/news.sqlite3', BASE / 'data/news.sqlite3'),
        ('sqlite:////var/lib/news.sqlite3', Path('/var/lib/news.sqlite3')),
        ('sqlite://:memory:', ':memory:'),
        ('sqlite://', ':memory:'),
    ],
)
def test_sqlite_paths_are_relative_to_the_project_unless_absolute(url, name):
    assert database_from_url(url, base_dir=BASE) == {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': name,
    }


def test_postgres_url_gives_every_connection_field():
    url = 'postgres://news:p%40ss%3Aword@db.example.com:5433/newsroom?sslmode=require'

    assert database_from_url(url, base_dir=BASE) == {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'newsroom',
        'USER': 'news',
        'PASSWORD': 'p@ss:word',
        'HOST': 'db.example.com',
        'PORT': 5433,
        'OPTIONS': {'sslmode': 'require'},
    }


def test_postgresql_scheme_and_defaults():
    assert database_from_url('postgresql:///newsroom', base_dir=BASE) == {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'newsroom',
        'USER': '',
        'PASSWORD': '',
        'HOST': '',
        'PORT': '',
        'OPTIONS': {},
    }


def test_a_percent_encoded_host_is_a_unix_socket_directory():
    url = 'postgres://news@%2Fvar%2Frun%2Fpostgresql/newsroom'

    assert database_from_url(url, base_dir=BASE)['HOST'] == '/var/run/postgresql'


@pytest.mark.parametrize(
    ('url', 'message'),
    [
        ('mysql://root@localhost/news', "scheme 'mysql'"),
        ('postgres://localhost:5432/', 'names no database'),
        ('postgres://localhost:port/news', 'invalid port'),
        ('sqlite://somehost/db.sqlite3', 'names a host'),
    ],
)
def test_urls_it_cannot_use_are_configuration_errors(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        database_from_url(url, base_dir=BASE)
