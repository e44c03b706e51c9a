"""Turning the endpoint's iterator into framed chunks, one event at a time.

:class:`EventWriter` validates and encodes one value through the backend's
adapter and frames it; a value that fails ends the stream with an error
event. The two producers drive a sync or an async source. The async one
sends keep-alive comments while it waits, with one ``anext`` pending all the
time (never cancelled by a timeout, so the generator sees no spurious
cancellation), and closes the source however the stream ends.
"""

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy

from dmr.errors import ErrorDetail, ErrorType, FrameworkError, error_detail, prefix_details
from dmr.serializer import Serializer, TypeAdapter
from dmr.streaming import SSE
from dmr.streaming._formats import StreamFormat

logger = logging.getLogger('dmr.responses')

_FAILED = gettext_lazy('The stream failed')
_INVALID = gettext_lazy('The response does not match what this endpoint declares')


class EventWriter:
    """Validates, encodes and frames the values of one endpoint's stream."""

    def __init__(
        self,
        *,
        qualname: str,
        serializer: Serializer,
        adapter: TypeAdapter,
        validate: bool,
    ) -> None:
        self.qualname = qualname
        self.serializer = serializer
        self.adapter = adapter
        self.validate = validate
        self.failures: tuple[type[Exception], ...] = (
            *serializer.validation_errors,
            FrameworkError,
        )

    def write(self, form: StreamFormat, value: Any, language: str | None) -> tuple[bytes, bool]:
        """The chunk of ``value``, and whether it ends the stream (an error).

        As for a 422, an invalid event's details name the field and the
        kind of failure, their message the framework's, in ``language``;
        the library's own message is logged (and sent with ``DEBUG`` on).
        """
        event = value if isinstance(value, SSE) else None
        data = value.data if event is not None else value
        try:
            content = self.adapter.to_json(data)
            if self.validate:
                self.adapter.from_json(content)
        except self.failures as exc:
            details = (
                exc.details
                if isinstance(exc, FrameworkError)
                else prefix_details('response', self.serializer.error_details(exc))
            )
            logger.error(
                '%s: a streamed event does not match its declaration: %s',
                self.qualname,
                details,
            )
            if not settings.DEBUG:
                with _speaking(language):
                    message = str(_INVALID)
                details = [{**detail, 'msg': message} for detail in details]
            return form.error(_error_body(details)), True
        return form.frame(content, event), False

    def fail(self, form: StreamFormat, language: str | None) -> bytes:
        """Log the source's exception; the chunk that ends the stream, in ``language``.

        The stream runs after the view has returned, so the language
        ``LocaleMiddleware`` chose for the request is passed along; without
        one, the active language (the project's) is used.
        """
        logger.exception('%s: the stream raised an exception', self.qualname)
        with _speaking(language):
            detail = error_detail(_FAILED, ['response'], ErrorType.INTERNAL_ERROR)
        return form.error(_error_body([detail]))


def _speaking(language: str | None) -> contextlib.AbstractContextManager[None]:
    """``language`` active, when ``LocaleMiddleware`` chose one; else the active one."""
    return translation.override(language) if language else contextlib.nullcontext()


def _error_body(details: list[ErrorDetail]) -> bytes:
    return json.dumps({'detail': details}, separators=(',', ':'), default=str).encode()


def sync_chunks(
    source: Iterator[Any],
    writer: EventWriter,
    form: StreamFormat,
    language: str | None,
) -> Iterator[bytes]:
    """The chunks of a sync source; closes it however the stream ends."""
    try:
        while True:
            try:
                value = next(source)
            except StopIteration:
                return
            except Exception:
                yield writer.fail(form, language)
                return
            chunk, last = writer.write(form, value, language)
            yield chunk
            if last:
                return
    finally:
        close = getattr(source, 'close', None)
        if close is not None:
            close()


async def async_chunks(
    source: AsyncIterator[Any],
    writer: EventWriter,
    form: StreamFormat,
    keep_alive: float | None,
    language: str | None,
) -> AsyncIterator[bytes]:
    """The chunks of an async source, with keep-alive comments while it is idle."""
    beat = form.keep_alive if keep_alive is not None else None
    pending: asyncio.Future[Any] | None = None
    try:
        while True:
            try:
                if beat is None:
                    value = await anext(source)
                else:
                    if pending is None:
                        pending = asyncio.ensure_future(anext(source))
                    done, _ = await asyncio.wait((pending,), timeout=keep_alive)
                    if not done:
                        yield beat
                        continue
                    finished, pending = pending, None
                    value = finished.result()
            except StopAsyncIteration:
                return
            except Exception:
                yield writer.fail(form, language)
                return
            chunk, last = writer.write(form, value, language)
            yield chunk
            if last:
                return
    finally:
        if pending is not None:
            pending.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await pending
        close = getattr(source, 'aclose', None)
        if close is not None:
            await close()
