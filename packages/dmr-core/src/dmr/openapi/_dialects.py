"""Writing schemas in the dialect of the document's OpenAPI version.

Backends emit JSON Schema 2020-12, the dialect of OpenAPI 3.1 and 3.2.
OpenAPI 3.0 has its own subset: ``nullable`` instead of ``null`` types, no
type arrays, no ``const``, boolean ``exclusiveMinimum``/``exclusiveMaximum``,
a single ``example`` and no ``prefixItems``.
"""

from typing import Any

from dmr.serializer import JsonSchema

_SUBSCHEMA_LISTS = ('allOf', 'anyOf', 'oneOf', 'prefixItems')
_SUBSCHEMAS = ('items', 'not', 'additionalProperties')
_NULL = {'type': 'null'}


def schema_to_30(schema: Any) -> Any:
    """``schema`` (2020-12) rewritten for OpenAPI 3.0."""
    if not isinstance(schema, dict):
        return schema
    result = {key: _children_to_30(key, value) for key, value in schema.items()}
    _nullable_types(result)
    _nullable_unions(result)
    if 'const' in result:
        result['enum'] = [result.pop('const')]
    if isinstance(result.get('enum'), list) and None in result['enum']:
        result['enum'] = [item for item in result['enum'] if item is not None] or [None]
        result['nullable'] = True
    for bound in ('Minimum', 'Maximum'):
        exclusive = result.get(f'exclusive{bound}')
        if isinstance(exclusive, int | float) and not isinstance(exclusive, bool):
            result[bound.lower()] = exclusive
            result[f'exclusive{bound}'] = True
    if 'examples' in result:
        examples = result.pop('examples')
        if examples:
            result['example'] = examples[0]
    if 'prefixItems' in result:
        items = result.pop('prefixItems')
        result['items'] = {'anyOf': items} if items else {}
        result.setdefault('minItems', len(items))
        result.setdefault('maxItems', len(items))
    return result


def _children_to_30(key: str, value: Any) -> Any:
    if key in _SUBSCHEMA_LISTS:
        return [schema_to_30(item) for item in value]
    if key in _SUBSCHEMAS:
        return schema_to_30(value)
    if key == 'properties':
        return {name: schema_to_30(prop) for name, prop in value.items()}
    return value


def _nullable_types(schema: JsonSchema) -> None:
    types = schema.get('type')
    if isinstance(types, list):
        rest = [item for item in types if item != 'null']
        if len(rest) < len(types):
            schema['nullable'] = True
        if len(rest) == 1:
            schema['type'] = rest[0]
        else:
            del schema['type']
            schema['anyOf'] = [{'type': item} for item in rest]
    elif types == 'null':
        del schema['type']
        schema['nullable'] = True
        schema['enum'] = [None]


def _nullable_unions(schema: JsonSchema) -> None:
    for key in ('anyOf', 'oneOf'):
        members = schema.get(key)
        if not isinstance(members, list) or not any(_is_null(item) for item in members):
            continue
        rest = [item for item in members if not _is_null(item)]
        schema['nullable'] = True
        if len(rest) != 1:
            schema[key] = rest
            continue
        del schema[key]
        (member,) = rest
        if '$ref' in member:
            schema['allOf'] = [member]
        else:
            schema.update({name: value for name, value in member.items() if name not in schema})


def _is_null(schema: Any) -> bool:
    if schema == _NULL:
        return True
    if not isinstance(schema, dict):
        return False
    return schema.get('enum') == [None] and bool(schema.get('nullable'))


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
    return document
