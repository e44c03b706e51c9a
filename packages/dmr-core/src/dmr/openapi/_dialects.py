"""Writing schemas in the dialect of the document's OpenAPI version.

Backends emit JSON Schema 2020-12, the dialect of OpenAPI 3.1 and 3.2.
OpenAPI 3.0 has its own subset: ``nullable`` instead of ``null`` types, no
type arrays, no ``const``, boolean ``exclusiveMinimum``/``exclusiveMaximum``,
a single ``example``, no ``prefixItems``, no siblings beside ``$ref`` and a
closed list of keywords. What 3.0 cannot say is said less precisely (a tuple
becomes an array of any of its item types) or, for keywords it lacks, left
out. A nullable reference is written in the usual 3.0 way, ``allOf`` with
``nullable``, and a nullable ``enum`` lists ``null``.
"""

from typing import Any

from dmr.serializer import JsonSchema

# The keywords of an OpenAPI 3.0 Schema Object; `x-` extensions are kept too.
_KEYWORDS_30 = frozenset({
    '$ref', 'title', 'description', 'type', 'format', 'default', 'example', 'enum',
    'nullable', 'readOnly', 'writeOnly', 'deprecated', 'discriminator', 'externalDocs', 'xml',
    'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum',
    'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems',
    'maxProperties', 'minProperties', 'required', 'properties', 'additionalProperties',
    'items', 'allOf', 'anyOf', 'oneOf', 'not',
})  # fmt: skip
_SUBSCHEMA_LISTS = ('allOf', 'anyOf', 'oneOf', 'prefixItems')
_SUBSCHEMAS = ('items', 'not', 'additionalProperties')
# Keywords that describe a schema without constraining it: where a nullable
# union is folded into one schema, the outer ones win.
_ANNOTATIONS = frozenset({'title', 'description', 'default', 'example', 'deprecated'})


def schema_to_30(schema: Any) -> Any:
    """``schema`` (2020-12) rewritten for OpenAPI 3.0."""
    if not isinstance(schema, dict):
        return schema
    result = {key: _children_to_30(key, value) for key, value in schema.items()}
    _enum(result, nullable=_null_type(result) | _null_members(result))
    for bound in ('minimum', 'maximum'):
        _exclusive_bound(result, bound)
    _example(result)
    _tuple_items(result)
    if result.get('contentEncoding') == 'base64':
        result.setdefault('format', 'byte')
    elif 'contentMediaType' in result and result.get('type') == 'string':
        result.setdefault('format', 'binary')  # a file's raw bytes, in 3.0's words
    if result.get('required') == []:
        del result['required']
    result = {key: value for key, value in result.items() if _is_30_keyword(key)}
    if '$ref' in result and len(result) > 1:
        ref = {'$ref': result.pop('$ref')}
        result['allOf'] = [ref, *result.get('allOf', ())]
    return result


def _is_30_keyword(key: str) -> bool:
    return key in _KEYWORDS_30 or key.startswith('x-')


def _children_to_30(key: str, value: Any) -> Any:
    if key in _SUBSCHEMA_LISTS:
        return [schema_to_30(item) for item in value]
    if key in _SUBSCHEMAS:
        return schema_to_30(value)
    if key == 'properties':
        return {name: schema_to_30(prop) for name, prop in value.items()}
    return value


def _enum(schema: JsonSchema, *, nullable: bool) -> None:
    """``const`` as ``enum``; ``nullable`` where null is allowed, listed in any ``enum``."""
    if 'const' in schema:
        schema['enum'] = [schema.pop('const')]
    if 'enum' in schema:
        schema['enum'] = _unique(schema['enum'])
    if nullable or None in schema.get('enum', ()):
        schema['nullable'] = True
        if 'enum' in schema and None not in schema['enum']:
            schema['enum'] = [*schema['enum'], None]


def _example(schema: JsonSchema) -> None:
    """``examples`` becomes its first example, unless there is an ``example``."""
    examples = schema.pop('examples', None)
    if isinstance(examples, list) and examples and 'example' not in schema:
        schema['example'] = examples[0]


def _unique(values: list[Any]) -> list[Any]:
    """``values`` without repeats (3.0 wants unique ``enum`` values); ``1`` is not ``True``."""
    unique: list[Any] = []
    for value in values:
        if not any(_same(value, seen) for seen in unique):
            unique.append(value)
    return unique


