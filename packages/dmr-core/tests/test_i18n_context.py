"""Reading a message's context from whatever schema a backend gives."""

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from dmr._message_context import MessageRenderer
from dmr.errors import ErrorType, error_detail
from dmr.messages import SHARED_TYPES

SCALAR = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5)
KEYS = st.sampled_from(
    [
        'type',
        'enum',
        'const',
        'properties',
        'additionalProperties',
        'items',
        'prefixItems',
        '$ref',
        'anyOf',
        'oneOf',
        'allOf',
        'minimum',
        'maximum',
        'exclusiveMinimum',
        'exclusiveMaximum',
        'minLength',
        'maxLength',
        'minItems',
        'maxItems',
        'minProperties',
        'maxProperties',
        'pattern',
        'format',
        'a',
        'b',
    ],
)
SCHEMA = st.recursive(
    SCALAR,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)
STEP = st.sampled_from(['a', 'b', 'properties', 0, 1, -1])


class SchemaSerializer:
    """Gives a fixed schema, or fails to write one."""

    def __init__(self, schema: Any, definitions: Any) -> None:
        self.schema = schema
        self.definitions = definitions

    def json_schema(self, annotation: Any, /, **_: Any) -> Any:
        if self.schema is None:
            raise TypeError('no schema for this type')
        return self.schema, self.definitions


@given(
    st.dictionaries(KEYS, SCHEMA, max_size=5) | st.none(),
    st.dictionaries(st.sampled_from(['a', 'b']), SCHEMA, max_size=2),
    st.lists(STEP, max_size=4),
    st.sampled_from(sorted(SHARED_TYPES)),
)
def test_any_schema_gives_a_message(schema, definitions, path, error_type):
    """Whatever the schema at ``loc``, a shared type gets a message and nothing raises."""
    renderer = MessageRenderer(SchemaSerializer(schema, definitions), {'body': int}, 'request')
    [detail] = renderer.render([error_detail('backend text', ['body', *path], error_type)])
    assert detail['msg']
    assert '%(' not in detail['msg']
    assert detail['loc'] == ['body', *path]


def test_the_schema_is_asked_once():
    """The schema of a component is read on its first error, then kept."""
    serializer = SchemaSerializer({'type': 'integer'}, {})
    renderer = MessageRenderer(serializer, {'query': int}, 'request')
    renderer.render([error_detail('x', ['query'], ErrorType.TYPE_ERROR)])
    serializer.schema = {'type': 'string'}
    [detail] = renderer.render([error_detail('x', ['query'], ErrorType.TYPE_ERROR)])
    assert detail['msg'] == 'Expected a value of type `integer`.'


def test_references_and_members_are_followed():
    """``$ref``, ``anyOf`` and array items lead to the schema at ``loc``."""
    schema = {'$ref': 'Order'}
    definitions = {
        'Order': {
            'properties': {
                'lines': {'items': {'anyOf': [{'$ref': 'Line'}, {'type': 'null'}]}},
                'pair': {'prefixItems': [{'type': 'integer'}, {'enum': ['a', 1.5, True]}]},
            },
        },
        'Line': {'properties': {'sku': {'type': 'string', 'pattern': '^[A-Z]+$'}}},
    }
    renderer = MessageRenderer(SchemaSerializer(schema, definitions), {'body': int}, 'request')
    details = renderer.render(
        [
            error_detail('x', ['body', 'lines', 3, 'sku'], ErrorType.PATTERN_MISMATCH),
            error_detail('x', ['body', 'lines', 3], ErrorType.TYPE_ERROR),
            error_detail('x', ['body', 'pair', 1], ErrorType.TYPE_ERROR),
            error_detail('x', ['body'], ErrorType.TYPE_ERROR),
        ],
    )
    assert [detail['msg'] for detail in details] == [
        'Must match the pattern `^[A-Z]+$`.',
        'Expected a value of type `object`, `null`.',
        'Expected a value of type `string`, `number`, `boolean`.',
        'Expected a value of type `object`.',
    ]


def test_details_elsewhere_are_kept():
    """A detail of another component, a ``value_error`` or no ``loc`` keeps its text."""
    renderer = MessageRenderer(SchemaSerializer({}, {}), {'body': int}, 'request')
    details = [
        error_detail('kept', ['query', 'x'], ErrorType.MISSING),
        error_detail('kept', ['body', 'x'], ErrorType.VALUE_ERROR),
        error_detail('kept', [], ErrorType.MISSING),
    ]
    assert renderer.render(details) == details


def test_the_core_parse_errors_are_kept():
    """A ``parse_error`` the core raised itself is precise already and kept."""
    renderer = MessageRenderer(SchemaSerializer({}, {}), {'body': int}, 'request')
    detail = error_detail('Body is not valid ascii', ['body'], ErrorType.PARSE_ERROR)
    assert renderer.render([detail], core=True) == [detail]


