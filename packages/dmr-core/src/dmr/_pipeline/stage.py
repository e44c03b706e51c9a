"""What a stage of the request pipeline is.

A stage acts on the way in (``enter``, with an async twin when it awaits
something) and, if it overrides ``leave``, on the way out, on every response
the endpoint gives, errors included. It declares the responses it may answer
with, so the endpoint's response table, and through it the OpenAPI document,
list exactly what can happen.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from django.http import HttpResponseBase

from dmr._pipeline.exchange import Exchange
from dmr.responses import ResponseSpec

Enter = Callable[[Exchange], None]
AsyncEnter = Callable[[Exchange], Awaitable[None] | None]
Leave = Callable[[Exchange, HttpResponseBase], None]


class Stage:
    """Base class of the stages; subclasses override what they do."""

    responses: tuple[ResponseSpec, ...] = ()
    """Responses this stage may answer with (documented and validated)."""

    def enter(self, exchange: Exchange, /) -> None:
        """Act on the request; raise to answer it with an error."""

    def enter_async(self, exchange: Exchange, /) -> Awaitable[None] | None:
        """The async endpoints' path; the sync one unless overridden."""
        self.enter(exchange)
        return None

    def leave(self, exchange: Exchange, response: HttpResponseBase, /) -> None:
        """Act on the response on its way out."""


def _overrides(stage: Stage, name: str) -> bool:
    return getattr(type(stage), name) is not getattr(Stage, name)


def entries(stages: tuple[Stage, ...], *, is_async: bool) -> tuple[AsyncEnter, ...]:
    """The ``enter`` callables of ``stages``; async ones where a stage has them.

    A stage with nothing to do on the way in is left out.
    """
    found: list[Any] = []
    for stage in stages:
        if is_async and _overrides(stage, 'enter_async'):
            found.append(stage.enter_async)
        elif _overrides(stage, 'enter'):
            found.append(stage.enter)
    return tuple(found)


def exits(stages: tuple[Stage, ...]) -> tuple[Leave, ...]:
    """The ``leave`` callables of the stages that act on the way out, in reverse."""
    return tuple(stage.leave for stage in reversed(stages) if _overrides(stage, 'leave'))
