"""What the tags API reads and writes, in the library of the project's backend.

``settings.NEWSROOM_SERIALIZER`` picks :mod:`tags.schemas.msgspec`,
:mod:`tags.schemas.pydantic` or :mod:`tags.schemas.attrs`; the controllers
import the models from here.
"""

from django.conf import settings

if settings.NEWSROOM_SERIALIZER == 'pydantic':
    from tags.schemas.pydantic import TagIn, TagOut, TagPath, TagQuery
elif settings.NEWSROOM_SERIALIZER == 'attrs':
    from tags.schemas.attrs import TagIn, TagOut, TagPath, TagQuery
else:
    from tags.schemas.msgspec import TagIn, TagOut, TagPath, TagQuery

__all__ = ['TagIn', 'TagOut', 'TagPath', 'TagQuery']
