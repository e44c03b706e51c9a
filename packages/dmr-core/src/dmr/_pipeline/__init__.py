"""The request pipeline: one endpoint is a short, fixed sequence of stages.

Each stage is compiled once, when the controller is built, and called with
the request's :class:`~dmr._pipeline.exchange.Exchange`. In order:

1. ``negotiate.py``: choose the renderer from ``Accept`` (406);
2. ``parse.py``: read and validate the request components (400, 413, 415);
3. the call of the endpoint function itself (``endpoint.py``);
4. ``respond.py``: render what it returned and validate the response (422).

Whatever any step raises goes to the one error stage, ``handle_errors.py``.
A stage may also act on the way out, on every response (``Vary``, say). A
stage an endpoint does not need is not in its sequence. ``stage.py`` is the
contract of a stage; ``response_table.py`` gathers the responses the
endpoint and its stages declare, which both the runtime and the OpenAPI
document read; ``compile.py`` builds a controller's endpoints.
"""
