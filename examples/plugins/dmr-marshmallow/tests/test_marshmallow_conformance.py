"""dmr-marshmallow passes the conformance kit that dmr-core ships.

The catalogue's models, written as marshmallow Schemas. They ignore keys
they do not declare (``unknown = EXCLUDE``), as the models of dmr's other
backends do by default; marshmallow's own default, ``RAISE``, would add
``additionalProperties: false`` to their JSON Schema.
"""

from typing import Any

from dmr.testing.conformance import Catalogue, Colour, conformance_suite
from dmr.testing.conformance.pagination import pagination_suite
from marshmallow import EXCLUDE, Schema, fields, validate

from dmr_marshmallow import MarshmallowSerializer
from dmr_marshmallow import fields as dmr_fields


class Model(Schema):
    class Meta:
        unknown = EXCLUDE


class Scalars(Model):
    text = fields.String(required=True)
    count = fields.Integer(required=True, strict=True)
    ratio = fields.Float(required=True)
    flag = fields.Boolean(required=True)


class Optionals(Model):
    nullable = fields.Integer(required=True, allow_none=True)
    defaulted = fields.Integer(load_default=7, dump_default=7)
    maybe = fields.Integer(load_default=None, dump_default=None)


class Choices(Model):
    colour = fields.Enum(Colour, by_value=True, required=True)
    mode = fields.String(required=True, validate=validate.OneOf(['fast', 'slow']))


class Unions(Model):
    value = dmr_fields.Union([fields.Integer(), fields.String()], required=True)


class Nested(Model):
    child = fields.Nested(Scalars, required=True)
    children = fields.List(fields.Nested(Scalars), required=True)


class Node(Model):
    name = fields.String(required=True)
    # A lambda: Node is not defined yet.
    children = fields.List(
        fields.Nested(lambda: Node()),  # noqa: PLW0108
        load_default=list,
        dump_default=list,
    )


class Collections(Model):
    tags = fields.List(fields.String(), required=True)
    pair = fields.Tuple((fields.Integer(), fields.String()), required=True)
    unique = dmr_fields.Set(fields.Integer(), required=True)
    mapping = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)


class Temporal(Model):
    moment = dmr_fields.DateTime(required=True)
    day = fields.Date(required=True)
    clock = fields.Time(required=True)
    span = dmr_fields.Duration(required=True)
    ident = fields.UUID(required=True)
    amount = fields.Decimal(as_string=True, required=True)


class Aliases(Model):
    user_name = fields.String(required=True, data_key='userName')


class Constraints(Model):
    age = fields.Integer(required=True, validate=validate.Range(min=0, max=150))
    name = fields.String(required=True, validate=validate.Length(min=2, max=10))
    code = fields.String(required=True, validate=validate.Regexp('^[A-Z]{3}$'))


class OptionalQuery(Model):
    flag = fields.Boolean(load_default=None, dump_default=None)
    search = fields.String(load_default=None, dump_default=None)


class QueryParams(Model):
    page = fields.Integer(required=True)
    tags = fields.List(fields.String(), load_default=list, dump_default=list)


class HeaderParams(Model):
    x_token = fields.String(required=True)


class PathParams(Model):
    item_id = fields.Integer(required=True)


class CookieParams(Model):
    session = fields.String(required=True)


class FormFields(Model):
    title = fields.String(required=True)
    count = fields.Integer(required=True)
    tags = fields.List(fields.String(), load_default=list, dump_default=list)


class Uploads(Model):
    document = dmr_fields.File(required=True)
    attachments = fields.List(dmr_fields.File(), load_default=list, dump_default=list)


def construct(model: Any, fields: dict[str, Any]) -> Any:
    """marshmallow loads into dicts, and a dict is built without validation."""
    return dict(fields)


CATALOGUE = Catalogue.from_names(globals(), serializer=MarshmallowSerializer, construct=construct)

TestConformance = conformance_suite(CATALOGUE)
TestPagination = pagination_suite(CATALOGUE)
