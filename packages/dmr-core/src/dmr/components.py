"""Request components, declared by annotating endpoint parameters.

``Body[T]``, ``Query[T]``, ``Headers[T]``, ``Path[T]``, ``Cookies[T]`` and
``Files[T]`` are
generic aliases of ``Annotated[T, <component>]``: a type checker sees the
parameter as ``T``, and dmr reads the component from the annotation::

    class UserController(Controller):
        def post(self, user: Body[UserModel], page: Query[PageModel]) -> User:
            ...

The parameter name is free; each component may appear once per endpoint.
"""

import enum
from typing import Annotated, TypeAlias, TypeVar

_T = TypeVar('_T')


class Component(enum.Enum):
    """Where in the request a component's data comes from."""

    BODY = 'body'
    QUERY = 'query'
    HEADERS = 'headers'
    PATH = 'path'
    COOKIES = 'cookies'
    FILES = 'files'

    @property
    def loc(self) -> str:
        """The first element of error ``loc`` values for this component."""
        return self.value


Body: TypeAlias = Annotated[_T, Component.BODY]
"""The request body, parsed by the parser chosen from ``Content-Type``."""

Query: TypeAlias = Annotated[_T, Component.QUERY]
"""The query string; fields listed as arrays collect repeated keys."""

Headers: TypeAlias = Annotated[_T, Component.HEADERS]
"""Request headers by lowercase name, ``-`` as ``_``: ``X-API-Token`` is ``x_api_token``."""

Path: TypeAlias = Annotated[_T, Component.PATH]
"""Keyword arguments captured by the URL pattern."""

Cookies: TypeAlias = Annotated[_T, Component.COOKIES]
"""Request cookies, by name."""

Files: TypeAlias = Annotated[_T, Component.FILES]
"""Uploaded files of a multipart body, by field name: :class:`dmr.files.UploadedFile` fields."""
