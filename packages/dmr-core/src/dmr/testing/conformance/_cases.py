"""What clients send and what every backend must answer: the case table.

Each invalid case holds exactly one mistake, so that backends which report
the first error and backends which report all of them answer alike.
"""

from dataclasses import dataclass, field
from typing import Any

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class BodyCase:
    """A request body for one catalogue model and the expected answer."""

    model: str
    name: str
    body: Any
    status: int = 201
    errors: tuple[tuple[Loc, str], ...] | None = ()
    """Expected ``(loc, type)`` of each error detail, in order; ``None``: any."""
    echo: Any = field(default=None)
    """The expected response body of a 201, when it differs from ``body``."""

    @property
    def id(self) -> str:
        """The pytest id of this case."""
        return f'{self.model}-{self.name}'


def _error(status: int, loc: Loc, error_type: str) -> dict[str, Any]:
    return {'status': status, 'errors': ((('body', *loc), error_type),)}


SCALARS = {'text': 'hi', 'count': 3, 'ratio': 0.5, 'flag': True}
TEMPORAL = {
    'moment': '2024-01-02T03:04:05Z',
    'day': '2024-01-02',
    'clock': '03:04:05',
    'span': 'P1DT30S',
    'ident': '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
    'amount': '12.50',
}
COLLECTIONS = {'tags': ['a', 'b'], 'pair': [1, 'x'], 'unique': [3], 'mapping': {'a': 1}}

