"""dmr_marshmallow.fields: Union, Set, Duration and DateTime."""

import datetime

import pytest
from marshmallow import Schema, ValidationError, fields, validate

from dmr_marshmallow import fields as dmr_fields


class Holder(Schema):
    value = dmr_fields.Union([fields.Integer(validate=validate.Range(min=0)), fields.String()])
    numbers = dmr_fields.Set(fields.Integer())
    span = dmr_fields.Duration()


def test_union_prefers_the_member_of_the_values_own_kind():
    """'3' stays a string although Integer would read it; 3 is an int."""
    schema = Holder()

    assert schema.load({'value': '3'}) == {'value': '3'}
    assert schema.load({'value': 3}) == {'value': 3}


def test_union_tries_other_members_for_text():
    """With no member of the value's kind, members are tried in order."""
    union = dmr_fields.Union([fields.Integer(), fields.Boolean()])

    assert union.deserialize('7') == 7
    assert union.deserialize('true') is True


def test_union_reports_the_error_of_the_member_of_the_right_kind():
    """-1 is an int, refused by the Integer's Range: that error is the union's."""
    with pytest.raises(ValidationError) as raised:
        Holder().load({'value': -1})

    assert raised.value.messages == {'value': ['Must be greater than or equal to 0.']}


def test_union_of_no_matching_kind_is_invalid():
    """A value no member reads gets the union's own message."""
    with pytest.raises(ValidationError) as raised:
        Holder().load({'value': [1]})

    assert raised.value.messages == {'value': ['Not a valid value for any of: Integer, String.']}


def test_union_dumps_with_the_member_of_the_values_type():
    """A str is dumped by the String member, an int by the Integer member."""
    assert Holder().dump({'value': 'a'}) == {'value': 'a'}
    assert Holder().dump({'value': 5}) == {'value': 5}


def test_union_refuses_to_dump_a_value_of_no_members_type():
    """Dumping never converts with the wrong member."""
    with pytest.raises(TypeError, match='list value'):
        Holder().dump({'value': [1]})


def test_union_needs_members():
    """An empty union, or a member that is no field, is a mistake."""
    with pytest.raises(ValueError, match='at least one'):
        dmr_fields.Union([])
    with pytest.raises(ValueError, match='not a marshmallow field'):
        dmr_fields.Union([int])  # type: ignore[list-item]


def test_union_members_may_be_classes():
    """Field classes are instantiated, as marshmallow's containers do."""
    union = dmr_fields.Union([fields.Integer, fields.String])

    assert [type(member) for member in union.members] == [fields.Integer, fields.String]


def test_set_reads_a_set_and_writes_a_sorted_list():
    """Duplicates collapse; dumping is stable."""
    schema = Holder()

    assert schema.load({'numbers': [3, 1, 3]}) == {'numbers': {1, 3}}
    assert schema.dump({'numbers': {3, 1}}) == {'numbers': [1, 3]}
    assert schema.dump({'numbers': None}) == {'numbers': None}


def test_set_of_unhashable_items_is_invalid():
    """A set cannot hold dicts."""
    field = dmr_fields.Set(fields.Dict())

    with pytest.raises(ValidationError, match='Not a valid list'):
        field.deserialize([{'a': 1}])


def test_set_of_unsortable_items_keeps_their_order():
    """Items of mixed types are written as they come."""
    field = dmr_fields.Set(fields.Raw())

    assert sorted(field.serialize('v', {'v': {1, 'a'}}), key=str) == [1, 'a']


@pytest.mark.parametrize(
    ('text', 'span'),
    [
        ('P1DT30S', datetime.timedelta(days=1, seconds=30)),
        ('PT1.5S', datetime.timedelta(seconds=1.5)),
        ('PT0,5S', datetime.timedelta(seconds=0.5)),
        ('P2W', datetime.timedelta(weeks=2)),
        ('PT1H30M', datetime.timedelta(hours=1, minutes=30)),
        ('-P1D', datetime.timedelta(days=-1)),
        ('+PT0S', datetime.timedelta(0)),
    ],
)
def test_duration_reads_iso_8601(text, span):
    """Weeks, days, hours, minutes and seconds, with fractions and a sign."""
    assert dmr_fields.Duration().deserialize(text) == span


@pytest.mark.parametrize('text', ['P', 'PT', 'P1Y', 'P1M', '1 day', 'P1DT', 'P99999999999D'])
def test_duration_refuses_other_text(text):
    """Years and months, empty durations and overflows are refused."""
    with pytest.raises(ValidationError, match='Not a valid ISO 8601 duration'):
        dmr_fields.Duration().deserialize(text)


def test_duration_refuses_numbers_and_accepts_timedeltas():
    """Only text is parsed; a timedelta passes as it is."""
    with pytest.raises(ValidationError):
        dmr_fields.Duration().deserialize(30)
    span = datetime.timedelta(seconds=3)
    assert dmr_fields.Duration().deserialize(span) is span


@pytest.mark.parametrize(
    ('span', 'text'),
    [
        (datetime.timedelta(days=1, seconds=30), 'P1DT30S'),
        (datetime.timedelta(days=2), 'P2D'),
        (datetime.timedelta(0), 'PT0S'),
        (datetime.timedelta(seconds=1, microseconds=500_000), 'PT1.5S'),
        (datetime.timedelta(days=-1, seconds=86_370), '-PT30S'),
    ],
)
def test_duration_writes_days_and_seconds(span, text):
    """As msgspec writes them."""
    assert Holder().dump({'span': span}) == {'span': text}


def test_duration_dumps_none():
    """None stays None."""
    assert Holder().dump({'span': None}) == {'span': None}


def test_datetime_writes_utc_with_z():
    """A zero offset is written Z; other offsets and naive times as marshmallow writes them."""
    field = dmr_fields.DateTime()
    utc = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    plus_one = utc.astimezone(datetime.timezone(datetime.timedelta(hours=1)))

    assert field.serialize('v', {'v': utc}) == '2024-01-02T03:04:05Z'
    assert field.serialize('v', {'v': plus_one}) == '2024-01-02T04:04:05+01:00'
    assert field.serialize('v', {'v': utc.replace(tzinfo=None)}) == '2024-01-02T03:04:05'
    assert field.serialize('v', {'v': None}) is None
    assert dmr_fields.DateTime(format='timestamp').serialize('v', {'v': utc}) == utc.timestamp()
