"""Strict responses: dumping that converts nothing by mistake, checking that coerces nothing.

marshmallow's ``dump`` never validates and converts freely: a ``String``
field dumps ``str(5)``, a ``List`` dumps the characters of a string, a
``Boolean`` passes ``"no"`` through. A response adapter therefore works on
its own copy of the schema, whose fields first check the Python type of the
value they dump (:func:`harden_field`), and checks the rendered JSON with a
walk that wants each value in its own JSON kind, with no coercion, before it
runs the field's own parsing and validators (:class:`ResponseChecker`).
"""

import threading
from typing import Any

from dmr.errors import ErrorDetail, ErrorType
from marshmallow import Schema, ValidationError, fields, validate

from dmr_marshmallow import fields as dmr_fields
from dmr_marshmallow._errors import DetailCollector
from dmr_marshmallow._kinds import KindAware, json_kind_matches, python_kind_matches

_Loc = tuple[str | int, ...]
_MARK = '_dmr_marshmallow_strict'
_LOCK = threading.RLock()
# Fields whose Python type the backend checks before dumping.
_CHECKED = (
    KindAware,
    fields.Nested,
    fields.List,
    fields.Tuple,
    fields.Mapping,
    fields.Boolean,
    fields.String,
    fields.UUID,
    fields.Number,
    fields.DateTime,
    fields.Date,
    fields.Time,
    fields.TimeDelta,
    fields.IP,
    fields.IPInterface,
    fields.Enum,
)


class DumpFailure(Exception):  # noqa: N818 - an internal signal, never seen by users
    """A value a hardened field refused to dump, located inside the response."""

    def __init__(
        self, message: str, loc: _Loc = (), error_type: str = ErrorType.TYPE_ERROR
    ) -> None:
        super().__init__(message)
        self.message = message
        self.loc = loc
        self.error_type = error_type

    def under(self, *keys: str | int) -> 'DumpFailure':
        """The same failure, located under ``keys``."""
        return DumpFailure(self.message, (*keys, *self.loc), self.error_type)


def members_of(field: fields.Field[Any]) -> list[fields.Field[Any]]:
    """The fields directly inside ``field`` (items, values, union members)."""
    if isinstance(field, dmr_fields.Union):
        return list(field.members)
    if isinstance(field, fields.List):
        return [field.inner]
    if isinstance(field, fields.Tuple):
        return list(field.tuple_fields)
    if isinstance(field, fields.Mapping):
        return [inner for inner in (field.key_field, field.value_field) if inner is not None]
    return []


def _wrong_type(field: fields.Field[Any], value: Any) -> DumpFailure:
    return DumpFailure(f'{type(field).__name__} field cannot hold {type(value).__name__} value')


def _relocate(
    field: fields.Field[Any], value: Any, failure: DumpFailure, attr: Any, obj: Any
) -> DumpFailure:
    """Find which item of a container failed; dumping it again says where."""
    attempts: list[tuple[tuple[str | int, ...], Any]] = []
    if isinstance(field, fields.Nested) and (field.many or field.schema.many):
        schema = field.schema
        attempts = [
            ((index,), lambda item=item: schema.dump(item, many=False))
            for index, item in enumerate(value)
        ]
    elif isinstance(field, fields.List):
        attempts = [
            ((index,), lambda item=item: field.inner._serialize(item, attr, obj))
            for index, item in enumerate(value)
        ]
    elif isinstance(field, fields.Tuple):
        attempts = [
            ((index,), lambda inner=inner, item=item: inner._serialize(item, attr, obj))
            for index, (inner, item) in enumerate(zip(field.tuple_fields, value, strict=False))
        ]
    elif isinstance(field, fields.Mapping):
        for key, item in value.items():
            if field.key_field is not None:
                key_field = field.key_field
                attempts.append(
                    ((key, '[key]'), lambda k=key, f=key_field: f._serialize(k, None, None))
                )
            if field.value_field is not None:
                value_field = field.value_field
                attempts.append(
                    ((key,), lambda v=item, f=value_field: f._serialize(v, None, None))
                )
    for keys, attempt in attempts:
        try:
            attempt()
        except DumpFailure as located:
            return located.under(*keys)
    return failure


def harden_field(field: fields.Field[Any], key: str | None = None) -> None:
    """Make ``field`` (and the fields inside it) check what they dump.

    ``key`` is the wire name of a schema's field: failures are located under
    it. Fields of other kinds (``Raw``, ``Method``, custom fields) dump as
    they always do.
    """
    with _LOCK:
        if getattr(field, _MARK, False):
            return
        for inner in members_of(field):
            harden_field(inner)
        if isinstance(field, _CHECKED) and not isinstance(field, fields.Pluck):
            original = field._serialize

            def checked(value: Any, attr: Any, obj: Any, **kwargs: Any) -> Any:
                try:
                    if value is None:
                        if not field.allow_none:
                            raise DumpFailure(str(field.error_messages['null']))
                    elif python_kind_matches(field, value) is False:
                        raise _wrong_type(field, value)
                    elif isinstance(field, fields.Nested):
                        harden_schema(field.schema)
                    try:
                        return original(value, attr, obj, **kwargs)
                    except DumpFailure as failure:
                        raise _relocate(field, value, failure, attr, obj) from None
                except DumpFailure as failure:
                    if key is None:
                        raise
                    raise failure.under(key) from None

            setattr(field, '_serialize', checked)  # noqa: B010 - an instance attribute on purpose
        setattr(field, _MARK, True)


