"""Request parsers: turn a request body of one media type into a value.

A parser is chosen by the request's ``Content-Type``. JSON is the default;
``DMR_SETTINGS['parsers']`` or a controller's ``parsers`` attribute choose
the list explicitly, for example to add ``dmr_msgspec.MsgpackParser``.

A parser works with any backend's adapter. Malformed input that it decodes
itself is reported as :class:`dmr.errors.RequestValidationError` (a
``parse_error`` at ``["body"]``); errors of the adapter propagate as they are.
"""

from typing import Any, Protocol, runtime_checkable

from dmr.serializer import TypeAdapter


@runtime_checkable
class Parser(Protocol):
    """Parses request bodies of one media type."""

    media_type: str
    """The ``type/subtype`` this parser accepts, lowercase, no parameters."""

    def parse(self, body: bytes, adapter: TypeAdapter, /) -> Any:
        """Parse ``body`` into a value validated by ``adapter``.

        Raise :class:`dmr.errors.RequestValidationError`, or let the
        backend's validation error propagate, when ``body`` is invalid.
        """


class JsonParser:
    """``application/json``, decoded by the backend's native JSON codec."""

    media_type = 'application/json'

    def parse(self, body: bytes, adapter: TypeAdapter, /) -> Any:
        """Decode ``body`` straight into the adapter's type."""
        return adapter.from_json(body)
