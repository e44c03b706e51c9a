"""The pagination models, in the library of the project's backend.

``settings.NEWSROOM_SERIALIZER`` picks :mod:`newsroom.schemas.msgspec`,
:mod:`newsroom.schemas.pydantic` or :mod:`newsroom.schemas.attrs`; each
defines ``PageQuery`` and ``Page`` with the same fields, constraints and
defaults, and ``Page[UserOut]`` is the page of users in each (under attrs,
which has no generic classes, it names the concrete ``UserPage``). Each
app's ``schemas`` package works the same way.
"""

from django.conf import settings

if settings.NEWSROOM_SERIALIZER == 'pydantic':
    from newsroom.schemas.pydantic import Page, PageQuery
elif settings.NEWSROOM_SERIALIZER == 'attrs':
    from newsroom.schemas.attrs import Page, PageQuery
else:
    from newsroom.schemas.msgspec import Page, PageQuery

__all__ = ['Page', 'PageQuery']
