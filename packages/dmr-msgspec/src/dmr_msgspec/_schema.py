"""JSON Schema from msgspec, shaped for dmr's OpenAPI documents.

msgspec emits the schema (``msgspec.json.schema_components``); this module
adds what dmr's documents carry for every backend: a title on each property;
in responses, fields with defaults listed as required, since msgspec always
encodes them (unless a Struct sets ``omit_defaults``); and no empty
``required`` lists, which OpenAPI 3.0 forbids.
"""

import inspect
from typing import Any

import msgspec
from msgspec import inspect as msgspec_inspect

from dmr.files import UploadedFile
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
        schema_hook=_file_schema,
    )
    optional_in_output = _omitting_defaults(annotation) if direction == 'response' else set()
    _add_time_formats(annotation, components)
    for name, component in components.items():
        if isinstance(component.get('description'), str):
            component['description'] = inspect.cleandoc(component['description'])
        properties = component.get('properties')
        if not isinstance(properties, dict):
            continue
        for key, prop in properties.items():
            if '$ref' not in prop:
                prop.setdefault('title', key.replace('_', ' ').strip().title())
        required = set(component.get('required', ()))
        if direction == 'response' and name not in optional_in_output:
            required |= {key for key, prop in properties.items() if 'default' in prop}
        component.pop('required', None)
        if required:
            component['required'] = [key for key in properties if key in required]
    return schema, components


def _file_schema(cls: type) -> JsonSchema:
    """An uploaded file is binary content (``Files[T]`` fields); other types are msgspec's."""
    if issubclass(cls, UploadedFile):
        return {'type': 'string', 'contentMediaType': 'application/octet-stream'}
    raise NotImplementedError


_FIELDED = (
    msgspec_inspect.StructType,
    msgspec_inspect.DataclassType,
    msgspec_inspect.TypedDictType,
)


def _definition_name(cls: Any) -> str:
    (ref,), _ = msgspec.json.schema_components(
        (cls,), ref_template='{name}', schema_hook=_file_schema
    )
    return str(ref['$ref'])


_FORMATS = (
    (msgspec_inspect.DateTimeType, 'date-time'),
    (msgspec_inspect.TimeType, 'time'),
)


def _add_time_formats(annotation: Any, components: dict[str, JsonSchema]) -> None:
    """Give datetime and time fields their ``format``, as other backends do.

    msgspec leaves it out because it also accepts values without a UTC
    offset; documents still need to say what the string holds.
    """
    for node in walk(msgspec_inspect.type_info(annotation)):
        if not isinstance(node, _FIELDED):
            continue
        properties = components.get(_definition_name(node.cls), {}).get('properties', {})
        for field in node.fields:
            string_format = _time_format(field.type)
            if string_format is not None:
                prop = properties[field.encode_name]
                for member in prop.get('anyOf', [prop]):
                    if member.get('type') == 'string':
                        member.setdefault('format', string_format)


def _time_format(info: msgspec_inspect.Type) -> str | None:
    while isinstance(info, msgspec_inspect.Metadata):
        info = info.type
    if isinstance(info, msgspec_inspect.UnionType):
        # msgspec allows one str-like type per union, so at most one is found.
        found = [_time_format(member) for member in info.types]
        return next((string_format for string_format in found if string_format), None)
    for info_type, string_format in _FORMATS:
        if isinstance(info, info_type):
            return string_format
    return None


def _omitting_defaults(annotation: Any) -> set[str]:
    """Definition names of the Structs that leave defaults out of their output."""
    names = set()
    for node in walk(msgspec_inspect.type_info(annotation)):
        if isinstance(node, msgspec_inspect.StructType):
            config = getattr(node.cls, '__struct_config__', None)
            if config is not None and config.omit_defaults:
                names.add(_definition_name(node.cls))
    return names
