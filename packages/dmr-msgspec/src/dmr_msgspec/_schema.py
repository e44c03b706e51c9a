"""JSON Schema from msgspec, shaped for dmr's OpenAPI documents.

msgspec emits the schema (``msgspec.json.schema_components``); this module
adds what dmr's documents carry for every backend: a title on each property;
in responses, fields with defaults listed as required, since msgspec always
encodes them (unless a Struct sets ``omit_defaults``); and no empty
``required`` lists, which OpenAPI 3.0 forbids.
"""

from typing import Any

import msgspec
from msgspec import inspect as msgspec_inspect

from dmr.serializer import Direction, JsonSchema
from dmr_msgspec._types import walk


def json_schema(
    annotation: Any,
    *,
    direction: Direction,
    ref_template: str,
) -> tuple[JsonSchema, dict[str, JsonSchema]]:
    """The schema of ``annotation`` and its named definitions."""
    (schema,), components = msgspec.json.schema_components(
        (annotation,),
        ref_template=ref_template,
    )
    optional_in_output = _omitting_defaults(annotation) if direction == 'response' else set()
    for name, component in components.items():
        properties = component.get('properties')
        if not isinstance(properties, dict):
            continue
        for key, prop in properties.items():
            if '$ref' not in prop:
                prop.setdefault('title', key.replace('_', ' ').title())
        required = set(component.get('required', ()))
        if direction == 'response' and name not in optional_in_output:
            required |= {key for key, prop in properties.items() if 'default' in prop}
        component.pop('required', None)
        if required:
            component['required'] = [key for key in properties if key in required]
    return schema, components


def _omitting_defaults(annotation: Any) -> set[str]:
    """Definition names of the Structs that leave defaults out of their output."""
    names = set()
    for node in walk(msgspec_inspect.type_info(annotation)):
        if isinstance(node, msgspec_inspect.StructType):
            config = getattr(node.cls, '__struct_config__', None)
            if config is not None and config.omit_defaults:
                (ref,), _ = msgspec.json.schema_components((node.cls,), ref_template='{name}')
                names.add(ref['$ref'])
    return names
