"""Request components, declared by annotating endpoint parameters.

``Body[T]``, ``Query[T]``, ``Headers[T]``, ``Path[T]``, ``Cookies[T]`` and
``Files[T]`` are
generic aliases of ``Annotated[T, <component>]``: a type checker sees the
parameter as ``T``, and dmr reads the component from the annotation::

    class UserController(Controller):
        def post(self, user: Body[UserModel], page: Query[PageModel]) -> User:
            ...

The parameter name is free; each component may appear once per endpoint.

A parameter component (``Query``, ``Headers``, ``Path``, ``Cookies``) may
carry, in ``Annotated``, an object that documents what it enforces about
the parameters (:class:`ParameterKeywords`), such as a paginator::

    def get(self, query: Query[Annotated[PageNumber, users]]) -> Page[User]: ...
"""

import enum
from collections.abc import Mapping
from typing import Annotated, Any, Protocol, TypeAlias, TypeVar, runtime_checkable

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


@runtime_checkable
class ParameterKeywords(Protocol):
    """Documents bounds that something other than the model enforces on its parameters.

    Found in the ``Annotated`` metadata of a ``Query``, ``Headers``, ``Path``
    or ``Cookies`` model, it is kept out of the model the backend reads, and
    the OpenAPI document adds its keywords to the schema of each parameter
    it names (names the model does not have are skipped). It documents
    only: the object itself must enforce what it says, as the paginators
    of :mod:`dmr.pagination` do.

    >>> class Depth:
    ...     def parameter_keywords(self) -> dict[str, dict[str, int]]:
    ...         return {'depth': {'minimum': 0, 'maximum': 5}}
    """

    def parameter_keywords(self) -> Mapping[str, Mapping[str, Any]]:
        """JSON Schema keywords by parameter name, read when the document is built."""
        ...  # pragma: no cover - a protocol
