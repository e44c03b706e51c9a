"""``Exchange``: the values one request carries through the pipeline."""

from typing import Any

from django.http import HttpRequest

from dmr.renderers import Renderer


class Exchange:
    """One request on its way through an endpoint's stages.

    Stages read the request from it and leave their results in it (the
    renderer chosen for the response, the parsed arguments of the call), so
    nothing per request is stored on shared objects.
    """

    __slots__ = (
        'arguments',
        'controller',
        'limits',
        'path_kwargs',
        'renderer',
        'request',
        'stream',
    )

    def __init__(
        self,
        request: HttpRequest,
        controller: Any,
        path_kwargs: dict[str, Any],
        renderer: Renderer,
    ) -> None:
        self.request = request
        self.controller = controller
        """The controller instance Django created for this request."""
        self.path_kwargs = path_kwargs
        self.renderer = renderer
        """The renderer of the response; the negotiate stage may change it."""
        self.arguments: dict[str, Any] = {}
        """Keyword arguments of the endpoint function, from the parse stage."""
        self.limits: tuple[tuple[str, Any], ...] = ()
        """What the throttle stages counted: policy name and outcome, for the headers."""
        # ``stream``, the negotiated format of a streaming endpoint, is set by
        # its negotiate stage only: other endpoints never pay for it.
        self.stream: Any
