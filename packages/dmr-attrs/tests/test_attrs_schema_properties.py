"""Property: generated attrs classes have schemas that validate their own output.

Hypothesis draws attrs classes (field types, nested classes, defaults,
aliases and validators), then instances of them; each instance the converter
unstructures must validate against the class's JSON Schema (checked with
`jsonschema`, in both directions), and read back into an equal instance.
"""

import datetime
import decimal
import enum
import itertools
import json
import string
import uuid
from typing import Any, Literal

import attrs
import jsonschema
from attrs import validators
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dmr_attrs import AttrsSerializer

serializer = AttrsSerializer()
_names = itertools.count()


class Colour(enum.Enum):
    RED = 'red'
    GREEN = 'green'


class Rank(enum.IntEnum):
    LOW = 1
    HIGH = 2


_OFFSETS = st.sampled_from([datetime.UTC, datetime.timezone(datetime.timedelta(hours=-3))])

# (annotation, strategy of its values, hashable)
Kind = tuple[Any, st.SearchStrategy[Any], bool]

LEAVES: list[Kind] = [
    (str, st.text(max_size=5), True),
    (int, st.integers(), True),
    (float, st.floats(allow_nan=False, allow_infinity=False), True),
    (bool, st.booleans(), True),
    # RFC 3339 (the `date-time` and `time` formats) requires an offset.
    (datetime.datetime, st.datetimes(timezones=_OFFSETS), True),
    (datetime.date, st.dates(), True),
    (datetime.time, st.times(timezones=_OFFSETS), True),
    (datetime.timedelta, st.timedeltas(), True),
    (uuid.UUID, st.uuids(), True),
    (decimal.Decimal, st.decimals(allow_nan=False, allow_infinity=False, places=3), True),
    (Colour, st.sampled_from(Colour), True),
    (Rank, st.sampled_from(Rank), True),
    (Literal['a', 'b'], st.sampled_from(['a', 'b']), True),
    (Any, st.integers() | st.text(max_size=3) | st.none(), True),
]


@st.composite
def kinds(draw: st.DrawFn, depth: int = 0) -> Kind:
    """A field type and the strategy of its values."""
    choice = draw(st.integers(0, 8 if depth < 2 else 0))
    if choice == 0:
        return draw(st.sampled_from(LEAVES))
    inner, values, hashable = draw(kinds(depth + 1))
    if choice == 1:
        return list[inner], st.lists(values, max_size=3), False
    if choice == 2:
        return tuple[inner, ...], st.lists(values, max_size=3).map(tuple), hashable
    if choice == 3:
        other, other_values, other_hashable = draw(kinds(depth + 1))
        return tuple[inner, other], st.tuples(values, other_values), hashable and other_hashable
    if choice == 4 and hashable:
        return set[inner], st.sets(values, max_size=3), False
    if choice == 5:
        return dict[str, inner], st.dictionaries(st.text(max_size=3), values, max_size=3), False
    if choice == 6:
        return inner | None, st.none() | values, hashable
    if choice == 7:
        cls, instances = draw(classes(depth + 1))
        return cls, instances, False
    return list[inner] | None, st.none() | st.lists(values, max_size=2), False


@st.composite
def constrained(draw: st.DrawFn) -> tuple[Any, st.SearchStrategy[Any], Any]:
    """A field type with a validator that maps to JSON Schema, and its values."""
    choice = draw(st.integers(0, 5))
    low = draw(st.integers(-50, 50))
    if choice == 0:
        return int, st.integers(low, low + 100), [validators.ge(low), validators.le(low + 100)]
    if choice == 1:
        return float, st.floats(low, low + 1, exclude_min=True), validators.gt(low)
    if choice == 2:
        return str, st.text(min_size=1, max_size=4), [validators.min_len(1), validators.max_len(4)]
    if choice == 3:
        return (
            str,
            st.from_regex(r'[a-z]{2,3}', fullmatch=True),
            validators.matches_re(r'[a-z]{2,3}'),
        )
    if choice == 4:
        return (
            list[int] | None,
            st.none() | st.lists(st.integers(0, 9), max_size=3),
            validators.optional(validators.deep_iterable(validators.le(9), validators.max_len(3))),
        )
    return str, st.sampled_from(['x', 'y']), validators.in_(['x', 'y'])


@st.composite
def classes(draw: st.DrawFn, depth: int = 0) -> tuple[type, st.SearchStrategy[Any]]:
    """An attrs class with up to four fields, and the strategy of its instances."""
    fields: dict[str, Any] = {}
    arguments: dict[str, st.SearchStrategy[Any]] = {}
    count = draw(st.integers(1, 4))
    for index in range(count):
        name = f'f{index}_' + draw(st.text(string.ascii_lowercase, min_size=1, max_size=4))
        if draw(st.booleans()):
            annotation, values, validator = draw(constrained())
        else:
            (annotation, values, _), validator = draw(kinds(depth)), None
        options: dict[str, Any] = {'type': annotation, 'validator': validator}
        if draw(st.booleans()):
            options['default'] = draw(values)
        if draw(st.booleans()):
            options['alias'] = name.replace('_', '') + 'Wire'
        if draw(st.booleans()):
            options['metadata'] = {'description': f'field {index}'}
        fields[name] = attrs.field(**options)
        arguments[options.get('alias', name)] = values
    cls = attrs.make_class(
        f'Generated{next(_names)}',
        fields,
        kw_only=True,
        frozen=draw(st.booleans()),
        slots=draw(st.booleans()),
    )
    return cls, st.builds(cls, **arguments)


@st.composite
def instances(draw: st.DrawFn) -> tuple[type, Any]:
    cls, strategy = draw(classes())
    return cls, draw(strategy)


def _validator(cls: type, direction: str) -> jsonschema.protocols.Validator:
    schema, definitions = serializer.json_schema(
        cls, direction=direction, ref_template='#/$defs/{name}'
    )
    document = {**schema, '$defs': definitions}
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(
        document, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(instances())
def test_schemas_validate_what_the_converter_writes(drawn):
    """Each unstructured instance validates against its class's schema, both ways."""
    cls, instance = drawn
    adapter = serializer.adapter(cls, direction='response')
    content = adapter.to_json(instance)
    output = json.loads(content)

    for direction in ('request', 'response'):
        _validator(cls, direction).validate(output)
    assert json.loads(json.dumps(adapter.to_python(instance))) == output
    assert serializer.adapter(cls, direction='request').from_json(content) == instance
