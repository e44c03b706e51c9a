"""Converting JSON Schema 2020-12 to the schema dialect of OpenAPI 3.0."""

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dmr.openapi._dialects import document_to_30, schema_to_30
from tests.openapi_support import validated

REF = {'$ref': '#/components/schemas/User'}
NULL = {'type': 'null'}


def document_30(schema: Any) -> dict[str, Any]:
    """A 3.0.3 document holding ``schema`` as a component."""
    return {
        'openapi': '3.0.3',
        'info': {'title': 'T', 'version': '1'},
        'paths': {},
        'components': {'schemas': {'S': schema, 'User': {'type': 'object'}}},
    }


# Null


def test_nullable_type_array_becomes_nullable():
    """``type: [string, null]`` is ``type: string`` with ``nullable``."""
    assert schema_to_30({'type': ['string', 'null']}) == {'type': 'string', 'nullable': True}


def test_single_type_array_becomes_a_type():
    """``type: [string]`` is ``type: string``."""
    assert schema_to_30({'type': ['string']}) == {'type': 'string'}


def test_null_type_becomes_nullable_null_enum():
    """``type: null`` accepts null alone: ``enum: [null]`` with ``nullable``."""
    assert schema_to_30(NULL) == {'enum': [None], 'nullable': True}


def test_null_only_type_array_becomes_nullable_null_enum():
    """``type: [null]`` is converted like ``type: null``."""
    assert schema_to_30({'type': ['null']}) == {'enum': [None], 'nullable': True}


def test_several_types_become_any_of():
    """``type: [string, integer]`` becomes ``anyOf`` of single types."""
    assert schema_to_30({'type': ['string', 'integer']}) == {
        'anyOf': [{'type': 'string'}, {'type': 'integer'}],
    }


def test_several_nullable_types_become_nullable_any_of():
    """``type: [string, integer, null]`` becomes a nullable ``anyOf``."""
    assert schema_to_30({'type': ['string', 'integer', 'null']}) == {
        'anyOf': [{'type': 'string'}, {'type': 'integer'}],
        'nullable': True,
    }


def test_several_types_beside_any_of_go_to_all_of():
    """Types become an ``allOf`` member when the schema already has ``anyOf``."""
    schema = {'type': ['string', 'integer'], 'anyOf': [{'minimum': 1}, {'minLength': 1}]}
    assert schema_to_30(schema) == {
        'anyOf': [{'minimum': 1}, {'minLength': 1}],
        'allOf': [{'anyOf': [{'type': 'string'}, {'type': 'integer'}]}],
    }


def test_any_of_with_null_folds_into_the_other_member():
    """``anyOf: [X, null]`` is X with ``nullable``."""
    assert schema_to_30({'anyOf': [{'type': 'integer'}, NULL]}) == {
        'type': 'integer',
        'nullable': True,
    }


def test_one_of_with_null_folds_like_any_of():
    """``oneOf: [X, null]`` is X with ``nullable`` too."""
    assert schema_to_30({'oneOf': [NULL, {'type': 'string'}]}) == {
        'type': 'string',
        'nullable': True,
    }


def test_nullable_reference_uses_all_of():
    """``anyOf: [$ref, null]`` is ``allOf: [$ref]`` with ``nullable``."""
    assert schema_to_30({'anyOf': [REF, NULL]}) == {'allOf': [REF], 'nullable': True}


def test_any_of_with_null_and_several_members_stays_any_of():
    """With two other members, ``anyOf`` keeps them and is nullable."""
    schema = {'anyOf': [{'type': 'string'}, {'type': 'integer'}, NULL]}
    assert schema_to_30(schema) == {
        'anyOf': [{'type': 'string'}, {'type': 'integer'}],
        'nullable': True,
    }


def test_any_of_with_only_null_accepts_null_alone():
    """``anyOf: [null]`` becomes the null-only enum."""
    assert schema_to_30({'anyOf': [NULL]}) == {'enum': [None], 'nullable': True}


