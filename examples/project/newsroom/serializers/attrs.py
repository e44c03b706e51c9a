"""The attrs backend as this project runs it: unknown fields refused in request bodies only.

msgspec refuses the unknown fields of a Struct with ``forbid_unknown_fields=True``
and pydantic those of a model with ``extra='forbid'``: both are set on the
request bodies (``UserIn``, ``TagIn``, ``ArticleIn``) and nowhere else, so
``POST /api/users/`` with ``"admin": true`` is a 400, while
``GET /api/users/?colour=red`` ignores the parameter it does not know, and
only the bodies' schemas say ``additionalProperties: false``.

dmr-attrs has the option for a whole serializer (``forbid_extra_keys``):
turned on, it would refuse unknown query parameters too and write
``additionalProperties: false`` into every schema, responses included. So
under ``NEWSROOM_SERIALIZER=attrs`` the settings name this subclass, which
hands the classes marked with
:func:`newsroom.schemas.attrs.forbid_unknown_fields` to a second
``AttrsSerializer`` that has the option on, much as dmr's ``'auto'`` setting
routes each annotation to the backend that owns it. A body is routed when it
is the annotation itself (``Body[UserIn]``), as every body of the project is;
the errors of both serializers are converted by this one, which names the
fields as the other does (neither renames any).

Only imported when chosen: the other variants do not need attrs.
"""

from typing import Any

from dmr.serializer import Direction, JsonSchema
from dmr_attrs import AttrsAdapter, AttrsSerializer

from newsroom.schemas.attrs import forbids_unknown_fields


class NewsroomAttrsSerializer(AttrsSerializer):
    """``AttrsSerializer``, with ``forbid_extra_keys`` on for the request bodies only."""

    def __init__(self) -> None:
        super().__init__()
        self.bodies = AttrsSerializer(forbid_extra_keys=True)
        """The serializer of the classes marked with ``forbid_unknown_fields``."""

    def adapter(self, annotation: Any, /, *, direction: Direction) -> AttrsAdapter:
        if forbids_unknown_fields(annotation):
            return self.bodies.adapter(annotation, direction=direction)
        return super().adapter(annotation, direction=direction)

    def json_schema(
        self,
        annotation: Any,
        /,
        *,
        direction: Direction,
        ref_template: str,
    ) -> tuple[JsonSchema, dict[str, JsonSchema]]:
        if forbids_unknown_fields(annotation):
            return self.bodies.json_schema(
                annotation, direction=direction, ref_template=ref_template
            )
        return super().json_schema(annotation, direction=direction, ref_template=ref_template)
