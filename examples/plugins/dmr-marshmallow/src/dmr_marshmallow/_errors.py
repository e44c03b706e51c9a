"""marshmallow's error messages, turned into dmr's error details.

marshmallow reports nested dictionaries of *messages*, keyed by wire name,
list index or mapping key; it has no error codes. The backend walks those
messages together with the field that produced them and the value it was
given, and finds each message's kind without reading its words:

- a message equal to one of the field's own ``error_messages`` (the
  project's overrides included) is that error: ``required`` is ``missing``,
  ``null`` is a ``type_error``, ``invalid`` is a ``type_error``, or, given a
  string, an ``invalid_format`` for fields that read a date, a time, a
  duration, a UUID or a decimal, an ``invalid_choice`` for an enum, and a
  ``value_error`` for other formatted strings (e-mail addresses, URLs...);
- a message that one of the field's ``Range``, ``Length``, ``Regexp`` or
  ``OneOf`` validators writes (their templates, or their ``error``) is
  ``out_of_range``, ``too_short``/``too_long`` (by the value's length),
  ``pattern_mismatch`` or ``invalid_choice``;
- a schema's ``unknown`` message at a key it does not declare is
  ``extra_forbidden``, its ``type`` message a ``type_error``;
- anything else (custom validators, ``@validates``...) is a
  ``value_error``.

The core writes the messages of those shared types from the schema, so
clients read the same words as from every other backend.
"""

import re
import string
from collections.abc import Iterator, Mapping
from typing import Any

from dmr.errors import ErrorDetail, ErrorType, error_detail
from marshmallow import Schema, fields, missing, validate

from dmr_marshmallow import fields as dmr_fields
from dmr_marshmallow._kinds import json_kind_matches

MAX_DETAILS = 100
"""At most this many details per error: marshmallow reports every one."""

SCHEMA_KEY = '_schema'
_Loc = tuple[str | int, ...]

# Fields that read a value in a format the schema names (`format`), given a string.
_FORMATS = (
    fields.UUID,
    fields.DateTime,
    fields.Date,
    fields.Time,
    fields.Decimal,
    dmr_fields.Duration,
)
# Fields whose `invalid` error means a malformed string when given a string.
_FORMATTED = (
    *_FORMATS,
    fields.Email,
    fields.Url,
    fields.IP,
    fields.IPInterface,
    fields.Enum,
)
_KEY_TYPES = {
    'required': ErrorType.MISSING,
    'null': ErrorType.TYPE_ERROR,
    'too_large': ErrorType.OUT_OF_RANGE,
    'special': ErrorType.VALUE_ERROR,
    'format': ErrorType.VALUE_ERROR,
    'invalid_awareness': ErrorType.VALUE_ERROR,
    'invalid_utf8': ErrorType.VALUE_ERROR,
    'validator_failed': ErrorType.VALUE_ERROR,
}
_TEMPLATES: dict[str, re.Pattern[str]] = {}


class InvalidDataError(ValueError):
    """Data that a marshmallow adapter refused, with dmr's error details.

    The backend's only validation error: adapters raise it for invalid
    requests, unreadable JSON and invalid responses, with ``details``
    already located and typed (``loc`` relative to the validated value).
    The marshmallow ``ValidationError`` behind it, if any, is its
    ``__cause__``.
    """

    def __init__(self, details: list[ErrorDetail]) -> None:
        super().__init__(details)
        self.details = details


def matches(template: object, message: object) -> bool:
    """Whether ``message`` is what ``template`` (a ``str.format`` string) formats to."""
    if not isinstance(template, str) or not isinstance(message, str):
        return template == message
    pattern = _TEMPLATES.get(template)
    if pattern is None:
        parts = []
        for literal, name, _spec, _conversion in string.Formatter().parse(template):
            parts.append(re.escape(literal))
            if name is not None:
                parts.append('.*?')
        pattern = _TEMPLATES[template] = re.compile(''.join(parts), re.DOTALL)
    return pattern.fullmatch(message) is not None


def _key_type(field: fields.Field[Any], key: str, value: Any) -> str:
    if key in _KEY_TYPES:
        return _KEY_TYPES[key]
    formatted = isinstance(field, _FORMATTED)
    if formatted or (isinstance(field, fields.Enum) and key == 'unknown'):
        if json_kind_matches(field, value) is False:
            return ErrorType.TYPE_ERROR
        return _formatted_type(field)
    if key in {'invalid', 'type'}:
        return ErrorType.TYPE_ERROR
    return ErrorType.VALUE_ERROR


