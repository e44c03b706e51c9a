"""Layering rules of dmr-marshmallow, enforced with ``dmr.testing.architecture``."""

from dmr.testing import architecture

import dmr_marshmallow

FORBIDDEN = {
    'dmr_msgspec',
    'dmr_pydantic',
    'dmr_attrs',
    'pydantic',
    'pydantic_core',
    'msgspec',
    'attrs',
    'attr',
    'cattrs',
}


def test_the_backend_imports_no_other_backend_or_library():
    """dmr-marshmallow imports neither a bundled backend nor another validation library."""
    assert architecture.foreign_imports(dmr_marshmallow, FORBIDDEN) == {}


def test_the_sources_are_scanned():
    """The layering test sees the real package, not an empty directory."""
    roots = architecture.imported_roots(dmr_marshmallow)
    assert 'marshmallow' in roots['dmr_marshmallow._adapter']


def test_no_import_cycles():
    """No modules of dmr_marshmallow import each other, counting type-only and local imports."""
    assert architecture.import_cycles(dmr_marshmallow) == []


def test_modules_stay_small():
    """No module of dmr_marshmallow grows past 400 lines."""
    assert architecture.oversized_modules(dmr_marshmallow) == {}