def test_folded_member_keeps_outer_annotations():
    """Folding a member keeps the outer title and adds the member's constraints."""
    schema = {'title': 'Outer', 'anyOf': [{'title': 'Inner', 'type': 'string'}, NULL]}
    assert schema_to_30(schema) == {'title': 'Outer', 'type': 'string', 'nullable': True}


def test_member_clashing_with_outer_constraints_goes_to_all_of():
    """A member with a constraint the outer schema also sets is kept apart, in ``allOf``."""
    schema = {'minLength': 1, 'anyOf': [{'type': 'string', 'minLength': 2}, NULL]}
    assert schema_to_30(schema) == {
        'minLength': 1,
        'allOf': [{'type': 'string', 'minLength': 2}],
        'nullable': True,
    }


def test_nullable_union_of_enum_lists_null():
    """A nullable ``enum`` lists null, as OpenAPI 3.0.3 requires."""
    schema = {'anyOf': [{'type': 'string', 'enum': ['a', 'b']}, NULL]}
    assert schema_to_30(schema) == {'type': 'string', 'enum': ['a', 'b', None], 'nullable': True}


# Enumerations and constants


def test_const_becomes_single_enum():
    """``const`` is an ``enum`` of one value."""
    assert schema_to_30({'const': 'a'}) == {'enum': ['a']}


def test_const_null_becomes_nullable():
    """``const: null`` is the null-only enum."""
    assert schema_to_30({'const': None}) == {'enum': [None], 'nullable': True}


def test_enum_with_null_becomes_nullable():
    """An ``enum`` holding null keeps it and is ``nullable``."""
    assert schema_to_30({'enum': ['a', None]}) == {'enum': ['a', None], 'nullable': True}


def test_enum_repeats_are_dropped():
    """3.0 wants unique ``enum`` values; ``1`` and ``true`` stay distinct."""
    assert schema_to_30({'enum': [1, True, 1, 1.0, True]}) == {'enum': [1, True]}


def test_enum_without_null_is_unchanged():
    """An ``enum`` without null is not nullable."""
    assert schema_to_30({'enum': [1, 2]}) == {'enum': [1, 2]}


# Numeric bounds


@pytest.mark.parametrize('bound', ['Minimum', 'Maximum'])
def test_numeric_exclusive_bound_becomes_boolean(bound: str):
    """``exclusiveMinimum: 5`` is ``minimum: 5`` with ``exclusiveMinimum: true``."""
    converted = schema_to_30({'type': 'number', f'exclusive{bound}': 5})
    assert converted == {'type': 'number', bound.lower(): 5, f'exclusive{bound}': True}


def test_stricter_minimum_wins_over_exclusive_minimum():
    """``minimum: 10, exclusiveMinimum: 5`` is just ``minimum: 10``."""
    assert schema_to_30({'minimum': 10, 'exclusiveMinimum': 5}) == {'minimum': 10}


def test_stricter_exclusive_minimum_wins_over_minimum():
    """``minimum: 1, exclusiveMinimum: 5`` is ``minimum: 5`` exclusive."""
    assert schema_to_30({'minimum': 1, 'exclusiveMinimum': 5}) == {
        'minimum': 5,
        'exclusiveMinimum': True,
    }


def test_stricter_maximum_wins_over_exclusive_maximum():
    """``maximum: 1, exclusiveMaximum: 5`` is just ``maximum: 1``."""
    assert schema_to_30({'maximum': 1, 'exclusiveMaximum': 5}) == {'maximum': 1}


def test_equal_bounds_are_exclusive():
    """``minimum: 5, exclusiveMinimum: 5`` excludes 5."""
    assert schema_to_30({'minimum': 5, 'exclusiveMinimum': 5}) == {
        'minimum': 5,
        'exclusiveMinimum': True,
    }


