"""Request parsers: turn a request body of one media type into a value.

A parser is chosen by the request's ``Content-Type``. JSON is the default;
``DMR_SETTINGS['parsers']`` or a controller's ``parsers`` attribute choose
the list explicitly, for example to add ``dmr_msgspec.MsgpackParser``, or
:class:`FormParser` and :class:`MultipartParser` for forms and uploads.

A parser receives a :class:`RequestBody`: the parsed ``Content-Type`` and
its parameters, the headers, a bounded :meth:`RequestBody.read` and a
one-shot :meth:`RequestBody.stream`, and the request's upload handlers. A
parser that reads the whole body is three lines::

    class YamlParser:
        media_type = 'application/yaml'

        def parse(self, body: RequestBody, adapter: TypeAdapter, /) -> Any:
            return adapter.from_python(yaml.safe_load(body.read()))

A parser works with any backend's adapter. Malformed input that it decodes
itself is reported as :class:`dmr.errors.RequestValidationError` (a
``parse_error`` at ``["body"]``); errors of the adapter propagate as they are.

A parser that also has ``parse_form(body) -> dmr.files.FormData`` is a form
parser: the core reads the fields' text as it reads query strings (repeated
keys make lists for array fields) and hands the uploads to ``Files[T]``.
"""

from typing import Any, Protocol, runtime_checkable

from dmr._forms import FormParser, MultipartParser
from dmr._request_body import BodyConsumedError, RequestBody
from dmr._text_fields import check_json_nul
from dmr.serializer import TypeAdapter

__all__ = [
    'BodyConsumedError',
    'FormParser',
    'JsonParser',
    'MultipartParser',
    'Parser',
    'RequestBody',
]


@runtime_checkable
class Parser(Protocol):
    """Parses request bodies of one media type."""

    media_type: str
    """The ``type/subtype`` this parser accepts, lowercase, no parameters."""

    def parse(self, body: RequestBody, adapter: TypeAdapter, /) -> Any:
        """Parse ``body`` into a value validated by ``adapter``.

        Raise :class:`dmr.errors.RequestValidationError`, or let the
        backend's validation error propagate, when ``body`` is invalid.
        """


class JsonParser:
    """``application/json``, decoded by the backend's native JSON codec.

    Strings holding NUL are refused (at their ``loc``) unless the
    ``allow_nul`` setting is on.
    """

    media_type = 'application/json'

    def parse(self, body: RequestBody, adapter: TypeAdapter, /) -> Any:
        """Decode the body straight into the adapter's type."""
        data = body.read()
        if not body.allow_nul:
            check_json_nul(data)
        return adapter.from_json(data)