def harden_schema(schema: Schema) -> None:
    """Make every field ``schema`` dumps check what it dumps (once per schema)."""
    if getattr(schema, _MARK, False):
        return
    with _LOCK:
        if getattr(schema, _MARK, False):
            return
        for name, field in schema.dump_fields.items():
            harden_field(field, name if field.data_key is None else field.data_key)
        setattr(schema, _MARK, True)


class ResponseChecker:
    """Checks JSON data against what a field dumps, strictly.

    Every value must be of its field's own JSON kind (a number for an
    ``Integer``, ``true``/``false`` for a ``Boolean``...), every field the
    schema dumps and requires must be there, and each leaf must pass its
    field's parsing and validators. Schema hooks (``@pre_load``,
    ``@validates_schema``, ``@post_load``) are not run: they belong to
    requests.
    """

    def __init__(self) -> None:
        self.collector = DetailCollector()

    @property
    def details(self) -> list[ErrorDetail]:
        """What was found so far."""
        return self.collector.details

    def field(self, field: fields.Field[Any], value: Any, loc: _Loc) -> None:  # noqa: PLR0912 - one dispatch
        """Check ``value`` against ``field``."""
        if value is None:
            if not field.allow_none:
                self.collector.add(field.error_messages['null'], loc, ErrorType.TYPE_ERROR)
            return
        if json_kind_matches(field, value, dumped=True) is False:
            self.collector.add(
                f'{type(field).__name__} field cannot hold JSON {_json_kind(value)}',
                loc,
                ErrorType.TYPE_ERROR,
            )
            return
        if isinstance(field, fields.Nested) and not isinstance(field, fields.Pluck):
            schema = field.schema
            if field.many or schema.many:
                for index, item in enumerate(value):
                    self.object(schema, item, (*loc, index))
            else:
                self.object(schema, value, loc)
        elif isinstance(field, dmr_fields.Union):
            self.field(_union_member(field, value), value, loc)
        elif isinstance(field, fields.List):
            for index, item in enumerate(value):
                self.field(field.inner, item, (*loc, index))
            self._validators(field, value, loc)
        elif isinstance(field, fields.Tuple):
            self._tuple(field, value, loc)
        elif isinstance(field, fields.Mapping):
            for key, item in value.items():
                if field.key_field is not None:
                    self.field(field.key_field, key, (*loc, key, '[key]'))
                if field.value_field is not None:
                    self.field(field.value_field, item, (*loc, key))
            self._validators(field, value, loc)
        else:
            try:
                field.deserialize(value)
            except ValidationError as error:
                self.collector.field(field, error.messages, value, loc)

    def object(self, schema: Schema, data: Any, loc: _Loc) -> None:
        """Check one object against the fields ``schema`` dumps."""
        if not isinstance(data, dict):
            self.collector.add(schema.error_messages['type'], loc, ErrorType.TYPE_ERROR)
            return
        for name, field in schema.dump_fields.items():
            key = name if field.data_key is None else field.data_key
            if key in data:
                self.field(field, data[key], (*loc, key))
            elif field.required:
                self.collector.add(
                    field.error_messages['required'], (*loc, key), ErrorType.MISSING
                )

    def _tuple(self, field: fields.Tuple, value: list[Any], loc: _Loc) -> None:
        try:
            field.validate_length(value)
        except ValidationError as error:
            self.collector.field(field, error.messages, value, loc)
            return
        for index, (inner, item) in enumerate(zip(field.tuple_fields, value, strict=True)):
            self.field(inner, item, (*loc, index))
        self._validators(field, value, loc)

    def _validators(self, field: fields.Field[Any], value: Any, loc: _Loc) -> None:
        for validator in field.validators:
            if not isinstance(validator, validate.Validator):
                continue  # a plain callable may expect loaded objects
            try:
                validator(value)
            except ValidationError as error:
                self.collector.field(field, error.messages, value, loc)


def _union_member(field: dmr_fields.Union, value: Any) -> fields.Field[Any]:
    answers = [(json_kind_matches(member, value, dumped=True), member) for member in field.members]
    for answer, member in answers:
        if answer is True:
            return member
    return next(member for answer, member in answers if answer is None)


def _json_kind(value: Any) -> str:
    kinds = {bool: 'boolean', int: 'number', float: 'number', str: 'string', list: 'array'}
    return kinds.get(type(value), 'object')
