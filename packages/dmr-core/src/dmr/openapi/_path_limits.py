"""What a URL converter lets through, as JSON Schema, and ``re_path`` routes.

Django matches a path segment before dmr sees it: ``<int:pk>`` only matches
``[0-9]+``, so ``-1`` is answered by Django's 404 and never reaches the
``Path`` model. The document states both limits: the converter's and the
model's.
"""

from dataclasses import dataclass
from typing import Any

from django.urls.converters import IntConverter, PathConverter, StringConverter, UUIDConverter

from dmr.serializer import JsonSchema


class UnsupportedRouteError(ValueError):
    """A controller's route cannot be written as an OpenAPI path."""


@dataclass(frozen=True, slots=True)
class RegexGroup:
    """A named group of a ``re_path`` pattern, standing in for a converter."""

    regex: str


def _anchored(regex: str) -> str:
    return f'^(?:{regex})$' if '|' in regex else f'^{regex}$'


def converter_schema(converter: object) -> JsonSchema:
    """The values ``converter`` matches, as a schema."""
    if isinstance(converter, IntConverter):
        return {'type': 'integer', 'minimum': 0}
    if isinstance(converter, UUIDConverter):
        return {'type': 'string', 'format': 'uuid', 'pattern': _anchored(converter.regex)}
    if type(converter) is PathConverter:
        return {'type': 'string', 'minLength': 1}
    if type(converter) is StringConverter:
        return {'type': 'string', 'pattern': '^[^/]+$'}
    regex = getattr(converter, 'regex', None)
    if isinstance(regex, str):
        return {'type': 'string', 'pattern': _anchored(regex)}
    return {'type': 'string'}


def combine(declared: JsonSchema | None, limits: JsonSchema) -> JsonSchema:
    """``declared`` (the ``Path`` model's property) narrowed by a converter's ``limits``.

    Where both state a keyword, the stricter wins (``minimum``) or both hold
    (two patterns, the converter's in an ``allOf``). A property of another
    type than the converter's, or without a ``type`` (a ``$ref``, an
    ``anyOf``), is documented as the model declares it.
    """
    if declared is None:
        return dict(limits)
    if declared.get('type') != limits['type']:
        return declared
    combined: dict[str, Any] = dict(declared)
    for key, value in limits.items():
        present = combined.get(key)
        if present is None:
            combined[key] = value
        elif key == 'minimum':
            combined[key] = max(present, value)
        elif present != value:
            combined['allOf'] = [*combined.get('allOf', ()), {key: value}]
    return combined


_META = frozenset('.^$*+?{}[]|()\\')


def _group_end(regex: str, start: int) -> int:
    """The index just past the group that opens at ``regex[start]``."""
    depth = 0
    index = start
    in_class = False
    while index < len(regex):
        char = regex[index]
        if char == '\\':
            index += 2
            continue
        if in_class:
            in_class = char != ']'
        elif char == '[':
            in_class = True
        elif char == '(':
            depth += 1
        elif char == ')':
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    raise UnsupportedRouteError(f'{regex!r} has an unbalanced group')


def regex_route(regex: str, *, end: bool) -> tuple[str, dict[str, RegexGroup]]:
    """A ``re_path`` regex as an OpenAPI path template and its named groups.

    Only literal text and named groups can be written as a path template:
    ``^users/(?P<pk>[0-9]+)/$`` is ``users/{pk}/``. Anything else (an
    unnamed group, a quantifier outside a group, a missing ``$`` on the
    route of a controller) is refused with an error naming the pattern.
    """
    text = regex.removeprefix('^')
    if end:
        if not text.endswith('$') or text.endswith('\\$'):
            raise UnsupportedRouteError(
                f'{regex!r} does not end with $, so it matches paths an OpenAPI '
                'template cannot list; end the pattern with $ or use path()',
            )
        text = text[:-1]
    template: list[str] = []
    groups: dict[str, RegexGroup] = {}
    index = 0
    while index < len(text):
        char = text[index]
        if text.startswith('(?P<', index):
            close = text.index('>', index)
            name = text[index + 4 : close]
            finish = _group_end(text, index)
            groups[name] = RegexGroup(text[close + 1 : finish - 1])
            template.append(f'{{{name}}}')
            index = finish
        elif char == '\\' and index + 1 < len(text) and not text[index + 1].isalnum():
            template.append(text[index + 1])
            index += 2
        elif char in _META:
            raise UnsupportedRouteError(
                f'{regex!r} uses {char!r} outside a named group; an OpenAPI path '
                'holds literal text and named parameters only, so write the route '
                'with path() or move the expression into a (?P<name>...) group',
            )
        else:
            template.append(char)
            index += 1
    return ''.join(template), groups
