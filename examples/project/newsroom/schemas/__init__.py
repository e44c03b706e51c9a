"""The query models of the listings, in the library of the project's backend.

``settings.NEWSROOM_SERIALIZER`` picks :mod:`newsroom.schemas.msgspec`,
:mod:`newsroom.schemas.pydantic` or :mod:`newsroom.schemas.attrs`; each
defines ``PageQuery`` (page numbers) and ``CursorQuery`` (cursors) with the
same fields, constraints and defaults, which ``dmr.pagination``'s paginators
read. The pages themselves are ``dmr.pagination``'s ``Page[UserOut]`` and
``CursorPage[ArticleOut]``, the same under every backend. Each app's
``schemas`` package works the same way.
"""

from django.conf import settings

if settings.NEWSROOM_SERIALIZER == 'pydantic':
    from newsroom.schemas.pydantic import CursorQuery, PageQuery
elif settings.NEWSROOM_SERIALIZER == 'attrs':
    from newsroom.schemas.attrs import CursorQuery, PageQuery
else:
    from newsroom.schemas.msgspec import CursorQuery, PageQuery

__all__ = ['CursorQuery', 'PageQuery']
