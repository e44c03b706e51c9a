"""Reading the text of a component's fields by the table of :mod:`dmr._text`.

Built once per component parameter from the backend's request JSON Schema
of its model: each field gets the reader of its schema, and the request path
applies them to the strings a query string, headers, cookies or path
segments carry, before the backend validates the result. It also refuses
NUL characters, in JSON request bodies as in text.
"""

import json
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy

from dmr._text import (
    MAX_DIGITS,
    TextError,
    TextReader,
    field_reader,
    items_reader,
    read_integer,
)
from dmr.errors import ErrorDetail, Loc, RequestValidationError, error_detail
from dmr.serializer import Serializer, TypeAdapter

NUL = '\x00'
_NUL_ESCAPE = b'\\u0000'
_NUL_MESSAGE = gettext_lazy('Text must not contain NUL characters')

_Readers = tuple[TextReader | None, TextReader | None]
"""The reader of a field's single value and the reader of each of its items."""


def _model_schema(serializer: Serializer, annotation: Any) -> tuple[Any, dict[str, Any]]:
    schema, definitions = serializer.json_schema(
        annotation,
        direction='request',
        ref_template='{name}',
    )
    seen: set[str] = set()
    while isinstance(schema.get('$ref'), str) and schema['$ref'] in definitions:
        if schema['$ref'] in seen:
            break
        seen.add(schema['$ref'])
        schema = definitions[schema['$ref']]
    return schema, definitions


class TextFields:
    """Reads the text values of one component's fields into JSON values.

    The usual request (text without NUL that every reader accepts, no
    open-ended extra fields to read) takes a short path that visits only the
    fields with a reader, integers inline. Anything else takes the whole
    path, which reports every error in field order.
    """

    __slots__ = (
        'allow_nul',
        'component',
        'extra',
        'fields',
        'integers',
        'item_readers',
        'open_ended',
        'order',
        'readers',
        'serializer',
    )

    def __init__(
        self,
        serializer: Serializer,
        annotation: Any,
        component: str,
        *,
        allow_nul: bool,
    ) -> None:
        schema, definitions = _model_schema(serializer, annotation)
        properties = schema.get('properties')
        self.fields: dict[str, _Readers] = {}
        if isinstance(properties, Mapping):
            for name, field in properties.items():
                self.fields[name] = (
                    field_reader(field, definitions),
                    items_reader(field, definitions),
                )
        extra = schema.get('additionalProperties')
        self.extra: _Readers = (
            (field_reader(extra, definitions), items_reader(extra, definitions))
            if isinstance(extra, Mapping)
            else (None, None)
        )
        self.open_ended = self.extra != (None, None)
        singles = [(name, single) for name, (single, _) in self.fields.items() if single]
        self.integers = tuple(name for name, single in singles if single is read_integer)
        self.readers = tuple((name, one) for name, one in singles if one is not read_integer)
        self.item_readers = tuple((name, each) for name, (_, each) in self.fields.items() if each)
        self.order = {name: index for index, name in enumerate(self.fields)}
        self.component = component
        self.allow_nul = allow_nul
        self.serializer = serializer

    def validate(self, adapter: TypeAdapter, data: Mapping[str, Any], /) -> Any:
        """Read the text of ``data``, then validate it with ``adapter``.

        Text the table refuses is reported with the backend's errors about
        the other fields, in the order of the model's fields.
        """
        if self.open_ended:
            return self._validate_all(adapter, data)
        if not self.allow_nul:
            for key, value in data.items():
                if NUL in key or (NUL in value if value.__class__ is str else _nul_inside(value)):
                    return self._validate_all(adapter, data)
        read = dict(data)
        for name in self.integers:
            value = read.get(name)
            if value.__class__ is str:
                # ``read_integer``'s usual case, inline: plain ASCII digits.
                if not (
                    value.isdigit()
                    and value.isascii()
                    and (value[0] != '0' or len(value) == 1)
                    and len(value) <= MAX_DIGITS
                ):
                    return self._validate_all(adapter, data)
                read[name] = int(value)
        try:
            for name, reader in self.readers:
                value = read.get(name)
                if value.__class__ is str:
                    read[name] = reader(value)
            for name, reader in self.item_readers:
                items = read.get(name)
                if items.__class__ is list:
                    read[name] = [
                        reader(item) if item.__class__ is str else item for item in items
                    ]
        except TextError:
            return self._validate_all(adapter, data)
        return adapter.from_python(read)

    def _validate_all(self, adapter: TypeAdapter, data: Mapping[str, Any], /) -> Any:
        read, errors = self.read(data)
        if not errors:
            return adapter.from_python(read)
        failed = {detail['loc'][1] for detail in errors}
        try:
            adapter.from_python(read)
        except self.serializer.validation_errors as exc:
            for detail in self.serializer.error_details(exc):
                loc = [self.component, *detail.get('loc', ())]
                if loc[1:2] and loc[1] in failed:
                    continue
                errors.append(error_detail(detail['msg'], loc, detail.get('type', '')))
        errors.sort(key=self._position)
        raise RequestValidationError(errors)

    def _position(self, detail: ErrorDetail) -> int:
        """Where the field of ``detail`` is declared; unknown fields come last."""
        loc = detail.get('loc', [])
        field = loc[1] if len(loc) > 1 else None
        last = len(self.order)
        return self.order.get(field, last) if isinstance(field, str) else last

    def read(self, data: Mapping[str, Any], /) -> tuple[dict[str, Any], list[ErrorDetail]]:
        """A copy of ``data`` with its text read, and the errors found."""
        errors: list[ErrorDetail] = []
        read: dict[str, Any] = {}
        check_nul = not self.allow_nul
        for key, value in data.items():
            single, each = self.fields.get(key, self.extra)
            if isinstance(value, str):
                # The usual case, inline: text without NUL, read by its reader.
                if single is None and not (check_nul and NUL in value):
                    read[key] = value
                else:
                    read[key] = self._read(single, value, [self.component, key], errors)
            elif isinstance(value, list):
                read[key] = [
                    self._read(each, item, [self.component, key, index], errors)
                    if isinstance(item, str)
                    else item
                    for index, item in enumerate(value)
                ]
            else:
                read[key] = value
            if check_nul and NUL in key:
                errors.append(error_detail(_NUL_MESSAGE, [self.component, key]))
        return read, errors

    def _read(
        self,
        reader: TextReader | None,
        text: str,
        loc: Loc,
        errors: list[ErrorDetail],
    ) -> Any:
        if not self.allow_nul and NUL in text:
            errors.append(error_detail(_NUL_MESSAGE, loc))
            return text
        if reader is None:
            return text
        try:
            return reader(text)
        except TextError as exc:
            errors.append(error_detail(str(exc), loc, exc.error_type))
            return text