BODY_CASES: tuple[BodyCase, ...] = (
    BodyCase('scalars', 'valid', SCALARS),
    BodyCase('scalars', 'malformed-json', b'{"text": ', **_error(400, (), 'parse_error')),
    BodyCase('scalars', 'invalid-utf8', b'{"text": "\xff"}', **_error(400, (), 'parse_error')),
    BodyCase('scalars', 'too-deep', b'[' * 20_000 + b']' * 20_000, status=400, errors=None),
    BodyCase('scalars', 'array-not-object', [SCALARS], **_error(400, (), 'type_error')),
    BodyCase(
        'scalars',
        'null-for-str',
        {**SCALARS, 'text': None},
        **_error(400, ('text',), 'type_error'),
    ),
    BodyCase(
        'scalars',
        'absent-field',
        {key: value for key, value in SCALARS.items() if key != 'count'},
        **_error(400, ('count',), 'missing'),
    ),
    BodyCase(
        'scalars',
        'str-for-int',
        {**SCALARS, 'count': 'x'},
        **_error(400, ('count',), 'type_error'),
    ),
    BodyCase(
        'scalars', 'int-for-str', {**SCALARS, 'text': 5}, **_error(400, ('text',), 'type_error')
    ),
    BodyCase(
        'scalars',
        'str-for-float',
        {**SCALARS, 'ratio': 'x'},
        **_error(400, ('ratio',), 'type_error'),
    ),
    BodyCase(
        'scalars',
        'list-for-bool',
        {**SCALARS, 'flag': [1]},
        **_error(400, ('flag',), 'type_error'),
    ),
    BodyCase(
        'scalars',
        'whole-float-for-int',
        {**SCALARS, 'count': 2.0},
        **_error(400, ('count',), 'type_error'),
    ),
    BodyCase(
        'scalars',
        'exponent-for-int',
        b'{"text": "hi", "count": 1e3, "ratio": 0.5, "flag": true}',
        **_error(400, ('count',), 'type_error'),
    ),
    BodyCase(
        'scalars',
        'text-for-int',
        {**SCALARS, 'count': '3'},
        **_error(400, ('count',), 'type_error'),
    ),
    BodyCase(
        'scalars',
        'overflowing-float',
        b'{"text": "hi", "count": 3, "ratio": 1e400, "flag": true}',
        status=400,
        errors=None,
    ),
    BodyCase(
        'scalars',
        'nan-token',
        b'{"text": "hi", "count": 3, "ratio": NaN, "flag": true}',
        status=400,
        errors=None,
    ),
    BodyCase(
        'scalars',
        'infinity-token',
        b'{"text": "hi", "count": 3, "ratio": -Infinity, "flag": true}',
        status=400,
        errors=None,
    ),
    BodyCase(
        'scalars',
        'nul-in-text',
        {**SCALARS, 'text': 'a\x00b'},
        **_error(400, ('text',), 'value_error'),
    ),
    BodyCase(
        'nested',
        'nul-in-list-item',
        {'child': SCALARS, 'children': [SCALARS, {**SCALARS, 'text': '\x00'}]},
        **_error(400, ('children', 1, 'text'), 'value_error'),
    ),
    BodyCase('scalars', 'escaped-backslash-is-no-nul', {**SCALARS, 'text': '\\u0000'}),
    BodyCase(
        'scalars',
        'unknown-key-dropped',
        {**SCALARS, 'is_admin': True},
        echo=SCALARS,
    ),
    BodyCase(
        'optionals',
        'defaults-filled',
        {'nullable': None},
        echo={'nullable': None, 'defaulted': 7, 'maybe': None},
    ),
    BodyCase('optionals', 'all-set', {'nullable': 1, 'defaulted': 2, 'maybe': 3}),
    BodyCase(
        'optionals',
        'nullable-is-required',
        {'defaulted': 2},
        **_error(400, ('nullable',), 'missing'),
    ),
    BodyCase(
        'optionals',
        'defaulted-is-not-nullable',
        {'nullable': 1, 'defaulted': None},
        **_error(400, ('defaulted',), 'type_error'),
    ),
    BodyCase('choices', 'valid', {'colour': 'green', 'mode': 'slow'}),
    BodyCase(
        'choices',
        'bad-enum',
        {'colour': 'blue', 'mode': 'slow'},
        **_error(400, ('colour',), 'invalid_choice'),
    ),
    BodyCase(
        'choices',
        'bad-literal',
        {'colour': 'red', 'mode': 'medium'},
        **_error(400, ('mode',), 'invalid_choice'),
    ),
    BodyCase('unions', 'int', {'value': 3}),
    BodyCase('unions', 'str', {'value': 'three'}),
    BodyCase('unions', 'neither', {'value': [3]}, **_error(400, ('value',), 'type_error')),
    BodyCase('nested', 'valid', {'child': SCALARS, 'children': [SCALARS, SCALARS]}),
    BodyCase(
        'nested',
        'bad-child-field',
        {'child': {**SCALARS, 'text': 1}, 'children': []},
        **_error(400, ('child', 'text'), 'type_error'),
    ),
    BodyCase(
        'nested',
        'missing-in-list-item',
        {'child': SCALARS, 'children': [SCALARS, {'text': 'a', 'ratio': 1.0, 'flag': False}]},
        **_error(400, ('children', 1, 'count'), 'missing'),
    ),
    BodyCase(
        'recursive',
        'valid',
        {'name': 'root', 'children': [{'name': 'leaf', 'children': []}]},
    ),
    BodyCase(
        'recursive',
        'defaults-filled',
        {'name': 'root', 'children': [{'name': 'leaf'}]},
        echo={'name': 'root', 'children': [{'name': 'leaf', 'children': []}]},
    ),
    BodyCase(
        'recursive',
        'deep-error',
        {'name': 'a', 'children': [{'name': 'b', 'children': [{'name': 4}]}]},
        **_error(400, ('children', 0, 'children', 0, 'name'), 'type_error'),
    ),
    BodyCase('collections', 'valid', COLLECTIONS),
    BodyCase(
        'collections',
        'bad-list-item',
        {**COLLECTIONS, 'tags': ['a', 1]},
        **_error(400, ('tags', 1), 'type_error'),
    ),
    BodyCase(
        'collections',
        'bad-tuple-item',
        {**COLLECTIONS, 'pair': ['x', 'y']},
        **_error(400, ('pair', 0), 'type_error'),
    ),
    BodyCase(
        'collections',
        'bad-set-item',
        {**COLLECTIONS, 'unique': [1, 'x']},
        **_error(400, ('unique', 1), 'type_error'),
    ),
    BodyCase(
        'collections',
        'mapping-not-object',
        {**COLLECTIONS, 'mapping': [1]},
        **_error(400, ('mapping',), 'type_error'),
    ),
    BodyCase('temporal', 'valid', TEMPORAL),
    BodyCase(
        'temporal',
        'bad-datetime',
        {**TEMPORAL, 'moment': 'soon'},
        **_error(400, ('moment',), 'invalid_format'),
    ),
    BodyCase(
        'temporal',
        'bad-date',
        {**TEMPORAL, 'day': '2024-13-01'},
        **_error(400, ('day',), 'invalid_format'),
    ),
    BodyCase(
        'temporal',
        'bad-uuid',
        {**TEMPORAL, 'ident': 'nope'},
        **_error(400, ('ident',), 'invalid_format'),
    ),
    BodyCase(
        'temporal',
        'bad-decimal',
        {**TEMPORAL, 'amount': 'lots'},
        **_error(400, ('amount',), 'invalid_format'),
    ),
    BodyCase(
        'temporal',
        'bad-timedelta',
        {**TEMPORAL, 'span': 'long'},
        **_error(400, ('span',), 'invalid_format'),
    ),
    BodyCase('aliases', 'valid', {'userName': 'ada'}),
    BodyCase('aliases', 'missing-by-wire-name', {}, **_error(400, ('userName',), 'missing')),
    BodyCase('constraints', 'valid', {'age': 30, 'name': 'ada', 'code': 'ABC'}),
    BodyCase(
        'constraints',
        'above-maximum',
        {'age': 151, 'name': 'ada', 'code': 'ABC'},
        **_error(400, ('age',), 'out_of_range'),
    ),
    BodyCase(
        'constraints',
        'below-minimum',
        {'age': -1, 'name': 'ada', 'code': 'ABC'},
        **_error(400, ('age',), 'out_of_range'),
    ),
    BodyCase(
        'constraints',
        'too-short',
        {'age': 1, 'name': 'a', 'code': 'ABC'},
        **_error(400, ('name',), 'too_short'),
    ),
    BodyCase(
        'constraints',
        'too-long',
        {'age': 1, 'name': 'a' * 11, 'code': 'ABC'},
        **_error(400, ('name',), 'too_long'),
    ),
    BodyCase(
        'constraints',
        'pattern',
        {'age': 1, 'name': 'ada', 'code': 'abc'},
        **_error(400, ('code',), 'pattern_mismatch'),
    ),
)

INVALID_RESPONSES: dict[str, dict[str, Any]] = {
    'scalars': {**SCALARS, 'count': 'many'},
    'optionals': {'nullable': 'x', 'defaulted': 7, 'maybe': None},
    'choices': {'colour': 'blue', 'mode': 'slow'},
    'unions': {'value': [1]},
    'nested': {'child': {**SCALARS, 'flag': 'no'}, 'children': []},
    'recursive': {'name': 9, 'children': []},
    'collections': {**COLLECTIONS, 'tags': 'a'},
    'temporal': {**TEMPORAL, 'ident': 'nope'},
    'aliases': {'user_name': 1},
    'constraints': {'age': 999, 'name': 'ada', 'code': 'ABC'},
}
"""Fields each endpoint returns through ``Catalogue.construct``: all invalid."""
