"""What the users API reads and writes, in the library of the project's backend.

``settings.NEWSROOM_SERIALIZER`` picks :mod:`users.schemas.msgspec`,
:mod:`users.schemas.pydantic` or :mod:`users.schemas.attrs`; the controllers
import the models from here.
"""

from django.conf import settings

if settings.NEWSROOM_SERIALIZER == 'pydantic':
    from users.schemas.pydantic import UserIn, UserOut, UserPath, UserQuery
elif settings.NEWSROOM_SERIALIZER == 'attrs':
    from users.schemas.attrs import UserIn, UserOut, UserPath, UserQuery
else:
    from users.schemas.msgspec import UserIn, UserOut, UserPath, UserQuery

__all__ = ['UserIn', 'UserOut', 'UserPath', 'UserQuery']
