"""Layering rules of dmr-attrs, enforced with ``dmr.testing.architecture``."""

import dmr_attrs
from dmr.testing import architecture

FORBIDDEN = {
    'dmr_msgspec',
    'dmr_pydantic',
    'dmr_marshmallow',
    'pydantic',
    'pydantic_core',
    'marshmallow',
}


def test_the_backend_imports_no_other_backend_or_library():
    """dmr-attrs uses msgspec as a codec, but no other backend and no other library."""
    assert architecture.foreign_imports(dmr_attrs, FORBIDDEN) == {}


def test_the_sources_are_scanned():
    """The layering test sees the real package, not an empty directory."""
    assert 'cattrs' in architecture.imported_roots(dmr_attrs)['dmr_attrs._converter']


def test_no_import_cycles():
    """No modules of dmr_attrs import each other, counting type-only and local imports."""
    assert architecture.import_cycles(dmr_attrs) == []


def test_modules_stay_small():
    """No module of dmr_attrs grows past 400 lines."""
    assert architecture.oversized_modules(dmr_attrs) == {}
