"""JSON Schema from pydantic, shaped for dmr's OpenAPI documents.

pydantic emits the schema of both directions at once: validation mode for
requests, serialization mode for responses. On top of pydantic's output:

- in responses, every field is required, since pydantic always writes it
  (a field with a default included), except ``NotRequired`` TypedDict keys
  and fields excluded on a condition;
- a ``Decimal`` is a string of format ``decimal`` both ways, as the other
  backends document it (requests accept JSON numbers too);
- definitions are named as the other backends name them. A type whose two
  schemas differ only in which fields are required keeps one name in both
  directions, and the core splits it into ``NameInput`` and ``NameOutput``
  when both appear in one document. A type whose two schemas differ in
  shape (computed fields exist only in responses; a field may have a
  serialization alias of its own) is named ``NameInput`` and ``NameOutput``
  here, and so is every type that refers to one of those.
"""

from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, JsonSchemaValue
from pydantic_core import core_schema

from dmr.files import UploadedFile
from dmr.serializer import Direction, JsonSchema

_MODES: dict[Direction, JsonSchemaMode] = {'request': 'validation', 'response': 'serialization'}
_SUFFIXES: dict[Direction, str] = {'request': 'Input', 'response': 'Output'}
_REF = '#dmr-pydantic/'
"""Where definitions are referred to until the caller's template is applied."""

Documented = dict[Direction, tuple[JsonSchema, dict[str, JsonSchema]]]
"""An annotation's schema and definitions in each direction, refs under ``_REF``."""


class _Generator(GenerateJsonSchema):
    """pydantic's generator, with what responses always carry required."""

    def field_is_required(
        self,
        field: core_schema.ModelField | core_schema.DataclassField | core_schema.TypedDictField,
        total: bool,  # noqa: FBT001 - pydantic's signature
    ) -> bool:
        if self.mode != 'serialization':
            return super().field_is_required(field, total)
        if field.get('serialization_exclude_if') is not None:
            return False
        if field['type'] == 'typed-dict-field':
            return field.get('required', total)
        return True

    def decimal_schema(self, _schema: core_schema.DecimalSchema) -> JsonSchemaValue:
        """A string of format ``decimal``, the form pydantic writes, in both directions.

        Requests also accept JSON numbers, as with the other backends, whose
        documents show the string form alone.
        """
        return {'type': 'string', 'format': 'decimal'}

    def is_instance_schema(self, schema: core_schema.IsInstanceSchema) -> JsonSchemaValue:
        """An uploaded file (a ``Files[T]`` field) is binary content."""
        if isinstance(schema['cls'], type) and issubclass(schema['cls'], UploadedFile):
            return {'type': 'string', 'contentMediaType': 'application/octet-stream'}
        return super().is_instance_schema(schema)


def document(adapter: TypeAdapter[Any]) -> Documented:
    """The schema of ``adapter``'s type in both directions."""
    inputs = [(direction, mode, adapter) for direction, mode in _MODES.items()]
    roots, top = TypeAdapter.json_schemas(
        inputs,
        ref_template=_REF + '{model}',
        schema_generator=_Generator,
    )
    definitions: dict[str, JsonSchema] = top.get('$defs', {})
    names = _names(definitions)
    documented: Documented = {}
    for direction, mode in _MODES.items():
        renames = names[direction]
        root = roots[direction, mode]
        documented[direction] = (
            _renamed(root, renames),
            {
                renames[name]: _renamed(definitions[name], renames)
                for name in sorted(_reachable(root, definitions))
            },
        )
    return documented


def with_refs(schema: Any, ref_template: str) -> Any:
    """A copy of ``schema`` referring to definitions with ``ref_template``."""
    if isinstance(schema, dict):
        return {key: with_refs(value, ref_template) for key, value in schema.items()}
    if isinstance(schema, list):
        return [with_refs(item, ref_template) for item in schema]
    if isinstance(schema, str) and schema.startswith(_REF):
        return ref_template.format(name=schema.removeprefix(_REF))
    return schema


def _names(definitions: dict[str, JsonSchema]) -> dict[Direction, dict[str, str]]:
    """Each direction's name for pydantic's definition names.

    pydantic names a type ``Name-Input`` and ``Name-Output`` when its two
    schemas differ at all; only the types that differ in shape keep two
    names (``NameInput``, ``NameOutput``, unless a type of that name
    exists), the others take back their own.
    """
    pairs = {
        name.removesuffix('-Input')
        for name in definitions
        if name.endswith('-Input') and name.removesuffix('-Input') + '-Output' in definitions
    }
    split = _split(definitions, pairs)
    names: dict[Direction, dict[str, str]] = {
        direction: {name: name for name in definitions} for direction in _MODES
    }
    for base in pairs:
        for direction, suffix in _SUFFIXES.items():
            name = f'{base}-{suffix}'
            if base not in split:
                names[direction][name] = base
            elif base + suffix not in definitions:
                names[direction][name] = base + suffix
    return names


def _split(definitions: dict[str, JsonSchema], pairs: set[str]) -> set[str]:
    """The paired types whose two schemas differ in more than ``required``."""
    split: set[str] = set()
    changed = True
    while changed:
        changed = False
        for base in sorted(pairs - split):
            if _shape(definitions[base + '-Input'], pairs, split) != _shape(
                definitions[base + '-Output'], pairs, split
            ):
                split.add(base)
                changed = True
    return split


def _shape(schema: Any, pairs: set[str], split: set[str]) -> Any:
    """``schema`` without ``required`` lists, refs to unsplit types unified."""
    if isinstance(schema, dict):
        return {
            key: _shape(value, pairs, split)
            for key, value in schema.items()
            if not (key == 'required' and isinstance(value, list))
        }
    if isinstance(schema, list):
        return [_shape(item, pairs, split) for item in schema]
    if isinstance(schema, str) and schema.startswith(_REF):
        base = schema.removesuffix('-Input').removesuffix('-Output').removeprefix(_REF)
        if base in pairs and base not in split:
            return _REF + base
    return schema


def _renamed(schema: Any, renames: dict[str, str]) -> Any:
    """A copy of ``schema`` with its references renamed."""
    if isinstance(schema, dict):
        return {key: _renamed(value, renames) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_renamed(item, renames) for item in schema]
    if isinstance(schema, str) and schema.startswith(_REF):
        name = schema.removeprefix(_REF)
        return _REF + renames.get(name, name)
    return schema


def _reachable(root: JsonSchema, definitions: dict[str, JsonSchema]) -> set[str]:
    """The definitions ``root`` refers to, directly or not, by pydantic's names."""
    found: set[str] = set()
    pending = list(_refs(root))
    while pending:
        name = pending.pop()
        if name not in found:
            found.add(name)
            pending.extend(_refs(definitions[name]))
    return found


def _refs(schema: Any) -> list[str]:
    if isinstance(schema, dict):
        return [name for value in schema.values() for name in _refs(value)]
    if isinstance(schema, list):
        return [name for item in schema for name in _refs(item)]
    if isinstance(schema, str) and schema.startswith(_REF):
        return [schema.removeprefix(_REF)]
    return []
