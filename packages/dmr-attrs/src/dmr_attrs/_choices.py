"""Structure hooks for a fixed set of values: enums and ``Literal``.

A value of the right JSON type that is not one of the choices is an
``invalid_choice``; a value of another JSON type is a ``type_error``. ``1`` is
never ``True``: a choice matches only a value of its own class. In text mode
(query strings, headers...) a number or boolean choice is also matched by
its text, ``'2'`` or ``'true'``.
"""

import enum
import typing
from collections.abc import Callable, Hashable, Iterable
from typing import Any

from dmr.errors import ErrorType
from dmr_attrs._errors import AttrsValidationError, wrong_type


def wire_value(choice: Any) -> Any:
    """How ``choice`` (an enum member or a literal value) is written in JSON."""
    return choice.value if isinstance(choice, enum.Enum) else choice


def _text(value: Any) -> str:
    return ('true' if value else 'false') if isinstance(value, bool) else str(value)


def choices_hook(
    choices: Iterable[Any],
    *,
    text: bool,
    accept: Callable[[Any], bool] = lambda _: False,
) -> Callable[[Any, Any], Any]:
    """A hook that maps the wire form of each choice back to the choice.

    ``accept(value)`` says whether a value is already a choice (an enum
    member passed in from Python).
    """
    by_wire: dict[tuple[type, Hashable], Any] = {}
    by_text: dict[str, Any] = {}
    for choice in choices:
        wire = wire_value(choice)
        by_wire.setdefault((wire.__class__, wire), choice)
        if text and not isinstance(wire, str):
            by_text.setdefault(_text(wire), choice)
    classes = frozenset(cls for cls, _ in by_wire)
    expected = ' | '.join(sorted(repr(wire) for _, wire in by_wire))
    type_names = ' | '.join(sorted(cls.__name__ for cls in classes))

    def structure(value: Any, _: Any) -> Any:
        cls = value.__class__
        if cls in classes:
            found = by_wire.get((cls, value), _MISSING)
            if found is not _MISSING:
                return found
        elif accept(value):
            return value
        elif not (by_text and cls is str):
            raise wrong_type(type_names, value)
        found = by_text.get(value, _MISSING) if cls is str else _MISSING
        if found is not _MISSING:
            return found
        raise AttrsValidationError(
            f'Expected one of {expected}, got {value!r}'[:300],
            ErrorType.INVALID_CHOICE,
        )

    return structure


_MISSING = object()


def enum_hook(cls: type[enum.Enum], *, text: bool) -> Callable[[Any, Any], Any]:
    """The hook for enum ``cls``: members by value."""
    return choices_hook(cls, text=text, accept=lambda value: isinstance(value, cls))


def literal_hook(annotation: Any, *, text: bool) -> Callable[[Any, Any], Any]:
    """The hook for ``Literal[...]``."""
    return choices_hook(typing.get_args(annotation), text=text)


def json_classes(choices: Iterable[Any]) -> frozenset[type]:
    """The classes of the wire values of ``choices``."""
    return frozenset(wire_value(choice).__class__ for choice in choices)
