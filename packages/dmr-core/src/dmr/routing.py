"""Grouping controllers under a prefix: ``Router``.

>>> router = Router('api/', [path('user/', UserController.as_view(), name='users')])
>>> urlpatterns = [router.to_urlpatterns(namespace='api')]

The router is also what the OpenAPI generator walks, so it sees exactly the
routes Django serves.
"""

from collections.abc import Sequence

from django.urls import URLPattern, URLResolver, include, path

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

    def to_urlpatterns(self, *, namespace: str | None = None) -> URLResolver:
        """One pattern to put in a ``urlpatterns`` list.

        With ``namespace``, route names are reversed as ``namespace:name``.
        """
        if namespace is None:
            return path(self.prefix, include(self.urls))
        return path(self.prefix, include((self.urls, namespace), namespace=namespace))
