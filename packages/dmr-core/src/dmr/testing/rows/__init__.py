"""The rows the conformance kit's pagination suite pages through: a Django app of the kit's own.

A backend's (or plugin's) test settings add it beside ``'dmr'``, with a
database and a ``SECRET_KEY`` (cursors are signed)::

    INSTALLED_APPS = ['dmr', 'dmr.testing.rows']
    DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}}

The app has no migrations: Django's test database creation makes its one
table, :class:`dmr.testing.rows.models.Row`, and no other app
(``django.contrib.auth`` included) is needed.
"""
