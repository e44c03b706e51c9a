"""dmr's YAML emitter writes JSON data that YAML parsers read back unchanged.

PyYAML (a YAML 1.1 parser, and the strictest about what a plain scalar
means) reads every document back; dmr itself does not depend on it.
"""

import enum
import json
import math
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from dmr.openapi._yaml import dump_yaml

TRICKY_STRINGS = [
    '',
    ' ',
    'yes',
    'No',
    'ON',
    'off',
    'y',
    'n',
    'null',
    'Null',
    '~',
    'true',
    'False',
    '1',
    '-1',
    '0x1f',
    '0o17',
    '1_000',
    '1e5',
    '.5',
    '.inf',
    '-.inf',
    '.nan',
    '1:20',
    '2001-12-14',
    '2001-12-14t21:59:43.10-05:00',
    '<<',
    '=',
    '- item',
    '? key',
    'a: b',
    'a #b',
    '#comment',
    '&anchor',
    '*alias',
    '!tag',
    '%directive',
    '@at',
    '`tick`',
    '|',
    '>',
    '[1, 2]',
    '{a: 1}',
    "'single'",
    '"double"',
    'trailing ',
    ' leading',
    'tab\there',
    '$ref',
    '#/components/schemas/User',
    '/api/users/{user_id}/',
    'application/json',
    'Raised when provided `Accept` header cannot be satisfied',
    'line\nbreak',
    'line\nbreak\n',
    'line\nbreak\n\n\n',
    '\nleading newline',
    '  indented\nfirst line',
    '\tfirst line tab\nsecond',
    'first\n  indented second\n',
    'blank\n\n\nlines',
    'spaces on a blank line\n   \nend',
    '\n',
    '\n\n',
    ' \nspaces before the text',
    'crlf\r\nline',
    'nel\x85line',
    'line\u2028separator',
    'paragraph\u2029separator',
    'bom\ufeff',
    'bell\x07',
    'delete\x7f',
    'c1\x9b',
    'non-character\uffff',
    'ünïcödé «quotes»',
    'emoji 🎉',
    'back\\slash',
    'x' * 2000,
]

json_data = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.text(alphabet='aZ1 _-.:#,[]{}?!&*|>%@=~`\'"\\\n\t')
    | st.sampled_from(TRICKY_STRINGS),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text() | st.sampled_from(TRICKY_STRINGS), children, max_size=4)
    ),
    max_leaves=20,
)


def read_back(data: Any) -> Any:
    return yaml.safe_load(dump_yaml(data))


@given(json_data)
def test_any_json_data_reads_back_unchanged(data: Any):
    """Whatever JSON data goes in, PyYAML reads the same data back."""
    assert json.dumps(read_back(data)) == json.dumps(data)


@pytest.mark.parametrize('text', TRICKY_STRINGS)
def test_tricky_strings_stay_strings(text: str):
    """Strings that look like YAML syntax or other types stay those strings."""
    assert read_back({text: text}) == {text: text}
    assert read_back([text]) == [text]
    assert read_back(text) == text


def test_document_is_block_style():
    """Nested mappings and lists are indented blocks, one entry a line."""
    document = {
        'openapi': '3.1.0',
        'paths': {'/users/': {'get': {'tags': ['users'], 'parameters': [{'in': 'query'}]}}},
        'components': {'schemas': {}, 'securitySchemes': {}},
    }
    assert dump_yaml(document) == (
        'openapi: "3.1.0"\n'
        'paths:\n'
        '  /users/:\n'
        '    get:\n'
        '      tags:\n'
        '        - users\n'
        '      parameters:\n'
        '        - in: query\n'
        'components:\n'
        '  schemas: {}\n'
        '  securitySchemes: {}\n'
    )


def test_status_codes_stay_string_keys():
    """Response keys like ``201`` are quoted, so they are not read as numbers."""
    assert dump_yaml({'201': {'description': 'Created'}}) == ('"201":\n  description: Created\n')


def test_multiline_text_is_a_literal_block():
    """Docstring-like text is written as a readable ``|`` block."""
    assert dump_yaml({'description': 'First.\n\nSecond.'}) == (
        'description: |-\n  First.\n\n  Second.\n'
    )


def test_nested_lists_follow_their_dash():
    """A list inside a list starts on the dash's line."""
    assert dump_yaml([[1, 2], [{'a': 1, 'b': 2}]]) == ('- - 1\n  - 2\n- - a: 1\n    b: 2\n')


def test_empty_collections_are_flow_style():
    """Empty dicts and lists are ``{}`` and ``[]``, at any level."""
    assert dump_yaml({'a': [], 'b': [{}]}) == 'a: []\nb:\n  - {}\n'
    assert dump_yaml({}) == '{}\n'


@pytest.mark.parametrize(
    ('number', 'written'),
    [(1e-05, '1.0e-05'), (1e16, '1.0e+16'), (2.5, '2.5'), (-0.0, '-0.0'), (10**30, str(10**30))],
)
def test_numbers_are_written_so_yaml_11_reads_them(number: float, written: str):
    """Floats carry a dot and a signed exponent, as YAML 1.1 requires."""
    assert dump_yaml(number) == written + '\n'
    assert read_back(number) == number


def test_long_keys_use_explicit_key_syntax():
    """A key longer than YAML's 1024-character limit for implicit keys still works."""
    key = 'k' * 1100
    written = dump_yaml({key: {'nested': True}})
    assert written.startswith('? ')
    assert read_back({key: {'nested': True}}) == {key: {'nested': True}}


def test_enums_are_written_as_their_values():
    """``IntEnum`` and ``StrEnum`` members are written as their plain values."""

    class Status(enum.IntEnum):
        OK = 200

    class Kind(enum.StrEnum):
        USER = 'user'

    assert dump_yaml({'status': Status.OK, 'kind': Kind.USER}) == 'status: 200\nkind: user\n'


def test_tuples_are_lists():
    """Tuples are written as lists, as JSON writes them."""
    assert read_back({'a': (1, 'b')}) == {'a': [1, 'b']}


@pytest.mark.parametrize('value', [math.inf, -math.inf, math.nan])
def test_non_finite_floats_are_refused(value: float):
    """Infinity and NaN are not JSON data: ``ValueError``."""
    with pytest.raises(ValueError, match='is not JSON data'):
        dump_yaml({'x': value})


def test_non_string_keys_are_refused():
    """A mapping key must be a string, as in JSON."""
    with pytest.raises(TypeError, match='mapping keys must be strings'):
        dump_yaml({1: 'one'})


def test_other_types_are_refused():
    """Objects that are not JSON data are a ``TypeError`` naming the type."""
    with pytest.raises(TypeError, match='bytes is not JSON data'):
        dump_yaml({'x': b'bytes'})
