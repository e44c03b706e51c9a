"""Refusing non-finite numbers in requests unless a model allows them.

pydantic accepts ``NaN``, ``Infinity`` and ``1e400`` for a ``float`` (and a
``Decimal``) unless told otherwise, and JSON cannot carry them back out: the
response would then fail. dmr refuses them at the request on every backend.
pydantic reuses the validator each model class already has, so its schema
cannot be changed per use; instead, a request value whose annotation holds a
number is walked once validated, and a non-finite number is reported at its
``loc`` as pydantic's own ``finite_number`` error. A model whose config, or
a field whose ``Field(allow_inf_nan=True)``, allows them is left alone.
"""

import dataclasses
import decimal
import math
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from dmr.errors import Loc

_NUMBERS = frozenset({'float', 'decimal'})


def holds_numbers(core_schema: Any) -> bool:
    """Whether a core schema has a ``float`` or ``Decimal`` anywhere."""
    seen: set[int] = set()
    pending = [core_schema]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, Mapping):
            kind = node.get('type')  # a dict where a field is named `type`
            if isinstance(kind, str) and kind in _NUMBERS:
                return True
            pending.extend(node.values())
        elif isinstance(node, list | tuple):
            pending.extend(node)
    return False


def check_finite(value: Any, title: str) -> None:
    """Raise pydantic's ``finite_number`` error for each non-finite number in ``value``."""
    errors = [
        {'type': 'finite_number', 'loc': tuple(loc), 'input': number}
        for loc, number in _non_finite(value)
    ]
    if errors:
        raise ValidationError.from_exception_data(title, errors)  # type: ignore[arg-type]  # plain dicts


def _is_finite(number: Any) -> bool:
    if isinstance(number, float):
        return math.isfinite(number)
    return not isinstance(number, decimal.Decimal) or number.is_finite()


def _allows(field: FieldInfo | None) -> bool:
    return field is not None and any(
        getattr(meta, 'allow_inf_nan', False) is True for meta in field.metadata
    )


def _children(value: Any) -> Iterator[tuple[str | int, Any, bool | None]]:
    """``(step, child, allowed)`` of each child of a validated value.

    ``allowed`` is ``None`` inside collections, which keep their owner's rule.
    """
    if isinstance(value, BaseModel):
        model_allows = bool(value.model_config.get('allow_inf_nan', False))
        fields = type(value).model_fields
        for name, child in value.__dict__.items():
            field = fields.get(name)
            step = field.alias if field is not None and field.alias else name
            yield step, child, model_allows or _allows(field)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        config = getattr(value, '__pydantic_config__', {}) or {}
        allows = bool(config.get('allow_inf_nan', False))
        for data_field in dataclasses.fields(value):
            yield data_field.name, getattr(value, data_field.name), allows
    elif isinstance(value, Mapping):
        for key, child in value.items():
            yield key, child, None
    elif isinstance(value, list | tuple | set | frozenset):
        for index, child in enumerate(value):
            yield index, child, None


def _non_finite(value: Any) -> Iterator[tuple[Loc, Any]]:
    pending: list[tuple[Any, Loc, bool]] = [(value, [], False)]
    while pending:
        current, loc, allowed = pending.pop()
        if isinstance(current, float | decimal.Decimal):
            if not allowed and not _is_finite(current):
                yield loc, current
            continue
        children = [
            (child, [*loc, step], allowed if allows is None else allows)
            for step, child, allows in _children(current)
        ]
        pending.extend(reversed(children))
