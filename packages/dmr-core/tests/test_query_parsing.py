"""The query string is read exactly as ``urllib.parse.parse_qsl`` reads it."""

from urllib.parse import parse_qsl

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmr._extractors import _parse_query

QUERY_TEXT = st.text(alphabet='ab=&%+20;é', max_size=30)


@given(QUERY_TEXT)
def test_query_pairs_equal_parse_qsl(query_string: str):
    """Any ASCII-or-not query string gives ``parse_qsl``'s pairs, blank values kept."""
    expected = parse_qsl(query_string, keep_blank_values=True, encoding='utf-8')
    assert _parse_query(query_string, 'utf-8', None) == expected


@given(st.lists(st.sampled_from(['a=1', 'b', '', 'c=', 'd=x=y']), max_size=12))
def test_field_limit_matches_parse_qsl(fields: list[str]):
    """Too many fields raise ``ValueError`` exactly when ``parse_qsl`` does."""
    query_string = '&'.join(fields)
    try:
        expected = parse_qsl(query_string, keep_blank_values=True, max_num_fields=5)
    except ValueError:
        with pytest.raises(ValueError, match='Max number of fields'):
            _parse_query(query_string, 'utf-8', 5)
    else:
        assert _parse_query(query_string, 'utf-8', 5) == expected
