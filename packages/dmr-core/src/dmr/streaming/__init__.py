"""Typed streams: Server-Sent Events and JSON Lines.

An endpoint annotated ``-> EventStream[T]`` or ``-> JsonLines[T]`` returns an
iterator (a generator, sync or async like its controller) of ``T`` values.
Each value is validated and encoded by the backend, one at a time, as it is
produced; nothing is buffered. The format is negotiated from ``Accept``:

- ``EventStream[T]`` serves ``text/event-stream`` first, and JSON Lines to a
  client that asks for it;
- ``JsonLines[T]`` serves ``application/jsonl`` (also under the older name
  ``application/x-ndjson``) only.

An SSE endpoint may yield :class:`SSE` wrappers to give an event its ``id``,
``event`` name or ``retry`` delay; JSON Lines writes only their data. It
reads the ``Last-Event-ID`` header a reconnecting client sends with
``Headers[LastEventId]``. Keep-alive comments go out when no event has been
sent for 15 seconds, or ``Annotated[EventStream[T], KeepAlive(seconds)]``::

    class Feed(Controller):
        async def get(self, headers: Headers[LastEventId]) -> EventStream[Article]:
            async for article in Article.objects.filter(...):
                yield SSE(article, id=str(article.pk))

An event that fails validation ends the stream with an ``error`` event (a
last JSON line in JSON Lines) in the error model, and is logged to
``dmr.responses``. When the client goes away, the generator is closed, so its
``finally`` blocks run.
"""

from dataclasses import dataclass
from typing import Generic, Protocol, TypedDict, TypeVar

__all__ = [
    'MAX_EVENT_ID_LENGTH',
    'SSE',
    'EventStream',
    'JsonLines',
    'KeepAlive',
    'LastEventId',
]

_T_co = TypeVar('_T_co', covariant=True)
_T = TypeVar('_T')

MAX_EVENT_ID_LENGTH = 256
"""The longest event id (and ``Last-Event-ID`` header) accepted, in characters."""

_FORBIDDEN = ('\r', '\n', '\0')


class EventStream(Protocol[_T_co]):
    """Return annotation of an endpoint that streams ``T`` events, SSE first."""


class JsonLines(Protocol[_T_co]):
    """Return annotation of an endpoint that streams ``T`` values as JSON Lines."""


@dataclass(frozen=True, slots=True)
class KeepAlive:
    """How often an idle event stream sends a keep-alive comment.

    ``seconds=None`` sends none. Under WSGI, writing the comment is also how
    the server learns that a client has gone.
    """

    seconds: float | None


def check_field(name: str, value: str) -> str:
    """``value`` if it may be sent as the SSE field ``name``; ``ValueError`` otherwise."""
    if any(char in value for char in _FORBIDDEN):
        raise ValueError(f'an SSE {name} cannot contain CR, LF or NUL: {value!r}')
    if len(value) > MAX_EVENT_ID_LENGTH:
        raise ValueError(f'an SSE {name} is at most {MAX_EVENT_ID_LENGTH} characters')
    return value


@dataclass(frozen=True, slots=True)
class SSE(Generic[_T]):
    """One event with its SSE fields; ``data`` is validated as the stream's ``T``.

    ``id`` and ``event`` refuse CR, LF and NUL (``ValueError``); ``retry`` is
    the reconnection delay the client should use, in milliseconds.
    """

    data: _T
    id: str | None = None
    event: str | None = None
    retry: int | None = None

    def __post_init__(self) -> None:
        if self.id is not None:
            check_field('id', self.id)
        if self.event is not None:
            check_field('event', self.event)
        if self.retry is not None and (type(self.retry) is not int or self.retry < 0):
            raise ValueError(f'an SSE retry is a count of milliseconds, not {self.retry!r}')


class LastEventId(TypedDict, total=False):
    """The ``Last-Event-ID`` header: ``Headers[LastEventId]`` on an SSE endpoint.

    Its value is checked before the endpoint is called: longer than
    :data:`MAX_EVENT_ID_LENGTH`, or with CR, LF or NUL, it is a 400.
    """

    last_event_id: str
