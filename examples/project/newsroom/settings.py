"""Settings of the newsroom example project.

The database is SQLite (``db.sqlite3`` beside ``manage.py``) unless
``DATABASE_URL`` names another one, such as
``postgres://news:news@127.0.0.1:5432/news``; see :mod:`newsroom.database`.
``DJANGO_DEBUG=1`` turns debug mode on, ``DJANGO_SECRET_KEY`` and
``DJANGO_ALLOWED_HOSTS`` (comma-separated) are what a deployment sets, with
``NEWSROOM_JWT_PRIVATE_KEY`` (an EC P-256 private key in PEM) and
``NEWSROOM_JWT_KID`` (its name) for the JWTs: without them, tokens are
signed with a key derived from the secret key (:mod:`newsroom.auth`).

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
DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'

# The JWT signing key (newsroom/auth.py): an EC P-256 private key in PEM.
NEWSROOM_JWT_PRIVATE_KEY = os.environ.get('NEWSROOM_JWT_PRIVATE_KEY', '')
NEWSROOM_JWT_KID = os.environ.get('NEWSROOM_JWT_KID', 'newsroom-1')

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

# Uploaded files (an article's image): stored under MEDIA_ROOT, outside the
# code; a deployment points NEWSROOM_MEDIA_ROOT at its volume.
MEDIA_ROOT = Path(os.environ.get('NEWSROOM_MEDIA_ROOT') or BASE_DIR / 'media')
MEDIA_URL = 'media/'

DMR_SETTINGS = {
    'serializer': NEWSROOM_SERIALIZERS[NEWSROOM_SERIALIZER],
    # The document's title, tags and operationIds: served and exported alike.
    'openapi': OPENAPI,
}

# Django's own refusals answer in dmr's error model too (newsroom/urls.py
# names the 400/403/404/500 handlers).
CSRF_FAILURE_VIEW = 'dmr.handlers.csrf_failure'
