"""Stage and responder of an endpoint that streams (``dmr.streaming``).

The negotiate stage of a streaming endpoint chooses its format from
``Accept`` (406 otherwise) and, for SSE, checks the ``Last-Event-ID``
header (400). The responder turns what the endpoint returned, an iterator or
an async iterator, into a :class:`~dmr.streaming._response.StreamResponse`
whose events are validated and encoded one at a time. Endpoints that do not
stream have neither.
"""

from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from typing import Any, cast

from asgiref.sync import sync_to_async
from django.http import HttpResponseBase
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext

from dmr._negotiation import RendererTable
from dmr._pipeline.exchange import Exchange
from dmr._pipeline.negotiate import NOT_ACCEPTABLE
from dmr._pipeline.stage import Stage
from dmr.errors import ErrorType, RequestValidationError, error_detail
from dmr.renderers import Renderer
from dmr.responses import ResponseSpec
from dmr.streaming import MAX_EVENT_ID_LENGTH, check_field
from dmr.streaming._declaration import StreamDeclaration
from dmr.streaming._events import EventWriter, async_chunks, sync_chunks
from dmr.streaming._formats import StreamFormat
from dmr.streaming._response import END, StreamResponse, next_or_end

INVALID_LAST_EVENT_ID = 'Raised when the `Last-Event-ID` header cannot be an event id'
_LAST_EVENT_ID_LOC = ('headers', 'last_event_id')


class NegotiateStream(Stage):
    """Picks the stream's format; responses vary by ``Accept``."""

    def __init__(self, declaration: StreamDeclaration, error_model: Any) -> None:
        # A table of formats: it reads only their media types.
        self.table = RendererTable(cast('Sequence[Renderer]', declaration.formats))
        self.default = declaration.formats[0]
        self.check_last_event_id = declaration.is_sse
        responses = [ResponseSpec(error_model, status_code=406, description=NOT_ACCEPTABLE)]
        if declaration.is_sse:
            responses.append(
                ResponseSpec(error_model, status_code=400, description=INVALID_LAST_EVENT_ID),
            )
        self.responses = tuple(responses)

    def enter(self, exchange: Exchange, /) -> None:
        """Set the exchange's stream format; 406 or 400 for what cannot be served."""
        meta = exchange.request.META
        accept = meta.get('HTTP_ACCEPT')
        chosen = self.default if accept is None else self.table.select(accept)
        exchange.stream = cast('StreamFormat', chosen)
        if self.check_last_event_id:
            last = meta.get('HTTP_LAST_EVENT_ID')
            if last is not None:
                _check_last_event_id(last)

    def leave(self, _exchange: Exchange, response: HttpResponseBase, /) -> None:
        """Add ``Accept`` to ``Vary``: the format depends on it."""
        patch_vary_headers(response, ('Accept',))


def _check_last_event_id(value: str) -> None:
    try:
        check_field('Last-Event-ID', value)
    except ValueError:
        if len(value) > MAX_EVENT_ID_LENGTH:
            message = gettext('Last-Event-ID is at most %(limit)s characters') % {
                'limit': MAX_EVENT_ID_LENGTH,
            }
            kind = ErrorType.TOO_LONG
        else:
            message = gettext('Last-Event-ID must not contain CR, LF or NUL')
            kind = ErrorType.VALUE_ERROR
        raise RequestValidationError([error_detail(message, _LAST_EVENT_ID_LOC, kind)]) from None


class StreamRespond:
    """Turns the endpoint's iterator into a streamed response."""

    def __init__(
        self,
        *,
        declaration: StreamDeclaration,
        writer: EventWriter,
        status_code: int,
        headers: Mapping[str, str],
    ) -> None:
        self.keep_alive = declaration.keep_alive
        self.writer = writer
        self.status_code = status_code
        self.headers = dict(headers)

    def respond(self, exchange: Exchange, result: Any) -> HttpResponseBase:
        """The streamed response of ``result``, headers first, events as they come."""
        form: StreamFormat = exchange.stream
        chunks: Iterator[bytes] | AsyncIterator[bytes]
        # LocaleMiddleware's choice: an error event is written in it, after the view.
        language = getattr(exchange.request, 'LANGUAGE_CODE', None)
        if hasattr(result, '__aiter__'):
            chunks = async_chunks(aiter(result), self.writer, form, self.keep_alive, language)
        elif form.keep_alive is not None and self.keep_alive is not None:
            source = _from_sync(iter(result))
            chunks = async_chunks(source, self.writer, form, self.keep_alive, language)
        else:
            chunks = sync_chunks(iter(result), self.writer, form, language)
        response = StreamResponse(chunks, status=self.status_code, content_type=form.media_type)
        response['Cache-Control'] = 'no-cache'
        response['X-Accel-Buffering'] = 'no'
        for name, header in self.headers.items():
            response[name] = header
        return response


async def _from_sync(source: Iterator[Any]) -> AsyncIterator[Any]:
    """A sync iterator advanced in the request's sync thread, so it can idle with keep-alives."""
    step = sync_to_async(next_or_end, thread_sensitive=True)
    try:
        while (value := await step(source)) is not END:
            yield value
    finally:
        close = getattr(source, 'close', None)
        if close is not None:
            await sync_to_async(close, thread_sensitive=True)()
