"""Schemas of the HTTP tests."""

import datetime
import enum
import uuid

from marshmallow import (
    EXCLUDE,
    INCLUDE,
    Schema,
    ValidationError,
    fields,
    validate,
    validates_schema,
)

from dmr_marshmallow import fields as dmr_fields


class Role(enum.Enum):
    ADMIN = 'admin'
    READER = 'reader'


class UserCreate(Schema):
    """A new user, as clients send it."""

    email = fields.Email(required=True)
    password = fields.String(load_only=True, required=True, validate=validate.Length(min=8))
    role = fields.Enum(Role, by_value=True, load_default=Role.READER, dump_default=Role.READER)


class User(UserCreate):
    """A user, as the API answers."""

    uid = fields.UUID(dump_only=True, required=True)
    joined = dmr_fields.DateTime(dump_only=True, required=True)


class Address(Schema):
    city = fields.String(required=True)
    zip_code = fields.String(data_key='zipCode', validate=validate.Regexp(r'^[0-9]{5}$'))


class Person(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=20))
    age = fields.Integer(strict=True, validate=validate.Range(min=0, max=150))
    addresses = fields.List(fields.Nested(Address), load_default=list, dump_default=list)
    scores = fields.Dict(keys=fields.String(), values=fields.Float())


class Booking(Schema):
    start = fields.Date(required=True)
    end = fields.Date(required=True)

    @validates_schema
    def check_order(self, data: dict[str, datetime.date], **kwargs: object) -> None:
        if data['end'] < data['start']:
            raise ValidationError('end is before start', field_name='end')


class Search(Schema):
    class Meta:
        unknown = EXCLUDE

    q = fields.String(required=True)
    page = fields.Integer(load_default=1, dump_default=1, validate=validate.Range(min=1))
    tags = fields.List(fields.String(), load_default=list, dump_default=list)
    exact = fields.Boolean(load_default=False, dump_default=False)


class Auth(Schema):
    x_api_token = fields.String(required=True, validate=validate.Length(min=3))
    x_trace = fields.List(fields.String(), load_default=list)


class ItemPath(Schema):
    item_id = fields.UUID(required=True)
    slug = fields.String(required=True)


class Session(Schema):
    class Meta:
        unknown = EXCLUDE

    session_id = fields.String(required=True)


class Anything(Schema):
    class Meta:
        unknown = INCLUDE

    kind = fields.String(required=True)


class Receipt(Schema):
    ticket = fields.UUID(required=True)
    issued = dmr_fields.DateTime(required=True)


def new_uid() -> uuid.UUID:
    return uuid.UUID(int=1)
