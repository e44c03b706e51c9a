"""The pydantic backend as this project runs it: strict on JSON bodies, like msgspec.

``PydanticSerializer`` validates JSON bodies in pydantic's lax mode, where
``"7"`` is an ``int`` and ``"yes"`` a ``bool``; msgspec refuses both with a
400. The project's clients should not notice which backend serves them, so
under ``NEWSROOM_SERIALIZER=pydantic`` the settings name this subclass, which
refuses them too. Query strings and path segments are text, and both
backends still read ``?page=2`` as ``2``.

Only imported when chosen: the other variants do not need pydantic.
"""

from dmr_pydantic import PydanticSerializer


class StrictPydanticSerializer(PydanticSerializer):
    """``PydanticSerializer`` with strict JSON bodies (responses are strict already)."""

    strict_requests = True
