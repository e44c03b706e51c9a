r"""Python's regular expressions in a document whose readers speak ECMA-262.

Backends write ``pattern`` as their library applies it, in Python's ``re``
dialect; JSON Schema, and so every client and validator that reads the
document, applies it as an ECMA-262 (JavaScript) regular expression. Where
a construct has an exact equivalent, the document gets the equivalent:

- ``.`` is ``[^\\n]`` (JavaScript's ``.`` also refuses ``\\r``, U+2028, U+2029);
- ``\\A`` is ``^`` and ``\\Z`` is ``$`` (JavaScript has neither escape);
- ``(?P<name>...)`` is ``(?<name>...)`` and ``(?P=name)`` is ``\\k<name>``.

Constructs without one are reported, and the pattern is left as it is:
``\\d``, ``\\w``, ``\\s``, ``\\b`` and their negations (Unicode classes in
Python, ASCII ones in JavaScript: ``[^\\s]`` accepts ``\\x85`` in a client
and refuses it on the server), inline flags such as ``(?i)``, atomic groups,
possessive quantifiers, conditionals and comments.
"""

import re
import warnings
from dataclasses import dataclass, field
from typing import Any

from dmr.openapi._components import REF_PREFIX

_UNICODE_CLASSES = frozenset('dDwWsSbB')
_TRANSLATED_ESCAPES = {'A': '^', 'Z': '$'}
_INLINE_FLAGS = re.compile(r'\(\?[aiLmsux-]+[:)]')
_QUANTIFIERS = frozenset('*+?}')


class RegexDialectWarning(UserWarning):
    """A ``pattern`` means something else to the clients than to the server."""


@dataclass(slots=True)
class Translation:
    """A pattern rewritten for ECMA-262, and what could not be."""

    pattern: str
    problems: list[str] = field(default_factory=list)


def _group(pattern: str, index: int, out: list[str], problems: list[str]) -> int:
    """Handle the ``(`` at ``index``; return the index after what was consumed."""
    rest = pattern[index:]
    if rest.startswith('(?P<'):
        out.append('(?<')
        return index + 4
    if rest.startswith('(?P='):
        close = pattern.find(')', index)
        if close != -1:
            out.append(f'\\k<{pattern[index + 4 : close]}>')
            return close + 1
    flags = _INLINE_FLAGS.match(rest)
    if rest.startswith(('(?>', '(?(', '(?#')):
        kind = {'>': 'an atomic group', '(': 'a conditional', '#': 'a comment'}[rest[2]]
        problems.append(f'{kind} ({rest[:3]}...)')
    elif flags is not None:
        problems.append(f'inline flags ({flags[0]}...)')
    out.append('(')
    return index + 1


def to_ecma(pattern: str) -> Translation:
    """``pattern`` (Python ``re``) for ECMA-262, with the constructs that differ."""
    out: list[str] = []
    problems: list[str] = []
    in_class = False
    quantified = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        after_quantifier, quantified = quantified, False
        if char == '\\' and index + 1 < len(pattern):
            escaped = pattern[index + 1]
            if escaped in _UNICODE_CLASSES and not (in_class and escaped == 'b'):
                problems.append(f'\\{escaped} (Unicode in Python, ASCII in ECMA-262)')
            if not in_class and escaped in _TRANSLATED_ESCAPES:
                out.append(_TRANSLATED_ESCAPES[escaped])
            else:
                out.append(pattern[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != ']'
        elif char == '[':
            in_class = True
            if pattern.startswith(('[]', '[^]'), index):  # a leading `]` is literal in Python
                problems.append("a leading ']' in a character class")
        elif char == '(':
            index = _group(pattern, index, out, problems)
            continue
        elif char == '.':
            out.append('[^\\n]')
            index += 1
            continue
        elif char == '+' and after_quantifier:
            problems.append(f'a possessive quantifier ({pattern[index - 1]}+)')
        elif char in _QUANTIFIERS:
            quantified = True
        out.append(char)
        index += 1
    return Translation(''.join(out), problems)


class PatternRewriter:
    """Rewrites the ``pattern``s of a document for ECMA-262, warning where it cannot.

    Each operation is walked with its owner's name (``UserController.post``);
    a shared component is rewritten once, and warned about for the first
    operation that reaches it.
    """

    def __init__(self, schemas: dict[str, Any]) -> None:
        self._schemas = schemas
        self._done: set[str] = set()

    def operation(self, owner: str, operation: dict[str, Any]) -> None:
        """Rewrite the patterns of one Operation Object and of what it refers to."""
        for parameter in operation.get('parameters', ()):
            where = f'{parameter["in"]} parameter {parameter["name"]!r}'
            self._walk(parameter['schema'], owner, where)
        for media in operation.get('requestBody', {}).get('content', {}).values():
            self._walk(media['schema'], owner, 'body')
        for status, response in operation['responses'].items():
            for media in response.get('content', {}).values():
                schema = media['schema'] if 'schema' in media else media['itemSchema']
                self._walk(schema, owner, f'{status} response')

    def _walk(self, node: Any, owner: str, where: str) -> None:
        if isinstance(node, list):
            for item in node:
                self._walk(item, owner, where)
            return
        if not isinstance(node, dict):
            return
        ref = node.get('$ref')
        if isinstance(ref, str) and ref.startswith(REF_PREFIX):
            name = ref.removeprefix(REF_PREFIX)
            if name not in self._done and name in self._schemas:
                self._done.add(name)
                self._walk(self._schemas[name], owner, name)
        pattern = node.get('pattern')
        if isinstance(pattern, str):
            translation = to_ecma(pattern)
            node['pattern'] = translation.pattern
            if translation.problems:
                warnings.warn(
                    RegexDialectWarning(
                        f'{owner}, {where}: the pattern {pattern!r} uses '
                        f'{", ".join(translation.problems)}, which clients read as '
                        'ECMA-262 (the dialect of JSON Schema) and the server as Python '
                        're; write it with constructs both read alike, such as [0-9] for '
                        '\\d or [ \\t\\n\\r\\f\\v] for \\s',
                    ),
                    stacklevel=4,
                )
        for key, value in node.items():
            if key == 'properties' and isinstance(value, dict):
                for field_name, schema in value.items():
                    self._walk(schema, owner, f'{where}.{field_name}')
            elif key not in {'pattern', '$ref', 'enum', 'const', 'default', 'examples', 'example'}:
                self._walk(value, owner, where)
