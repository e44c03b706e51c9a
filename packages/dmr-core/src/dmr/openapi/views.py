"""Views that serve the OpenAPI document and the documentation UIs.

Each takes the document built by :func:`dmr.openapi.build_schema`:

>>> urlpatterns = [
...     path('docs/openapi.json/', OpenAPIJsonView.as_view(schema), name='openapi'),
...     path('docs/openapi.yaml/', OpenAPIYamlView.as_view(schema), name='openapi-yaml'),
...     path('docs/swagger/', SwaggerView.as_view(schema), name='swagger'),
...     path('docs/redoc/', RedocView.as_view(schema), name='redoc'),
...     path('docs/scalar/', ScalarView.as_view(schema), name='scalar'),
... ]

The document is rendered once, when the view is created. The UI pages embed
it and load Swagger UI, ReDoc or Scalar from files shipped inside dmr-core,
served by the page's own view (see ``dmr/openapi/static/README.md`` for the
versions), so they work offline and need no static-files setup.
"""

import json
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.views import View

from dmr.openapi import _ui
from dmr.openapi._yaml import dump_yaml

__all__ = ['OpenAPIJsonView', 'OpenAPIYamlView', 'RedocView', 'ScalarView', 'SwaggerView']


class _SchemaView(View):
    """A read-only view made from one OpenAPI document."""

    http_method_names = ('get', 'head', 'options')

    @classmethod
    def as_view(  # type: ignore[override]  # the document is required, positionally
        cls,
        schema: Mapping[str, Any],
        /,
        **initkwargs: Any,
    ) -> Callable[..., HttpResponseBase]:
        """A view serving ``schema``, as returned by ``build_schema``."""
        if not isinstance(schema, Mapping):
            raise TypeError(
                f'{cls.__name__}.as_view() takes the OpenAPI document (a dict), '
                f'got {type(schema).__name__}',
            )
        return super().as_view(**cls.prepare(schema), **initkwargs)

    @classmethod
    def prepare(cls, schema: Mapping[str, Any]) -> dict[str, Any]:
        """Attributes computed once per view from ``schema``."""
        raise NotImplementedError


class _DocumentView(_SchemaView):
    """The document itself, rendered once in one format."""

    content_type: ClassVar[str]
    content: bytes = b''

    @classmethod
    def render(cls, schema: Mapping[str, Any]) -> bytes:
        """The bytes every request gets."""
        raise NotImplementedError

    @classmethod
    def prepare(cls, schema: Mapping[str, Any]) -> dict[str, Any]:
        """Render the document once."""
        return {'content': cls.render(schema)}

    def get(self, _request: HttpRequest) -> HttpResponse:
        """Answer with the document."""
        return HttpResponse(self.content, content_type=self.content_type)


class OpenAPIJsonView(_DocumentView):
    """The document as ``application/json``: ``OpenAPIJsonView.as_view(schema)``."""

    content_type = 'application/json'

    @classmethod
    def render(cls, schema: Mapping[str, Any]) -> bytes:
        """Compact UTF-8 JSON."""
        return json.dumps(schema, ensure_ascii=False, separators=(',', ':')).encode()


class OpenAPIYamlView(_DocumentView):
    """The document as YAML: ``OpenAPIYamlView.as_view(schema)``.

    Served as ``application/yaml`` (RFC 9512), written by dmr's own emitter,
    so no YAML library is needed.
    """

    content_type = 'application/yaml; charset=utf-8'

    @classmethod
    def render(cls, schema: Mapping[str, Any]) -> bytes:
        """Block-style YAML 1.2 (which YAML 1.1 parsers read the same)."""
        return dump_yaml(schema).encode()


class _UIView(_SchemaView):
    """An HTML page showing the document in a UI, and that UI's files."""

    ui: ClassVar[_ui.UI]
    title: str = ''
    document: str = ''

    @classmethod
    def prepare(cls, schema: Mapping[str, Any]) -> dict[str, Any]:
        """Encode the document for the page once."""
        return {'title': _ui.title_of(schema), 'document': _ui.embed(schema)}

    def get(self, request: HttpRequest) -> HttpResponseBase:
        """The page, or with ``?asset=NAME`` one of the UI's files."""
        asset = request.GET.get('asset')
        if asset is not None:
            return _ui.serve_asset(self.ui, asset, request.GET.get('v'))
        page = self.ui.page(request.path, self.title, self.document)
        return HttpResponse(page, content_type='text/html; charset=utf-8')


class SwaggerView(_UIView):
    """Swagger UI, with "Try it out": ``SwaggerView.as_view(schema)``."""

    ui = _ui.SWAGGER


class RedocView(_UIView):
    """ReDoc: ``RedocView.as_view(schema)``."""

    ui = _ui.REDOC


class ScalarView(_UIView):
    """Scalar, with no web fonts or telemetry: ``ScalarView.as_view(schema)``."""

    ui = _ui.SCALAR
