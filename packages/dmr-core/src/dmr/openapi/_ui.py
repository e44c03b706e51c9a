"""The documentation UIs: their pages and the files those pages load.

Each UI page embeds the OpenAPI document and loads its JavaScript and CSS
from the view that served it: ``/docs/swagger/?asset=<file>&v=<digest>``.
The files ship inside dmr-core (``static/``, listed with versions and
licences in ``static/README.md``), so the pages need neither the internet
nor ``django.contrib.staticfiles``, ``collectstatic`` or a URL of their own,
and work the same under ``runserver`` and in production. The digest in the
URL changes with the file, so browsers may keep a file for a year.
"""

import functools
import hashlib
import json
import pathlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import FileResponse, Http404
from django.utils.encoding import escape_uri_path
from django.utils.html import escape

STATIC = pathlib.Path(__file__).resolve().parent / 'static'

_CONTENT_TYPES = {'.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8'}
_FOREVER = 'public, max-age=31536000, immutable'

# `<` (and so `</script>` and `<!--`) cannot end the JSON data block early;
# JSON.parse reads the escapes back as the same characters.
_SCRIPT_SAFE = str.maketrans({'<': '\\u003c', '>': '\\u003e', '&': '\\u0026'})

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
{head}
</head>
<body>
<div id="dmr-docs"></div>
<script type="application/json" id="dmr-openapi">{document}</script>
{body}
</body>
</html>
"""


@dataclass(frozen=True, slots=True)
class UI:
    """A documentation UI: the files its page links, in order.

    The last script is dmr's own: it starts the UI on the document that the
    page embeds in ``<script id="dmr-openapi">``.
    """

    name: str
    styles: tuple[str, ...] = ()
    scripts: tuple[str, ...] = ()

    @property
    def assets(self) -> frozenset[str]:
        """Every file the page may ask for, relative to ``static/``."""
        return frozenset((*self.styles, *self.scripts))

    def page(self, path: str, title: str, document: str) -> str:
        """The HTML page served at ``path``; ``document`` from :func:`embed`."""
        head = [f'<link rel="stylesheet" href="{asset_url(path, name)}">' for name in self.styles]
        body = [f'<script src="{asset_url(path, name)}"></script>' for name in self.scripts]
        return _PAGE.format(
            title=escape(title),
            head='\n'.join(head),
            document=document,
            body='\n'.join(body),
        )


SWAGGER = UI(
    name='Swagger UI',
    styles=('swagger-ui/swagger-ui.css',),
    scripts=('swagger-ui/swagger-ui-bundle.js', 'dmr/swagger.js'),
)
REDOC = UI(name='ReDoc', scripts=('redoc/redoc.standalone.js', 'dmr/redoc.js'))
SCALAR = UI(name='Scalar', scripts=('scalar/standalone.js', 'dmr/scalar.js'))


def embed(schema: Mapping[str, Any]) -> str:
    """``schema`` as JSON that is safe inside a ``<script>`` element."""
    return json.dumps(schema, ensure_ascii=False, separators=(',', ':')).translate(_SCRIPT_SAFE)


def title_of(schema: Mapping[str, Any]) -> str:
    """The page title: the document's ``info.title``."""
    info = schema.get('info')
    title = info.get('title') if isinstance(info, Mapping) else None
    return title if isinstance(title, str) else 'API'


@functools.cache
def digest(name: str) -> str:
    """A short hash of the file's bytes, to version its URL."""
    return hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:16]


def asset_url(path: str, name: str) -> str:
    """The URL of file ``name`` served by the view at ``path``, HTML-escaped."""
    return escape(f'{escape_uri_path(path)}?{urlencode({"asset": name, "v": digest(name)})}')


def serve_asset(ui: UI, name: str, version: str | None) -> FileResponse:
    """File ``name`` of ``ui``; 404 for anything that is not one of its files."""
    if name not in ui.assets:
        raise Http404(f'{ui.name} has no file {name!r}')
    path = STATIC / name
    response = FileResponse(path.open('rb'), content_type=_CONTENT_TYPES[path.suffix])
    response['Cache-Control'] = _FOREVER if version == digest(name) else 'no-cache'
    return response