def _messages(schema: Any, *details: Any) -> list[str]:
    renderer = MessageRenderer(SchemaSerializer(schema, {}), {'body': int}, 'request')
    return [detail['msg'] for detail in renderer.render(list(details))]


def test_constraints_are_read_from_the_schema():
    """Bounds, lengths (of text, items and keys) come from the schema at ``loc``."""
    schema = {
        'properties': {
            'age': {'type': 'integer', 'exclusiveMinimum': 0, 'maximum': 150},
            'name': {'type': 'string', 'minLength': 2, 'maxLength': 10},
            'tags': {'type': 'array', 'minItems': 1},
            'meta': {'type': 'object', 'maxProperties': 3},
        },
    }
    assert _messages(
        schema,
        error_detail('x', ['body', 'age'], ErrorType.OUT_OF_RANGE),
        error_detail('x', ['body', 'name'], ErrorType.TOO_SHORT),
        error_detail('x', ['body', 'name'], ErrorType.TOO_LONG),
        error_detail('x', ['body', 'tags'], ErrorType.TOO_SHORT),
        error_detail('x', ['body', 'meta'], ErrorType.TOO_LONG),
        error_detail('x', ['body', 'name'], ErrorType.PATTERN_MISMATCH),
    ) == [
        'Must be greater than 0. Must be less than or equal to 150.',
        'The minimum length is 2.',
        'The maximum length is 10.',
        'The minimum number of items is 1.',
        'The maximum number of keys is 3.',
        'The value does not match the required pattern.',
    ]


def test_expected_types_are_read_from_any_form():
    """Type lists, constants, enums and shapes without ``type`` all name a JSON type."""
    schema = {
        'properties': {
            'listed': {'type': ['integer', 'null']},
            'constant': {'const': None},
            'choices': {'enum': [1, {'a': 1}]},
            'mapping': {'additionalProperties': {}},
            'sequence': {'items': {}},
            'anything': {},
        },
    }
    names = ['listed', 'constant', 'choices', 'mapping', 'sequence', 'anything']
    details = [error_detail('x', ['body', name], ErrorType.TYPE_ERROR) for name in names]
    assert _messages(schema, *details) == [
        'Expected a value of type `integer`, `null`.',
        'Expected a value of type `null`.',
        'Expected a value of type `integer`, `object`.',
        'Expected a value of type `object`.',
        'Expected a value of type `array`.',
        'The value is of the wrong type.',
    ]


def test_choices_are_read_from_enums_and_constants():
    """An ``invalid_choice`` lists the values of every enum or constant at ``loc``, in order."""
    schema = {
        'properties': {
            'colour': {'type': 'string', 'enum': ['red', 'green']},
            'level': {'anyOf': [{'const': 2}, {'const': 1}, {'type': 'null'}]},
            'mixed': {'enum': [True, None, 'a', 1.5]},
            'free': {'type': 'string'},
            'many': {'enum': list(range(21))},
        },
    }
    names = ['colour', 'level', 'mixed', 'free', 'many']
    details = [error_detail('x', ['body', name], ErrorType.INVALID_CHOICE) for name in names]
    assert _messages(schema, *details) == [
        'Expected one of: `green`, `red`.',
        'Expected one of: `1`, `2`.',
        'Expected one of: `null`, `true`, `1.5`, `a`.',
        'The value is not one of the allowed values.',
        'The value is not one of the allowed values.',
    ]


def test_formats_are_read_from_the_schema():
    """An ``invalid_format`` names the format at ``loc``, or none it does not know."""
    formats = ['date-time', 'date', 'time', 'duration', 'uuid', 'decimal', 'email']
    schema = {
        'properties': {
            **{name: {'type': 'string', 'format': name} for name in formats},
            'nullable': {'anyOf': [{'type': 'null'}, {'type': 'string', 'format': 'date'}]},
        },
    }
    names = [*formats, 'nullable']
    details = [error_detail('x', ['body', name], ErrorType.INVALID_FORMAT) for name in names]
    assert _messages(schema, *details) == [
        'Expected a date and time in ISO 8601 format, such as `2024-01-31T12:00:00Z`.',
        'Expected a date in ISO 8601 format, such as `2024-01-31`.',
        'Expected a time in ISO 8601 format, such as `12:30:00`.',
        'Expected a duration in ISO 8601 format, such as `P1DT2H30M`.',
        'Expected a UUID, such as `123e4567-e89b-12d3-a456-426614174000`.',
        'Expected a decimal number, such as `12.50`.',
        'The value is not in the expected format.',
        'Expected a date in ISO 8601 format, such as `2024-01-31`.',
    ]


def test_a_value_error_keeps_its_message():
    """A ``value_error`` (a user's own validator) is never rewritten, whatever the schema says."""
    schema = {'properties': {'day': {'type': 'string', 'format': 'date', 'enum': ['x']}}}
    detail = error_detail('Not on a Sunday', ['body', 'day'], ErrorType.VALUE_ERROR)
    assert _messages(schema, detail) == ['Not on a Sunday']
