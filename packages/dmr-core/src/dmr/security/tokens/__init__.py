"""Opaque API tokens: a Django app (``'dmr.security.tokens'`` in ``INSTALLED_APPS``).

It brings the :class:`~dmr.security.tokens.models.Token` model and its
migration, an admin, ``manage.py dmr_create_token`` and the obtain and
revoke controllers of :mod:`dmr.security.tokens.controllers`; requests
authenticate with :class:`dmr.security.TokenAuth`. The token format is
described in :mod:`dmr.security.tokens.format`.
"""
