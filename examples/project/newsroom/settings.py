"""Settings of the newsroom example project.

The database is SQLite (``db.sqlite3`` beside ``manage.py``) unless
``DATABASE_URL`` names another one, such as
``postgres://news:news@127.0.0.1:5432/news``; see :mod:`newsroom.database`.
``DJANGO_DEBUG=1`` turns debug mode on, ``DJANGO_SECRET_KEY`` and
``DJANGO_ALLOWED_HOSTS`` (comma-separated) are what a deployment sets, with
``NEWSROOM_JWT_PRIVATE_KEY`` (an EC P-256 private key in PEM) and
``NEWSROOM_JWT_KID`` (its name) for the JWTs: without them, tokens are
signed with a key derived from the secret key (:mod:`newsroom.auth`).

``REDIS_URL`` (such as ``redis://127.0.0.1:6379/0``) names the Redis server
that counts the write throttles (:mod:`newsroom.throttling`) and holds
Django's cache; without it, both live in each process's memory, which is
right for ``runserver`` but not for several workers (``manage.py check``
says so: ``dmr.W010``).

``NEWSROOM_SERIALIZER`` chooses the serializer backend: ``msgspec`` (the
default), ``pydantic`` or ``attrs``. It sets dmr's ``serializer`` setting,
and each app's ``schemas`` package imports the models written for that
backend (``users/schemas/msgspec.py``, ``users/schemas/pydantic.py`` or
``users/schemas/attrs.py``, and so on); the controllers are the same code
for all three.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from newsroom.database import database_from_url
from newsroom.openapi import OPENAPI

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'newsroom-example-only-not-a-secret')
DEBUG = os.environ.get('DJANGO_DEBUG') == '1'
ALLOWED_HOSTS = os.environ.get('DJANGO_ALLOWED_HOSTS', '127.0.0.1,localhost,testserver').split(',')

INSTALLED_APPS = [
    'django.contrib.contenttypes',
    'django.contrib.auth',
    'django.contrib.sessions',
    'dmr',
    # The table of revoked JWTs (logout, rotated refresh tokens).
    'dmr.security.jwt',
    'users',
    'tags',
    'articles',
]

# What `startproject` writes (without the messages framework, which the
# project does not install). dmr's controllers are exempt from the CSRF
# middleware: the session auth runs Django's CSRF check itself.
MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]

ROOT_URLCONF = 'newsroom.urls'
WSGI_APPLICATION = 'newsroom.wsgi.application'

DATABASES = {
    'default': database_from_url(
        os.environ.get('DATABASE_URL') or 'sqlite:///db.sqlite3',
        base_dir=BASE_DIR,
    ),
}
# Seconds a connection stays open for the next request (0: closed after each).
DATABASES['default']['CONN_MAX_AGE'] = int(os.environ.get('NEWSROOM_CONN_MAX_AGE', '0'))
DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'

# The JWT signing key (newsroom/auth.py): an EC P-256 private key in PEM.
NEWSROOM_JWT_PRIVATE_KEY = os.environ.get('NEWSROOM_JWT_PRIVATE_KEY', '')
NEWSROOM_JWT_KID = os.environ.get('NEWSROOM_JWT_KID', 'newsroom-1')

# Files the project keeps: the articles' images (articles/images.py, uploaded
# with a multipart PUT) and their Markdown exports (articles/export.py).
# DJANGO_MEDIA_ROOT moves them, to a volume say.
MEDIA_ROOT = os.environ.get('DJANGO_MEDIA_ROOT') or str(BASE_DIR / 'media')
MEDIA_URL = 'media/'
# Seconds between two polls of the database by the live feed of articles.
NEWSROOM_FEED_POLL_SECONDS = float(os.environ.get('NEWSROOM_FEED_POLL_SECONDS') or 2)

USE_TZ = True
TIME_ZONE = 'UTC'
LANGUAGE_CODE = 'en-us'

# The serializer backend, and the library the apps' models are written in.
# Under pydantic, JSON bodies are strict as msgspec's are: "7" is no int
# (newsroom/serializers/pydantic.py). Under attrs, only request bodies refuse
# unknown fields, as with the other two (newsroom/serializers/attrs.py).
NEWSROOM_SERIALIZERS = {
    'msgspec': 'msgspec',
    'pydantic': 'newsroom.serializers.pydantic.StrictPydanticSerializer',
    'attrs': 'newsroom.serializers.attrs.NewsroomAttrsSerializer',
}
NEWSROOM_SERIALIZER = os.environ.get('NEWSROOM_SERIALIZER') or 'msgspec'
if NEWSROOM_SERIALIZER not in NEWSROOM_SERIALIZERS:
    *others, last = NEWSROOM_SERIALIZERS
    choices = f'{", ".join(others)} or {last}'
    raise ImproperlyConfigured(f'NEWSROOM_SERIALIZER is {NEWSROOM_SERIALIZER!r}; use {choices}')

# Throttling (newsroom/throttling.py): on the Redis server of REDIS_URL, the
# smooth GCRA; else on Django's default cache, in fixed windows.
REDIS_URL = os.environ.get('REDIS_URL', '')
if REDIS_URL:
    CACHES = {
        'default': {
            'BACKEND': 'django.core.cache.backends.redis.RedisCache',
            'LOCATION': REDIS_URL,
            'OPTIONS': {'socket_timeout': 0.1, 'socket_connect_timeout': 0.1},
        },
    }

DMR_SETTINGS = {
    'serializer': NEWSROOM_SERIALIZERS[NEWSROOM_SERIALIZER],
    # The document's title, tags and operationIds: served and exported alike.
    'openapi': OPENAPI,
    'throttling': {'backend': REDIS_URL or 'cache:default'},
}

# Django's own refusals answer in dmr's error model too (newsroom/urls.py
# names the 400/403/404/500 handlers).
CSRF_FAILURE_VIEW = 'dmr.handlers.csrf_failure'
