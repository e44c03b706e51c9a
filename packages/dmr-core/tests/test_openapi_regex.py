"""Patterns in the document: Python's ``re`` rewritten for ECMA-262, or a warning."""

import dataclasses
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmr import Body, Controller, Query
from dmr.openapi import RegexDialectWarning
from dmr.openapi._regex import to_ecma
from tests.openapi_support import document, operation, served


def patterned(pattern: str) -> object:
    return dataclasses.field(default='', metadata={'schema': {'pattern': pattern}})


@dataclasses.dataclass
class Signup:
    email: str = patterned(r'^[^@\s]+@[^@\s]+$')


@dataclasses.dataclass
class Slugged:
    slug: str = patterned(r'\A[a-z]+.\Z')


@dataclasses.dataclass
class Search:
    code: str = patterned(r'^\d{3}$')


class Signups(Controller):
    def post(self, signup: Body[Signup]) -> str:
        raise NotImplementedError


class Slugs(Controller):
    def post(self, slugged: Body[Slugged]) -> str:
        raise NotImplementedError


class Searches(Controller):
    def get(self, search: Query[Search]) -> str:
        raise NotImplementedError


def test_unicode_class_in_a_body_field_warns_naming_controller_method_and_field():
    """``\\s`` in a body model's field warns with the controller, method and field."""
    with pytest.warns(RegexDialectWarning, match=r'Signups\.post, Signup\.email: .*\\\\s'):
        document(served(Signups))


def test_unicode_class_in_a_query_parameter_warns_naming_the_parameter():
    """``\\d`` in a query field warns naming the query parameter."""
    expected = r"Searches\.get, query parameter 'code': .*\\\\d"
    with pytest.warns(RegexDialectWarning, match=expected):
        document(served(Searches))


def test_translatable_constructs_are_rewritten_without_warning(recwarn: pytest.WarningsRecorder):
    """``\\A``, ``\\Z`` and ``.`` have exact ECMA-262 equivalents: rewritten, no warning."""
    schema = document(served(Slugs))
    assert schema['components']['schemas']['Slugged']['properties']['slug']['pattern'] == (
        '^[a-z]+[^\\n]$'
    )
    assert not [w for w in recwarn if issubclass(w.category, RegexDialectWarning)]


def test_the_document_rewrites_the_pattern_not_the_models_schema():
    """Building twice gives the same document: the rewrite works on a copy."""
    first = document(served(Slugs))
    assert document(served(Slugs)) == first
    assert operation(first, 'post')['requestBody']['required'] is True


@pytest.mark.parametrize(
    ('pattern', 'expected'),
    [
        (r'(?P<year>[0-9]{4})-(?P=year)', r'(?<year>[0-9]{4})-\k<year>'),
        (r'\Aabc\Z', '^abc$'),
        (r'a.b', 'a[^\\n]b'),
        (r'[.]', '[.]'),
        (r'[\A]', r'[\A]'),
        (r'\.', r'\.'),
        (r'[\b]', r'[\b]'),
        (r'^[a-z0-9]+(?:-[a-z0-9]+)*$', r'^[a-z0-9]+(?:-[a-z0-9]+)*$'),
    ],
)
def test_exact_equivalents(pattern: str, expected: str):
    """Constructs with an exact ECMA-262 equivalent are rewritten; the rest is kept."""
    translation = to_ecma(pattern)
    assert (translation.pattern, translation.problems) == (expected, [])


@pytest.mark.parametrize(
    ('pattern', 'problem'),
    [
        (r'\w+', r'\w (Unicode in Python'),
        (r'[\S]', r'\S (Unicode in Python'),
        (r'\bword\B', r'\b (Unicode in Python'),
        ('(?i)abc', 'inline flags ((?i)'),
        ('(?i:abc)', 'inline flags ((?i:'),
        ('(?>ab)c', 'an atomic group ((?>...)'),
        ('(a)?(?(1)b|c)', 'a conditional ((?(...)'),
        ('a(?#note)', 'a comment ((?#...)'),
        ('a++', 'a possessive quantifier (++)'),
        ('a{2}+', 'a possessive quantifier (}+)'),
        ('[]a]', "a leading ']'"),
    ],
)
def test_constructs_that_differ_are_reported(pattern: str, problem: str):
    """Constructs that differ between the dialects are reported; the pattern is kept."""
    translation = to_ecma(pattern)
    assert translation.pattern == pattern
    assert any(found.startswith(problem) for found in translation.problems), translation.problems


def test_escaped_plus_before_a_plus_is_no_possessive():
    """``\\++`` is one or more plus signs, which both dialects read alike."""
    assert to_ecma(r'\++').problems == []


_ATOMS = st.sampled_from(['a', 'b', '.', '[^a]', '\\.', 'x*', '(?:a|.)'])


@given(
    atoms=st.lists(_ATOMS, max_size=5),
    anchored=st.booleans(),
    text=st.text(alphabet='ab.\n\r\u2028x', max_size=6),
)
def test_rewritten_patterns_match_what_python_matches(atoms: list[str], anchored: bool, text: str):
    """The rewrite keeps Python's meaning: read as ECMA-262, it matches the same texts."""
    pattern = ''.join(atoms)
    if anchored:
        pattern = rf'\A{pattern}\Z'
    rewritten = as_ecma(to_ecma(pattern).pattern)
    assert bool(re.search(pattern, text)) == bool(re.search(rewritten, text))


def as_ecma(pattern: str) -> str:
    """``pattern`` read as ECMA-262 reads it, in Python's terms: ``^`` and ``$`` only at the ends.

    Enough for the atoms above, whose only ``^`` outside a class is an anchor.
    """
    return re.sub(r'(?<!\[)\^', r'\\A', pattern).replace('$', r'\Z')
