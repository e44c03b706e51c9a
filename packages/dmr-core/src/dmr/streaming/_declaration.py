"""Reading a stream return annotation: its formats, item type and keep-alive."""

import typing
from dataclasses import dataclass
from typing import Any

from dmr.streaming import EventStream, JsonLines, KeepAlive
from dmr.streaming._formats import JSON_LINES_FORMATS, SSE_FORMAT, StreamFormat

DEFAULT_KEEP_ALIVE = 15.0
"""Seconds an idle SSE stream waits before it sends a keep-alive comment."""


@dataclass(frozen=True, slots=True)
class StreamDeclaration:
    """What ``-> EventStream[T]`` or ``-> JsonLines[T]`` declares."""

    formats: tuple[StreamFormat, ...]
    """The formats offered, the default first."""
    item: Any
    keep_alive: float | None

    @property
    def is_sse(self) -> bool:
        """Whether the stream may be served as Server-Sent Events."""
        return SSE_FORMAT in self.formats


def stream_declaration(annotation: Any) -> StreamDeclaration | None:
    """The stream ``annotation`` declares, ``None`` when it is not a stream.

    ``TypeError`` for a stream annotation without its item type.
    """
    keep_alive: float | None = DEFAULT_KEEP_ALIVE
    if typing.get_origin(annotation) is typing.Annotated:
        found = [meta for meta in annotation.__metadata__ if isinstance(meta, KeepAlive)]
        if not found:
            return None
        keep_alive = found[-1].seconds
        annotation = annotation.__origin__
    if annotation in {EventStream, JsonLines}:
        name = annotation.__name__
        raise TypeError(f'{name} needs the type of its items: {name}[T]')
    origin = typing.get_origin(annotation)
    if origin is EventStream:
        formats = (SSE_FORMAT, *JSON_LINES_FORMATS)
        return StreamDeclaration(formats, annotation.__args__[0], keep_alive)
    if origin is JsonLines:
        return StreamDeclaration(JSON_LINES_FORMATS, annotation.__args__[0], None)
    return None