def test_boolean_exclusive_bound_is_kept():
    """A 3.0-style boolean ``exclusiveMinimum`` passes through."""
    schema = {'minimum': 0, 'exclusiveMinimum': True}
    assert schema_to_30(schema) == schema


# Examples


def test_examples_become_the_first_example():
    """``examples: [a, b]`` is ``example: a``."""
    assert schema_to_30({'type': 'string', 'examples': ['a', 'b']}) == {
        'type': 'string',
        'example': 'a',
    }


def test_empty_examples_are_dropped():
    """An empty ``examples`` list gives no ``example``."""
    assert schema_to_30({'type': 'string', 'examples': []}) == {'type': 'string'}


def test_existing_example_wins_over_examples():
    """A schema with both keeps its ``example``."""
    assert schema_to_30({'example': 'x', 'examples': ['a']}) == {'example': 'x'}


# Arrays


def test_closed_tuple_becomes_bounded_array_of_its_item_types():
    """``prefixItems`` with ``items: false`` accepts any of its types, at most that many."""
    schema = {
        'type': 'array',
        'prefixItems': [{'type': 'integer'}, {'type': 'string'}],
        'items': False,
        'minItems': 2,
        'maxItems': 2,
    }
    assert schema_to_30(schema) == {
        'type': 'array',
        'items': {'anyOf': [{'type': 'integer'}, {'type': 'string'}]},
        'minItems': 2,
        'maxItems': 2,
    }


def test_closed_tuple_without_bounds_gets_max_items():
    """A closed tuple holds at most as many items as it has positions."""
    schema = {'type': 'array', 'prefixItems': [{'type': 'integer'}], 'items': False}
    assert schema_to_30(schema) == {'type': 'array', 'items': {'type': 'integer'}, 'maxItems': 1}


def test_tuple_prefix_does_not_add_min_items():
    """``prefixItems`` does not require the items, so no ``minItems`` is added."""
    schema = {'type': 'array', 'prefixItems': [{'type': 'integer'}], 'items': False}
    assert 'minItems' not in schema_to_30(schema)


def test_open_tuple_accepts_any_items():
    """``prefixItems`` without ``items`` allows anything after it: ``items: {}``."""
    schema = {'type': 'array', 'prefixItems': [{'type': 'integer'}]}
    assert schema_to_30(schema) == {'type': 'array', 'items': {}}


def test_tuple_with_rest_items_accepts_both():
    """``prefixItems`` with an ``items`` schema accepts any of them."""
    schema = {'type': 'array', 'prefixItems': [{'type': 'integer'}], 'items': {'type': 'string'}}
    assert schema_to_30(schema) == {
        'type': 'array',
        'items': {'anyOf': [{'type': 'integer'}, {'type': 'string'}]},
    }


def test_tuple_of_one_repeated_type_needs_no_any_of():
    """Positions of one type give that type as ``items``."""
    schema = {'prefixItems': [{'type': 'integer'}, {'type': 'integer'}], 'items': False}
    assert schema_to_30(schema) == {'items': {'type': 'integer'}, 'maxItems': 2}


def test_empty_closed_tuple_is_an_empty_array():
    """``prefixItems: []`` with ``items: false`` accepts only ``[]``."""
    assert schema_to_30({'prefixItems': [], 'items': False}) == {'items': {}, 'maxItems': 0}


def test_items_false_is_an_empty_array():
    """``items: false`` alone becomes ``maxItems: 0``."""
    assert schema_to_30({'type': 'array', 'items': False}) == {
        'type': 'array',
        'items': {},
        'maxItems': 0,
    }


def test_items_true_is_any_items():
    """``items: true`` becomes ``items: {}``."""
    assert schema_to_30({'type': 'array', 'items': True}) == {'type': 'array', 'items': {}}


# Other keywords


