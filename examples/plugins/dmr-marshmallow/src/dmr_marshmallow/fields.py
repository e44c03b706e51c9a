"""Fields marshmallow lacks and dmr's other backends have.

Use them in your Schemas like any marshmallow field:

- :class:`Union`: the first of several fields that accepts the value
  (``int | str``);
- :class:`Set`: a JSON array read into a Python ``set`` (``set[int]``);
- :class:`Duration`: a ``timedelta`` written as an ISO 8601 duration
  (``"P1DT30S"``), as msgspec and pydantic write it. marshmallow's own
  ``TimeDelta`` writes a number of seconds instead;
- :class:`File`: an uploaded file (``dmr.files.UploadedFile``) of a
  ``Files[Schema]`` component, passed through as it is;
- :class:`DateTime`: marshmallow's ``DateTime``, writing UTC as ``Z``
  (``"2024-01-02T03:04:05Z"``) as dmr's other backends do, where
  marshmallow writes ``+00:00``.

The backend uses them for the plain annotations it maps to fields
(``Body[int | str]``, ``-> set[int]``), and documents them in JSON Schema.
"""

import copy
import datetime
import re
from collections.abc import Mapping, Sequence
from typing import Any

from dmr.files import UploadedFile
from marshmallow import Schema, ValidationError, fields
from typing_extensions import override

from dmr_marshmallow._kinds import KindAware, json_kind_matches, python_kind_matches

__all__ = ['DateTime', 'Duration', 'File', 'Set', 'Union']

_NUMBER = r'(\d+(?:[.,]\d+)?)'
_DURATION = re.compile(
    rf'(?P<sign>[-+]?)P(?:{_NUMBER}W)?(?:{_NUMBER}D)?'
    rf'(?:T(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?)?',
)
_UNITS = ('weeks', 'days', 'hours', 'minutes', 'seconds')


def _resolve(field: fields.Field[Any] | type[fields.Field[Any]]) -> fields.Field[Any]:
    if isinstance(field, type) and issubclass(field, fields.Field):
        return field()
    if isinstance(field, fields.Field):
        return field
    raise ValueError(f'{field!r} is not a marshmallow field class or instance')


