"""The pagination models, in the library of the project's backend.

``settings.NEWSROOM_SERIALIZER`` picks :mod:`newsroom.schemas.msgspec` or
:mod:`newsroom.schemas.pydantic`; both define ``PageQuery`` and ``Page``
with the same fields, constraints and defaults. Each app's ``schemas``
package works the same way.
"""

from django.conf import settings

if settings.NEWSROOM_SERIALIZER == 'pydantic':
    from newsroom.schemas.pydantic import Page, PageQuery
else:
    from newsroom.schemas.msgspec import Page, PageQuery

__all__ = ['Page', 'PageQuery']