def _same(one: Any, other: Any) -> bool:
    return isinstance(one, bool) == isinstance(other, bool) and one == other


def _only_null(schema: Any) -> bool:
    """Whether a converted schema accepts ``null`` alone."""
    return isinstance(schema, dict) and schema.get('enum') == [None]


def _null_type(schema: JsonSchema) -> bool:
    """Take ``null`` out of ``type``; whether it was there."""
    types = schema.get('type')
    if not isinstance(types, list | str):
        return False
    names = [types] if isinstance(types, str) else list(dict.fromkeys(types))
    rest = [name for name in names if name != 'null']
    if len(rest) == 1:
        schema['type'] = rest[0]
    else:
        del schema['type']
    if not rest:
        schema['enum'] = [None]
    elif len(rest) > 1:
        alternatives = [{'type': name} for name in rest]
        if 'anyOf' in schema:
            _add_all_of(schema, {'anyOf': alternatives})
        else:
            schema['anyOf'] = alternatives
    return len(rest) < len(names)


def _null_members(schema: JsonSchema) -> bool:
    """Take ``null`` out of ``anyOf`` and ``oneOf``; whether it was there."""
    found = False
    for key in ('anyOf', 'oneOf'):
        members = schema.get(key)
        if not isinstance(members, list) or not any(_only_null(item) for item in members):
            continue
        found = True
        rest = [item for item in members if not _only_null(item)]
        if len(rest) > 1:
            schema[key] = rest
            continue
        del schema[key]
        if not rest:
            schema['enum'] = [None]
            continue
        (member,) = rest
        clash = (member.keys() & schema.keys()) - _ANNOTATIONS
        if '$ref' in member or 'allOf' in member or clash:
            _add_all_of(schema, member)
        else:
            schema.update({name: value for name, value in member.items() if name not in schema})
    return found


def _add_all_of(schema: JsonSchema, member: JsonSchema) -> None:
    schema['allOf'] = [*schema.get('allOf', ()), member]


def _exclusive_bound(schema: JsonSchema, bound: str) -> None:
    """A numeric ``exclusiveMinimum`` becomes ``minimum`` plus ``true``."""
    key = 'exclusive' + bound.capitalize()
    exclusive = schema.get(key)
    if not isinstance(exclusive, int | float) or isinstance(exclusive, bool):
        return
    inclusive = schema.get(bound)
    lower = bound == 'minimum'
    if inclusive is not None and (inclusive > exclusive if lower else inclusive < exclusive):
        del schema[key]  # the inclusive bound is the stricter one
        return
    schema[bound] = exclusive
    schema[key] = True


def _tuple_items(schema: JsonSchema) -> None:
    """``prefixItems`` becomes ``items`` accepting any of the positions."""
    items = schema.get('items')
    if 'prefixItems' not in schema:
        if isinstance(items, bool):
            schema['items'] = {}
            if items is False:
                schema['maxItems'] = 0
        return
    members = schema.pop('prefixItems')
    if items is False:
        schema['maxItems'] = min(schema.get('maxItems', len(members)), len(members))
    elif items is None or items is True:
        members = []  # the items after the prefix may be anything
    else:
        members = [*members, items]
    unique = [member for index, member in enumerate(members) if member not in members[:index]]
    if len(unique) > 1:
        schema['items'] = {'anyOf': unique}
    else:
        schema['items'] = unique[0] if unique else {}


def document_to_30(document: JsonSchema) -> JsonSchema:
    """Rewrite every schema of an OpenAPI document for 3.0, in place."""
    components = document.get('components', {})
    components['schemas'] = {
        name: schema_to_30(schema) for name, schema in components.get('schemas', {}).items()
    }
    for path_item in document.get('paths', {}).values():
        for operation in path_item.values():
            for parameter in operation.get('parameters', ()):
                parameter['schema'] = schema_to_30(parameter['schema'])
            bodies = [operation.get('requestBody', {}), *operation['responses'].values()]
            for body in bodies:
                for media in body.get('content', {}).values():
                    media['schema'] = schema_to_30(media['schema'])
                for header in body.get('headers', {}).values():
                    header['schema'] = schema_to_30(header['schema'])
    return document