class Union(KindAware, fields.Field[Any]):
    """A value that one of several fields accepts.

    ``Union([fields.Integer(), fields.String()])`` reads ``3`` as an ``int``
    and ``"three"`` as a ``str``. Members whose JSON kind is exactly the
    value's (a JSON string for a ``String``) are tried first, so ``"3"``
    stays a string; the others are tried next, in order, which lets text from
    a query string reach an ``Integer``. When every member refuses the value,
    the error is that of the member of the right kind, or, when none is of
    the value's kind, one ``invalid`` error for the union.

    Dumping picks the first member whose Python type the value has (a
    ``str`` for a ``String``), so a value is never converted by the wrong
    member.
    """

    default_error_messages = {'invalid': 'Not a valid value for any of: {choices}.'}  # noqa: RUF012

    def __init__(
        self,
        members: Sequence[fields.Field[Any] | type[fields.Field[Any]]],
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.members = [_resolve(member) for member in members]
        if not self.members:
            raise ValueError('a Union needs at least one member field')

    @override
    def _bind_to_schema(self, field_name: str, parent: Schema | fields.Field[Any]) -> None:
        super()._bind_to_schema(field_name, parent)
        self.members = [copy.deepcopy(member) for member in self.members]
        for member in self.members:
            member._bind_to_schema(field_name, self)

    @property
    def choices(self) -> str:
        """The members' class names, for messages."""
        return ', '.join(type(member).__name__ for member in self.members)

    @override
    def json_kind(self, value: Any, *, dumped: bool) -> bool | None:
        """Whether a member reads ``value``'s JSON kind."""
        answers = [json_kind_matches(member, value, dumped=dumped) for member in self.members]
        return _any(answers)

    @override
    def python_kind(self, value: Any) -> bool | None:
        """Whether a member dumps ``value``'s Python type."""
        return _any([python_kind_matches(member, value) for member in self.members])

    def member_for(self, value: Any) -> fields.Field[Any] | None:
        """The first member whose JSON kind is exactly ``value``'s, if any."""
        for member in self.members:
            if json_kind_matches(member, value) is True:
                return member
        return None

    @override
    def _deserialize(
        self,
        value: Any,
        attr: str | None,
        data: Mapping[str, Any] | None,
        **kwargs: Any,
    ) -> Any:
        exact = [member for member in self.members if json_kind_matches(member, value) is True]
        others = [member for member in self.members if member not in exact]
        first_error: ValidationError | None = None
        for member in (*exact, *others):
            try:
                return member.deserialize(value, attr, data, **kwargs)
            except ValidationError as error:
                if first_error is None and member in exact:
                    first_error = error
        if first_error is not None:
            raise ValidationError(first_error.messages) from first_error
        raise self.make_error('invalid', choices=self.choices)

    @override
    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        for member in self.members:
            if python_kind_matches(member, value) is not False:
                return member._serialize(value, attr, obj, **kwargs)
        raise TypeError(
            f'{type(value).__name__} value {value!r} is none of: {self.choices}',
        )


def _any(answers: list[bool | None]) -> bool | None:
    if True in answers:
        return True
    return None if None in answers else False


class Set(fields.List[Any]):
    """A JSON array read into a ``set``, written back as an array.

    Duplicates collapse, as in a Python set. Items are written in sorted
    order when they can be sorted, so that responses are stable.
    """

    @override
    def _deserialize(  # type: ignore[override]  # a set, not the list of List
        self,
        value: Any,
        attr: str | None,
        data: Mapping[str, Any] | None,
        **kwargs: Any,
    ) -> set[Any]:
        items = super()._deserialize(value, attr, data, **kwargs)
        try:
            return set(items)
        except TypeError as error:
            raise self.make_error('invalid') from error

    @override
    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> list[Any] | None:
        if value is None:
            return None
        items = super()._serialize(value, attr, obj, **kwargs) or []
        try:
            return sorted(items)
        except TypeError:
            return list(items)


def _parse_duration(text: str) -> datetime.timedelta | None:
    match = _DURATION.fullmatch(text)
    if match is None or text.endswith(('P', 'T')):
        return None
    amounts = {
        unit: float(number.replace(',', '.'))
        for unit, number in zip(_UNITS, match.groups()[1:], strict=True)
        if number is not None
    }
    try:
        span = datetime.timedelta(**amounts)
    except OverflowError:
        return None
    return -span if match['sign'] == '-' else span


def format_duration(span: datetime.timedelta) -> str:
    """``span`` as an ISO 8601 duration in days and seconds: ``P1DT30.5S``."""
    sign = '-' if span < datetime.timedelta(0) else ''
    span = abs(span)
    text = f'{sign}P'
    if span.days:
        text += f'{span.days}D'
    if span.seconds or span.microseconds or not span.days:
        seconds = str(span.seconds)
        if span.microseconds:
            seconds += f'.{span.microseconds:06d}'.rstrip('0')
        text += f'T{seconds}S'
    return text


class Duration(KindAware, fields.Field[datetime.timedelta]):
    """A ``timedelta`` as an ISO 8601 duration: ``"P1DT30S"``.

    Reads weeks, days, hours, minutes and seconds (fractions allowed, a
    leading ``-`` for negative spans); years and months, whose length
    varies, are refused. Writes days and seconds, as msgspec does.
    """

    default_error_messages = {'invalid': 'Not a valid ISO 8601 duration.'}  # noqa: RUF012

    @override
    def json_kind(self, value: Any, *, dumped: bool) -> bool:
        """A duration is a JSON string."""
        return isinstance(value, str)

    @override
    def python_kind(self, value: Any) -> bool:
        """A duration is a ``timedelta``."""
        return isinstance(value, datetime.timedelta)

    @override
    def _deserialize(
        self,
        value: Any,
        attr: str | None,
        data: Mapping[str, Any] | None,
        **kwargs: Any,
    ) -> datetime.timedelta:
        if isinstance(value, datetime.timedelta):
            return value
        span = _parse_duration(value) if isinstance(value, str) else None
        if span is None:
            raise self.make_error('invalid')
        return span

    @override
    def _serialize(
        self, value: datetime.timedelta | None, attr: str | None, obj: Any, **kwargs: Any
    ) -> str | None:
        if value is None:
            return None
        return format_duration(value)


class File(KindAware, fields.Field[Any]):
    """An uploaded file, for the Schemas of ``Files[...]`` components."""

    default_error_messages = {'invalid': 'Not a file.'}  # noqa: RUF012

    @override
    def json_kind(self, value: Any, *, dumped: bool) -> bool:
        """A file is no JSON value."""
        return False

    @override
    def python_kind(self, value: Any) -> bool:
        """A file is an ``UploadedFile``."""
        return isinstance(value, UploadedFile)

    @override
    def _deserialize(
        self,
        value: Any,
        attr: str | None,
        data: Mapping[str, Any] | None,
        **kwargs: Any,
    ) -> 'UploadedFile[Any]':
        if isinstance(value, UploadedFile):
            return value
        raise self.make_error('invalid')


class DateTime(fields.DateTime):
    """marshmallow's ``DateTime``, writing a UTC time with ``Z``.

    It reads what marshmallow's field reads. With the ISO format (the
    default), a value whose UTC offset is zero is written
    ``2024-01-02T03:04:05Z`` rather than ``2024-01-02T03:04:05+00:00``:
    the same instant, spelled as msgspec and pydantic spell it, so a client
    sees one spelling whichever backend a project uses.
    """

    @override
    def _serialize(
        self, value: datetime.datetime | None, attr: str | None, obj: Any, **kwargs: Any
    ) -> str | float | None:
        text = super()._serialize(value, attr, obj, **kwargs)
        if (
            isinstance(text, str)
            and value is not None
            and self.format in {None, 'iso', 'iso8601'}
            and value.utcoffset() == datetime.timedelta(0)
            and text.endswith('+00:00')
        ):
            return text[: -len('+00:00')] + 'Z'
        return text
