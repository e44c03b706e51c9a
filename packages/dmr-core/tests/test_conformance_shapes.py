"""How the conformance kit compares a backend's schemas with the reference."""

from dmr.testing.conformance import REFERENCE, shape

MAPPING = {'type': 'object', 'additionalProperties': {'type': 'integer'}}


def test_property_names_of_strings_are_dropped():
    """``propertyNames: {type: string}`` holds for every JSON object: it changes nothing."""
    assert shape({**MAPPING, 'propertyNames': {'type': 'string'}}, {}) == MAPPING


def test_property_names_that_restrict_keys_are_compared():
    """A ``propertyNames`` with a pattern changes what clients may send: it stays."""
    restricted = {**MAPPING, 'propertyNames': {'pattern': '^[a-z]+$'}}
    assert shape(restricted, {}) == restricted


def test_closed_objects_differ_from_the_reference():
    """``additionalProperties: false`` is compared: a reference without it does not match."""
    scalars = REFERENCE['scalars']['request']
    assert shape({**scalars, 'additionalProperties': False}, {}) != scalars


def test_references_are_resolved_and_annotations_dropped():
    """``$ref`` is replaced by its definition; titles and descriptions are dropped."""
    definitions = {'Item': {'type': 'integer', 'title': 'Item', 'description': 'One'}}
    schema = {'$ref': '#/components/schemas/Item'}
    assert shape(schema, definitions) == {'type': 'integer'}
