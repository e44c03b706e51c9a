"""Layering rules of dmr-msgspec, enforced with ``dmr.testing.architecture``."""

import dmr_msgspec
from dmr.testing import architecture

FORBIDDEN = {
    'dmr_pydantic',
    'dmr_attrs',
    'dmr_marshmallow',
    'pydantic',
    'pydantic_core',
    'attrs',
    'attr',
    'cattrs',
    'marshmallow',
}


def test_the_backend_imports_no_other_backend_or_library():
    """dmr-msgspec imports neither another backend nor another validation library."""
    assert architecture.foreign_imports(dmr_msgspec, FORBIDDEN) == {}


def test_the_sources_are_scanned():
    """The layering test sees the real package, not an empty directory."""
    assert 'msgspec' in architecture.imported_roots(dmr_msgspec)['dmr_msgspec._adapter']


def test_no_import_cycles():
    """No modules of dmr_msgspec import each other, counting type-only and local imports."""
    assert architecture.import_cycles(dmr_msgspec) == []


def test_modules_stay_small():
    """No module of dmr_msgspec grows past 400 lines."""
    assert architecture.oversized_modules(dmr_msgspec) == {}
