"""The wire formats of a stream: how one encoded event is framed.

Each format frames the JSON bytes the backend wrote for one event, frames
the error body that ends a stream early, and says what a keep-alive is
(JSON Lines has none: a blank line is not a JSON value).
"""

from dmr.streaming import SSE

_SSE_ERROR = b'event: error\n'


class SseFormat:
    """``text/event-stream``: ``id``/``event``/``retry`` fields, ``data`` lines."""

    media_type = 'text/event-stream'
    keep_alive = b': keep-alive\n\n'

    def frame(self, content: bytes, event: SSE[object] | None, /) -> bytes:
        """One event: its fields, then one ``data:`` line per line of ``content``."""
        head = b''
        if event is not None:
            if event.id is not None:
                head += b'id: ' + event.id.encode() + b'\n'
            if event.event is not None:
                head += b'event: ' + event.event.encode() + b'\n'
            if event.retry is not None:
                head += b'retry: %d\n' % event.retry
        lines = content.replace(b'\r\n', b'\n').replace(b'\r', b'\n').split(b'\n')
        return head + b''.join(b'data: ' + line + b'\n' for line in lines) + b'\n'

    def error(self, body: bytes, /) -> bytes:
        """The ``error`` event that ends a stream."""
        return _SSE_ERROR + self.frame(body, None)


class JsonLinesFormat:
    """JSON Lines: one JSON value per line; an error ends it as a last line."""

    keep_alive = None

    def __init__(self, media_type: str) -> None:
        self.media_type = media_type

    def frame(self, content: bytes, _event: SSE[object] | None, /) -> bytes:
        """One value on its own line (compact JSON has no line breaks)."""
        return b' '.join(content.splitlines()) + b'\n'

    def error(self, body: bytes, /) -> bytes:
        """The error body, as the last line."""
        return self.frame(body, None)


StreamFormat = SseFormat | JsonLinesFormat

SSE_FORMAT = SseFormat()
JSON_LINES_FORMATS = (
    JsonLinesFormat('application/jsonl'),
    JsonLinesFormat('application/x-ndjson'),
)