def _formatted_type(field: fields.Field[Any]) -> str:
    """The type of a string that ``field`` could not read."""
    if isinstance(field, fields.Enum):
        return ErrorType.INVALID_CHOICE
    return ErrorType.INVALID_FORMAT if isinstance(field, _FORMATS) else ErrorType.VALUE_ERROR


def _validators(field: fields.Field[Any]) -> Iterator[validate.Validator]:
    pending: list[Any] = list(field.validators)
    if isinstance(field, fields.Tuple):
        pending.append(field.validate_length)
    while pending:
        validator = pending.pop(0)
        if isinstance(validator, validate.And):
            pending[:0] = validator.validators
        elif isinstance(validator, validate.Validator):
            yield validator


def _length_type(validator: validate.Length, message: str, value: Any) -> str | None:
    templates = (
        [validator.error]
        if validator.error
        else [
            validator.message_min,
            validator.message_max,
            validator.message_all,
            validator.message_equal,
        ]
    )
    if not any(matches(template, message) for template in templates):
        return None
    try:
        size = len(value)
    except TypeError:
        return ErrorType.VALUE_ERROR
    lower = validator.equal if validator.equal is not None else validator.min
    return ErrorType.TOO_SHORT if lower is not None and size < lower else ErrorType.TOO_LONG


def _validator_type(validator: validate.Validator, message: str, value: Any) -> str | None:
    if isinstance(validator, validate.Length):
        return _length_type(validator, message, value)
    if isinstance(validator, validate.Range):
        templates = (
            [validator.error]
            if validator.error
            else [validator.message_min, validator.message_max, validator.message_all]
        )
        if any(matches(template, message) for template in templates):
            return ErrorType.OUT_OF_RANGE
    if isinstance(validator, validate.Regexp) and matches(validator.error, message):
        return ErrorType.PATTERN_MISMATCH
    if isinstance(validator, validate.OneOf) and matches(validator.error, message):
        return ErrorType.INVALID_CHOICE
    return None


def message_type(field: fields.Field[Any], message: Any, value: Any) -> str:
    """The ``type`` of one message that ``field`` reported for ``value``."""
    for key in ('required', 'null'):
        if matches(field.error_messages.get(key), message):
            return _KEY_TYPES[key]
    own = [field]
    if isinstance(field, fields.Enum):
        own.append(field.field)  # by-name and by-value reading report its errors
    for reporter in own:
        for key, template in reporter.error_messages.items():
            if matches(template, message):
                return _key_type(reporter, key, value)
    for validator in _validators(field):
        found = _validator_type(validator, message, value)
        if found is not None:
            return found
    return ErrorType.VALUE_ERROR


def _item(container: Any, key: str | int) -> Any:
    try:
        return container[key]
    except (KeyError, IndexError, TypeError):
        return missing


def _in_input_order(messages: Mapping[Any, Any], data: Any) -> list[tuple[Any, Any]]:
    """Messages in the order of the input's keys (marshmallow finds unknown keys in a set)."""
    if not isinstance(data, Mapping):
        return list(messages.items())
    order = {key: index for index, key in enumerate(data)}
    return sorted(messages.items(), key=lambda item: order.get(item[0], -1))


def _text(message: Any) -> str:
    return message if isinstance(message, str) else str(message)


