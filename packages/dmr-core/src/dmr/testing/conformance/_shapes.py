"""Reference shapes of the catalogue's schemas, and how schemas are compared.

Backends may word a schema differently (titles, descriptions, defaults, the
order of ``anyOf`` members, where a definition lives); a *shape* keeps only
what a client generator relies on, with every ``$ref`` resolved. Every other
keyword is compared as it is: a backend that adds ``additionalProperties:
false`` (its models refuse unknown fields) or a ``pattern`` the reference
lacks fails, since clients would send something else. Only keywords that
cannot change what a client sends are dropped: annotations (titles,
descriptions, examples...), an empty ``required``, and a ``propertyNames``
that says keys are strings, as every JSON object's are.
"""

import json
from typing import Any

_IGNORED = frozenset(
    {
        'title',
        'description',
        'default',
        'examples',
        'example',
        '$comment',
        'readOnly',
        'writeOnly',
        'deprecated',
    }
)
_REF_PREFIX = '#/components/schemas/'


def shape(schema: Any, definitions: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """The comparable shape of ``schema``; ``definitions`` resolve ``$ref``."""
    if not isinstance(schema, dict):
        return schema
    ref = schema.get('$ref')
    if isinstance(ref, str):
        name = ref.removeprefix(_REF_PREFIX)
        if name in seen:
            return {'recursive': True}
        return shape(definitions[name], definitions, (*seen, name))
    result: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _IGNORED or (key == 'required' and not value) or _says_nothing(key, value):
            continue
        result['anyOf' if key == 'oneOf' else key] = _child_shape(key, value, definitions, seen)
    if 'enum' in result:
        result.pop('type', None)
    if 'prefixItems' in result and result.get('items') is False:
        del result['items']  # 2020-12's way of closing a tuple; its length says the same
    return result


def _says_nothing(key: str, value: Any) -> bool:
    """A keyword every JSON value satisfies: object keys are always strings."""
    return key == 'propertyNames' and value in ({}, {'type': 'string'}, True)


def _child_shape(key: str, value: Any, definitions: dict[str, Any], seen: tuple[str, ...]) -> Any:
    if key in {'properties', 'patternProperties'}:
        return {name: shape(item, definitions, seen) for name, item in value.items()}
    if key in {'items', 'additionalProperties', 'not'}:
        return shape(value, definitions, seen)
    if key == 'prefixItems':
        return [shape(item, definitions, seen) for item in value]
    if key in {'anyOf', 'oneOf'}:
        members = [shape(item, definitions, seen) for item in value]
        return sorted(members, key=lambda item: json.dumps(item, sort_keys=True))
    if key in {'required', 'enum'}:
        return sorted(value, key=repr)
    return value


def _object(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {'type': 'object', 'properties': properties, 'required': sorted(required)}


_INT = {'type': 'integer'}
_STR = {'type': 'string'}
_NULLABLE_INT = {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}
_SCALARS = _object(
    {'text': _STR, 'count': _INT, 'ratio': {'type': 'number'}, 'flag': {'type': 'boolean'}},
    ['text', 'count', 'ratio', 'flag'],
)
_OPTIONALS = {'nullable': _NULLABLE_INT, 'defaulted': _INT, 'maybe': _NULLABLE_INT}
_NODE = {'name': _STR, 'children': {'type': 'array', 'items': {'recursive': True}}}

REFERENCE: dict[str, dict[str, Any]] = {
    'scalars': {'request': _SCALARS, 'response': _SCALARS},
    'optionals': {
        'request': _object(_OPTIONALS, ['nullable']),
        'response': _object(_OPTIONALS, list(_OPTIONALS)),
    },
    'choices': {
        'request': (
            choices := _object(
                {'colour': {'enum': ['green', 'red']}, 'mode': {'enum': ['fast', 'slow']}},
                ['colour', 'mode'],
            )
        ),
        'response': choices,
    },
    'unions': {
        'request': (unions := _object({'value': {'anyOf': [_INT, _STR]}}, ['value'])),
        'response': unions,
    },
    'nested': {
        'request': (
            nested := _object(
                {'child': _SCALARS, 'children': {'type': 'array', 'items': _SCALARS}},
                ['child', 'children'],
            )
        ),
        'response': nested,
    },
    'recursive': {
        'request': _object(_NODE, ['name']),
        'response': _object(_NODE, ['name', 'children']),
    },
    'collections': {
        'request': (
            collections := _object(
                {
                    'tags': {'type': 'array', 'items': _STR},
                    'pair': {
                        'type': 'array',
                        'prefixItems': [_INT, _STR],
                        'minItems': 2,
                        'maxItems': 2,
                    },
                    'unique': {'type': 'array', 'items': _INT, 'uniqueItems': True},
                    'mapping': {'type': 'object', 'additionalProperties': _INT},
                },
                ['tags', 'pair', 'unique', 'mapping'],
            )
        ),
        'response': collections,
    },
    'temporal': {
        'request': (
            temporal := _object(
                {
                    'moment': {'type': 'string', 'format': 'date-time'},
                    'day': {'type': 'string', 'format': 'date'},
                    'clock': {'type': 'string', 'format': 'time'},
                    'span': {'type': 'string', 'format': 'duration'},
                    'ident': {'type': 'string', 'format': 'uuid'},
                    'amount': {'type': 'string', 'format': 'decimal'},
                },
                ['moment', 'day', 'clock', 'span', 'ident', 'amount'],
            )
        ),
        'response': temporal,
    },
    'aliases': {
        'request': (aliases := _object({'userName': _STR}, ['userName'])),
        'response': aliases,
    },
    'constraints': {
        'request': (
            constraints := _object(
                {
                    'age': {'type': 'integer', 'minimum': 0, 'maximum': 150},
                    'name': {'type': 'string', 'minLength': 2, 'maxLength': 10},
                    'code': {'type': 'string', 'pattern': '^[A-Z]{3}$'},
                },
                ['age', 'name', 'code'],
            )
        ),
        'response': constraints,
    },
}
"""The shape of each catalogue model's schema, per direction."""
