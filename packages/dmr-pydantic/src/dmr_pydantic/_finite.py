"""Request validators that refuse non-finite numbers unless a model allows them.

pydantic accepts ``NaN``, ``Infinity`` and ``1e400`` for a ``float`` (and a
``Decimal``) unless told otherwise, which JSON cannot carry back out: the
response would then fail. dmr refuses them at the request on every
backend, so this module rebuilds a request validator from the annotation's
core schema with ``allow_inf_nan=False`` on every number that does not say,
itself or through its model's config, that it allows them.
"""

from typing import Any

from pydantic import TypeAdapter
from pydantic_core import SchemaValidator

_NUMBERS = frozenset({'float', 'decimal'})
_FLAG = 'allow_inf_nan'


def finite_validator(adapter: TypeAdapter[Any]) -> SchemaValidator:
    """The adapter's validator, with non-finite numbers refused by default.

    Returns the adapter's own validator when the annotation holds no number
    left to the default.
    """
    changed = [False]
    schema = _rewrite(adapter.core_schema, allowed=False, changed=changed, seen={})
    if not changed[0]:
        return adapter.validator  # type: ignore[return-value]  # a SchemaValidator here
    return SchemaValidator(schema)  # type: ignore[arg-type]  # a copy of a CoreSchema


def _rewrite(node: Any, *, allowed: bool, changed: list[bool], seen: dict[int, Any]) -> Any:
    """A copy of ``node`` (dicts and lists only) with number defaults set."""
    if isinstance(node, list):
        return [_rewrite(item, allowed=allowed, changed=changed, seen=seen) for item in node]
    if not isinstance(node, dict):
        return node
    key = id(node)
    if key in seen:
        return seen[key]
    kind = node.get('type')
    is_schema = isinstance(kind, str)  # not a mapping of fields, one named `type` say
    config = node.get('config')
    if is_schema and isinstance(config, dict):
        allowed = bool(config.get(_FLAG, False))
    copy: dict[str, Any] = {}
    seen[key] = copy
    for name, value in node.items():
        copy[name] = (
            value
            if is_schema and name in {'config', 'metadata', 'cls'}
            else _rewrite(value, allowed=allowed, changed=changed, seen=seen)
        )
    if is_schema and kind in _NUMBERS and _FLAG not in node and not allowed:
        copy[_FLAG] = False
        changed[0] = True
    return copy
