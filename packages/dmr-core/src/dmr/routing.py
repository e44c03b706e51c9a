"""Grouping controllers under a prefix: ``Router``.

>>> router = Router('api/', [path('user/', UserController.as_view(), name='users')])
>>> urlpatterns = [router.to_urlpatterns(namespace='api')]

The router is also what the OpenAPI generator walks, so it sees exactly the
routes Django serves.
"""

from collections.abc import Sequence

from django.urls import URLPattern, URLResolver, include, path, re_path

from dmr.handlers import not_found

__all__ = ['Router', 'path']


class Router:
    """URL patterns that share a prefix."""

    def __init__(
        self,
        prefix: str,
        urls: Sequence[URLPattern | URLResolver],
    ) -> None:
        self.prefix = prefix
        self.urls = list(urls)

    def to_urlpatterns(
        self,
        *,
        namespace: str | None = None,
        catch_all: bool = False,
    ) -> URLResolver:
        """One pattern to put in a ``urlpatterns`` list.

        With ``namespace``, route names are reversed as ``namespace:name``.
        With ``catch_all``, a last route answers every other URL under the
        prefix with a 404 in the error model (:func:`dmr.handlers.not_found`),
        whatever ``DEBUG`` says; it is not part of the OpenAPI document.
        """
        urls = list(self.urls)
        if catch_all:
            urls.append(re_path('', not_found))
        if namespace is None:
            return path(self.prefix, include(urls))
        return path(self.prefix, include((urls, namespace), namespace=namespace))
