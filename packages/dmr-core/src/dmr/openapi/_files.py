"""The OpenAPI description of a declared file response (:class:`~dmr.downloads.FileBody`).

Each media type is listed with a string schema whose ``contentMediaType``
is that type: raw bytes, in the JSON Schema of OpenAPI 3.1 and 3.2. The 3.0
dialect rewrites it as ``format: binary`` (:mod:`dmr.openapi._dialects`).
The ``Content-Disposition`` header is documented when the file declares one.
"""

from dmr.downloads import FileBody
from dmr.serializer import JsonSchema

DISPOSITION_HEADER = 'Content-Disposition'


def file_content(body: FileBody) -> JsonSchema:
    """The ``content`` map of a file response."""
    return {
        media_type: {'schema': {'type': 'string', 'contentMediaType': media_type}}
        for media_type in body.media_types
    }


def file_headers(body: FileBody) -> dict[str, str]:
    """The headers a file response documents, name to description."""
    if body.disposition is None:
        return {}
    return {
        DISPOSITION_HEADER: (
            f'`{body.disposition}`, with the file name in `filename` '
            'and, when it is not plain ASCII, in `filename*` (RFC 6266)'
        ),
    }