class DetailCollector:
    """Walks marshmallow's messages beside the fields and the input."""

    def __init__(self) -> None:
        self.details: list[ErrorDetail] = []

    def add(self, message: Any, loc: _Loc, error_type: str) -> None:
        """Keep one detail, unless there are already enough."""
        if len(self.details) < MAX_DETAILS:
            self.details.append(error_detail(_text(message), loc, error_type))

    def generic(self, messages: Any, loc: _Loc) -> None:
        """Messages from a place the backend cannot interpret: ``value_error``."""
        if isinstance(messages, Mapping):
            for key, nested in messages.items():
                self.generic(nested, loc if key == SCHEMA_KEY else (*loc, key))
        elif isinstance(messages, list | tuple):
            for message in messages:
                self.generic(message, loc)
        else:
            self.add(messages, loc, ErrorType.VALUE_ERROR)

    def field(self, field: fields.Field[Any], messages: Any, value: Any, loc: _Loc) -> None:
        """The messages ``field`` reported for ``value``, at ``loc``."""
        if not isinstance(messages, Mapping):
            for message in messages if isinstance(messages, list | tuple) else [messages]:
                if isinstance(message, Mapping):
                    self.field(field, message, value, loc)
                else:
                    self.add(message, loc, message_type(field, message, value))
            return
        if isinstance(field, fields.Pluck):
            self._plucked(field, messages, value, loc)
        elif isinstance(field, fields.Nested):
            many = bool(field.many or field.schema.many)
            self.schema(field.schema, messages, value, loc, many=many)
        elif isinstance(field, dmr_fields.Union):
            member = field.member_for(value)
            if member is None:
                self.generic(messages, loc)
            else:
                self.field(member, messages, value, loc)
        elif isinstance(field, fields.List | fields.Tuple):
            self._items(field, messages, value, loc)
        elif isinstance(field, fields.Mapping):
            self._mapping(field, messages, value, loc)
        else:
            self.generic(messages, loc)

    def _plucked(
        self, field: fields.Pluck, messages: Mapping[Any, Any], value: Any, loc: _Loc
    ) -> None:
        # The plucked field's own name never reaches the wire.
        inner = field.schema.fields[field.field_name]
        if not field.many:
            for nested in messages.values():
                self.field(inner, nested, value, loc)
            return
        for key, item_messages in messages.items():
            if not isinstance(key, int) or not isinstance(item_messages, Mapping):
                self.field(field, item_messages, value, loc)
                continue
            for nested in item_messages.values():
                self.field(inner, nested, _item(value, key), (*loc, key))

    def _items(
        self,
        field: fields.List[Any] | fields.Tuple,
        messages: Mapping[Any, Any],
        value: Any,
        loc: _Loc,
    ) -> None:
        for key, nested in messages.items():
            if not isinstance(key, int):
                self.field(field, nested, value, loc)
                continue
            if isinstance(field, fields.List):
                inner: fields.Field[Any] = field.inner
            else:
                inner = field.tuple_fields[key]
            self.field(inner, nested, _item(value, key), (*loc, key))

    def _mapping(
        self,
        field: fields.Mapping[Any],
        messages: Mapping[Any, Any],
        value: Any,
        loc: _Loc,
    ) -> None:
        for key, parts in messages.items():
            if key == SCHEMA_KEY or not isinstance(parts, Mapping):
                self.field(field, parts, value, loc)
                continue
            if 'key' in parts and field.key_field is not None:
                self.field(field.key_field, parts['key'], key, (*loc, key, '[key]'))
            if 'value' in parts and field.value_field is not None:
                self.field(field.value_field, parts['value'], _item(value, key), (*loc, key))

    def schema(
        self,
        schema: Schema,
        messages: Mapping[Any, Any],
        data: Any,
        loc: _Loc,
        *,
        many: bool,
    ) -> None:
        """The messages of a schema's ``load`` (of many items, when ``many``)."""
        if many and all(isinstance(key, int) or key == SCHEMA_KEY for key in messages):
            for key, nested in messages.items():
                if key == SCHEMA_KEY:
                    self._schema_messages(schema, nested, loc)
                else:
                    self.schema(schema, nested, _item(data, key), (*loc, key), many=False)
            return
        by_key = {
            name if field.data_key is None else field.data_key: field
            for name, field in schema.load_fields.items()
        }
        for key, nested in _in_input_order(messages, data):
            field = by_key.get(key)
            if key == SCHEMA_KEY:
                self._schema_messages(schema, nested, loc)
            elif field is not None:
                self.field(field, nested, _item(data, key), (*loc, key))
            elif isinstance(nested, list) and all(
                matches(schema.error_messages['unknown'], message) for message in nested
            ):
                for message in nested:
                    self.add(message, (*loc, key), ErrorType.EXTRA_FORBIDDEN)
            else:
                self.generic(nested, (*loc, key))

    def _schema_messages(self, schema: Schema, messages: Any, loc: _Loc) -> None:
        if not isinstance(messages, list):
            self.generic(messages, loc)
            return
        for message in messages:
            if matches(schema.error_messages['type'], message):
                self.add(message, loc, ErrorType.TYPE_ERROR)
            else:
                self.generic(message, loc)


def field_details(field: fields.Field[Any], messages: Any, value: Any) -> list[ErrorDetail]:
    """Error details of the messages ``field`` reported for ``value``."""
    collector = DetailCollector()
    collector.field(field, messages, value, ())
    return collector.details
