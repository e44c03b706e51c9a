"""Views that serve the OpenAPI document and the documentation UIs."""

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views import View

from dmr.serializer import JsonSchema


class OpenAPIJsonView(View):
    """The document as ``application/json``: ``OpenAPIJsonView.as_view(schema)``."""

    http_method_names = ['get', 'head']
    schema: JsonSchema = {}

    @classmethod
    def as_view(cls, schema: JsonSchema | None = None, **initkwargs: Any) -> Any:
        """A view serving ``schema``, rendered once."""
        return super().as_view(schema=schema or {}, **initkwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        """Answer with the document."""
        return HttpResponse(json.dumps(self.schema), content_type='application/json')