def _nul_inside(value: Any) -> bool:
    """Whether ``value``, a list of a repeated key, holds a text with NUL."""
    return isinstance(value, list) and any(isinstance(item, str) and NUL in item for item in value)


def check_json_nul(body: bytes) -> None:
    r"""Refuse a JSON body whose strings (or keys) hold NUL, at their ``loc``.

    The bytes are searched for the escape ``\u0000`` (JSON forbids a raw
    NUL inside a string); only a body that has one is decoded again to find
    where, so the usual body costs one scan, for a backslash. A body that is not JSON is left
    for the parser to report.
    """
    # memchr for a backslash first: most bodies have none, and that search
    # is several times faster than the one for the six-byte escape.
    if b'\\' not in body or _NUL_ESCAPE not in body:
        return
    try:
        decoded = json.loads(body)
    except (ValueError, RecursionError):
        return
    details = [error_detail(_NUL_MESSAGE, ['body', *loc]) for loc in _nul_locations(decoded)]
    if details:
        raise RequestValidationError(details)


def _nul_locations(value: Any) -> list[Loc]:
    found: list[Loc] = []
    pending: list[tuple[Any, Loc]] = [(value, [])]
    while pending:
        current, loc = pending.pop()
        if isinstance(current, str):
            if NUL in current:
                found.append(loc)
        elif isinstance(current, dict):
            for key, item in current.items():
                if NUL in key:
                    found.append([*loc, key])
                pending.append((item, [*loc, key]))
        elif isinstance(current, list):
            pending.extend((item, [*loc, index]) for index, item in enumerate(current))
    return sorted(found, key=lambda loc: [str(step) for step in loc])