def test_base64_content_becomes_byte_format():
    """``contentEncoding: base64`` is the 3.0 ``format: byte``."""
    assert schema_to_30({'type': 'string', 'contentEncoding': 'base64'}) == {
        'type': 'string',
        'format': 'byte',
    }


def test_empty_required_is_dropped():
    """3.0 needs at least one name in ``required``; an empty list is dropped."""
    assert schema_to_30({'type': 'object', 'required': []}) == {'type': 'object'}


def test_keywords_unknown_to_30_are_dropped():
    """2020-12 keywords 3.0 lacks are left out; extensions are kept."""
    schema = {
        '$schema': 'https://json-schema.org/draft/2020-12/schema',
        '$comment': 'c',
        'type': 'object',
        'patternProperties': {'^a': {'type': 'string'}},
        'propertyNames': {'pattern': '^a'},
        'dependentRequired': {'a': ['b']},
        'x-internal': True,
    }
    assert schema_to_30(schema) == {'type': 'object', 'x-internal': True}


def test_reference_with_siblings_moves_into_all_of():
    """3.0 ignores siblings of ``$ref``, so the reference goes into ``allOf``."""
    assert schema_to_30({'$ref': REF['$ref'], 'description': 'The owner'}) == {
        'description': 'The owner',
        'allOf': [REF],
    }


def test_lone_reference_is_unchanged():
    """A bare ``$ref`` stays as it is."""
    assert schema_to_30(dict(REF)) == REF


def test_nested_schemas_are_converted():
    """Properties, items, additionalProperties, allOf and not are converted too."""
    schema = {
        'properties': {'a': {'type': ['string', 'null']}},
        'items': {'const': 1},
        'additionalProperties': {'examples': [1]},
        'allOf': [{'exclusiveMinimum': 0}],
        'not': NULL,
    }
    assert schema_to_30(schema) == {
        'properties': {'a': {'type': 'string', 'nullable': True}},
        'items': {'enum': [1]},
        'additionalProperties': {'example': 1},
        'allOf': [{'minimum': 0, 'exclusiveMinimum': True}],
        'not': {'enum': [None], 'nullable': True},
    }


def test_boolean_subschemas_pass_through():
    """``additionalProperties: false`` is valid 3.0 and kept."""
    assert schema_to_30({'type': 'object', 'additionalProperties': False}) == {
        'type': 'object',
        'additionalProperties': False,
    }


def test_document_conversion_reaches_every_schema():
    """Components, parameters, bodies, responses and headers are all converted."""
    nullable = {'type': ['string', 'null']}
    converted = {'type': 'string', 'nullable': True}
    document = {
        'components': {'schemas': {'A': dict(nullable)}},
        'paths': {
            '/a': {
                'post': {
                    'parameters': [{'name': 'q', 'in': 'query', 'schema': dict(nullable)}],
                    'requestBody': {'content': {'application/json': {'schema': dict(nullable)}}},
                    'responses': {
                        '200': {
                            'description': 'OK',
                            'headers': {'X-A': {'schema': dict(nullable)}},
                            'content': {'application/json': {'schema': dict(nullable)}},
                        },
                    },
                },
            },
        },
    }
    document_to_30(document)
    post = document['paths']['/a']['post']
    assert [
        document['components']['schemas']['A'],
        post['parameters'][0]['schema'],
        post['requestBody']['content']['application/json']['schema'],
        post['responses']['200']['headers']['X-A']['schema'],
        post['responses']['200']['content']['application/json']['schema'],
    ] == [converted] * 5


def test_converted_schemas_validate_as_30():
    """A schema using each converted keyword is a valid 3.0.3 component."""
    schema = {
        'type': 'object',
        'properties': {
            'a': {'anyOf': [REF, NULL]},
            'b': {'type': ['integer', 'null'], 'exclusiveMinimum': 0, 'examples': [1]},
            'c': {'prefixItems': [{'type': 'integer'}], 'items': False, 'type': 'array'},
            'd': {'const': None},
            'e': {'$ref': REF['$ref'], 'description': 'x'},
        },
        'required': [],
    }
    validated(document_30(schema_to_30(schema)))


