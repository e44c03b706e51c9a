"""Response renderers: turn a value into the bytes of one media type.

A renderer is chosen by the request's ``Accept`` header. JSON is the
default; ``DMR_SETTINGS['renderers']`` or a controller's ``renderers``
attribute choose the list. A renderer also checks what it rendered, which is
how response validation checks exactly what goes on the wire.

A value the format cannot represent is reported as
:class:`dmr.errors.ResponseValidationError` (a 422); errors of the adapter
propagate as they are.
"""

from typing import Any, Protocol, runtime_checkable

from dmr.serializer import TypeAdapter


@runtime_checkable
class Renderer(Protocol):
    """Renders response values as one media type."""

    media_type: str
    """The ``type/subtype`` sent as the response's ``Content-Type``."""

    def render(self, value: Any, adapter: TypeAdapter, /) -> bytes:
        """Encode ``value`` with ``adapter``."""

    def validate(self, content: bytes, adapter: TypeAdapter, /) -> None:
        """Check rendered ``content`` against ``adapter``'s type.

        Raise the backend's validation error when it does not match.
        """


class JsonRenderer:
    """``application/json``, encoded by the backend's native JSON codec."""

    media_type = 'application/json'

    def render(self, value: Any, adapter: TypeAdapter, /) -> bytes:
        """Encode ``value`` straight to JSON bytes."""
        return adapter.to_json(value)

    def validate(self, content: bytes, adapter: TypeAdapter, /) -> None:
        """Decode the rendered JSON back through the adapter."""
        adapter.from_json(content)
