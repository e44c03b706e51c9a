"""How a request writes an integer, said where JSON Schema 2020-12 cannot.

dmr reads an ``int`` only from a number written without fraction or
exponent: ``2``, never ``2.0`` or ``2e0``, in a body as in a query string.
OpenAPI 3.0 defines ``integer`` that way already. OpenAPI 3.1 and 3.2 use
JSON Schema 2020-12, where ``2.0`` is an integer and no keyword constrains
the spelling, so each integer schema a request uses carries a ``$comment``
saying it. Responses are written the same way, so a definition both
directions share keeps the note; a schema only responses use gets none.
"""

from collections.abc import Iterator
from typing import Any

from dmr.openapi._components import referred_names
from dmr.serializer import JsonSchema

INTEGER_COMMENT = 'Written without a fraction or exponent: 2, not 2.0 or 2e0.'
# The 2020-12 keywords whose values are schemas: one, a list, a map by name.
_ONE = (
    'items', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else',
    'unevaluatedItems', 'unevaluatedProperties',
)  # fmt: skip
_LISTS = ('allOf', 'anyOf', 'oneOf', 'prefixItems')
_MAPS = ('properties', 'patternProperties', 'dependentSchemas', '$defs')


def _subschemas(schema: JsonSchema) -> Iterator[Any]:
    for key in _ONE:
        if key in schema:
            yield schema[key]
    for key in _LISTS:
        if isinstance(schema.get(key), list):
            yield from schema[key]
    for key in _MAPS:
        if isinstance(schema.get(key), dict):
            yield from schema[key].values()


def _is_integer(schema: JsonSchema) -> bool:
    kind = schema.get('type')
    return kind == 'integer' or (isinstance(kind, list) and 'integer' in kind)


def comment_integers(schema: Any) -> None:
    """Note the spelling on every integer schema inside ``schema``, in place.

    A ``$comment`` the schema already has (its author's) is kept as it is.
    """
    if not isinstance(schema, dict):
        return
    if _is_integer(schema):
        schema.setdefault('$comment', INTEGER_COMMENT)
    for subschema in _subschemas(schema):
        comment_integers(subschema)


def _request_schemas(paths: dict[str, Any]) -> Iterator[JsonSchema]:
    """The parameter and request body schemas of every operation."""
    for path_item in paths.values():
        for operation in path_item.values():
            for parameter in operation.get('parameters', ()):
                yield parameter['schema']
            for media in operation.get('requestBody', {}).get('content', {}).values():
                yield media['schema']


def comment_request_integers(document: JsonSchema) -> None:
    """Note the spelling on the integers of requests: in place, 3.1 and 3.2 only.

    Parameters, request bodies and every definition they refer to, directly
    or through other definitions, get :data:`INTEGER_COMMENT`.
    """
    schemas: dict[str, JsonSchema] = document['components']['schemas']
    roots = list(_request_schemas(document['paths']))
    roots.extend(schemas[name] for name in referred_names(roots, schemas))
    for schema in roots:
        comment_integers(schema)