# The property: whatever 2020-12 schema the strategy draws


TYPES = st.sampled_from(['string', 'integer', 'number', 'boolean', 'object', 'array', 'null'])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(-5, 5, allow_nan=False),
    st.text(max_size=3),
)
NAMES = st.text('abcdef', min_size=1, max_size=3)


def bounded() -> st.SearchStrategy[dict[str, Any]]:
    bound = st.floats(-100, 100, allow_nan=False)
    return st.fixed_dictionaries(
        {'type': st.just('number')},
        optional={
            'exclusiveMinimum': bound,
            'exclusiveMaximum': bound,
            'minimum': bound,
            'maximum': bound,
        },
    )


LEAVES = st.one_of(
    st.builds(lambda kind: {'type': kind}, TYPES),
    st.builds(lambda kinds: {'type': kinds}, st.lists(TYPES, min_size=1, max_size=4, unique=True)),
    st.builds(lambda value: {'const': value}, SCALARS),
    st.builds(lambda values: {'enum': values}, st.lists(SCALARS, min_size=1, max_size=4)),
    bounded(),
    st.builds(
        lambda examples: {'type': 'string', 'examples': examples},
        st.lists(st.text(max_size=3), max_size=3),
    ),
    st.just(dict(REF)),
)


def composite(children: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    properties = st.dictionaries(NAMES, children, max_size=3)
    return st.one_of(
        st.builds(lambda members: {'anyOf': members}, st.lists(children, min_size=1, max_size=3)),
        st.builds(lambda member: {'anyOf': [member, dict(NULL)]}, children),
        st.builds(lambda member: {'oneOf': [dict(NULL), member]}, children),
        st.builds(lambda item: {'type': 'array', 'items': item}, children),
        st.builds(
            lambda prefix, rest: {'type': 'array', 'prefixItems': prefix, **rest},
            st.lists(children, max_size=3),
            st.one_of(
                st.just({}),
                st.just({'items': False}),
                children.map(lambda item: {'items': item}),
            ),
        ),
        properties.flatmap(
            lambda props: st.builds(
                lambda required: {'type': 'object', 'properties': props, 'required': required},
                st.lists(st.sampled_from(sorted(props)), unique=True) if props else st.just([]),
            ),
        ),
    )


SCHEMAS = st.recursive(LEAVES, composite, max_leaves=12)


def subschemas(schema: Any) -> Iterator[dict[str, Any]]:
    """``schema`` and every schema inside it (not the data in enums or examples)."""
    if not isinstance(schema, dict):
        return
    yield schema
    for key in ('items', 'not', 'additionalProperties'):
        yield from subschemas(schema.get(key))
    for key in ('allOf', 'anyOf', 'oneOf'):
        for member in schema.get(key, ()):
            yield from subschemas(member)
    for prop in schema.get('properties', {}).values():
        yield from subschemas(prop)


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@settings(max_examples=150, deadline=None)
@given(SCHEMAS)
def test_converted_schemas_use_only_30_keywords(schema: dict[str, Any]):
    """No ``const``, type arrays, null types or numeric exclusive bounds remain."""
    for each in subschemas(schema_to_30(schema)):
        assert 'const' not in each
        assert 'prefixItems' not in each
        assert 'examples' not in each
        assert not isinstance(each.get('type'), list)
        assert each.get('type') != 'null'
        assert not is_number(each.get('exclusiveMinimum'))
        assert not is_number(each.get('exclusiveMaximum'))


@settings(max_examples=150, deadline=None)
@given(SCHEMAS)
def test_converted_schemas_are_valid_30(schema: dict[str, Any]):
    """A 3.0.3 document holding the converted schema passes openapi-spec-validator."""
    validated(document_30(schema_to_30(schema)))
