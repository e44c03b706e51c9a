"""Stage: choose the response's renderer from the ``Accept`` header (406)."""

from typing import Any

from django.http import HttpResponseBase
from django.utils.cache import patch_vary_headers

from dmr._negotiation import RendererTable
from dmr._pipeline.exchange import Exchange
from dmr._pipeline.stage import Stage
from dmr.responses import ResponseSpec

NOT_ACCEPTABLE = 'Raised when provided `Accept` header cannot be satisfied'


class Negotiate(Stage):
    """Picks the renderer; without ``Accept`` the first one serves."""

    def __init__(self, table: RendererTable, error_model: Any) -> None:
        self.table = table
        self.responses = (ResponseSpec(error_model, status_code=406, description=NOT_ACCEPTABLE),)

    def enter(self, exchange: Exchange, /) -> None:
        """Set the exchange's renderer; raise ``NotAcceptableError`` (406)."""
        accept = exchange.request.META.get('HTTP_ACCEPT')
        if accept is not None:
            exchange.renderer = self.table.select(accept)


class NegotiateVarying(Negotiate):
    """Negotiation among several renderers: responses vary by ``Accept``."""

    def leave(self, _exchange: Exchange, response: HttpResponseBase, /) -> None:
        """Add ``Accept`` to ``Vary``, so caches keep one answer per format."""
        patch_vary_headers(response, ('Accept',))


def negotiate_stage(table: RendererTable, error_model: Any) -> Negotiate:
    """The negotiate stage; it names ``Accept`` in ``Vary`` when it has a choice."""
    if len(table.renderers) > 1:
        return NegotiateVarying(table, error_model)
    return Negotiate(table, error_model)
