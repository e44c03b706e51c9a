"""Layering rules of dmr-pydantic, enforced with ``dmr.testing.architecture``."""

import dmr_pydantic
from dmr.testing import architecture

FORBIDDEN = {
    'dmr_msgspec',
    'dmr_attrs',
    'dmr_marshmallow',
    'msgspec',
    'attrs',
    'attr',
    'cattrs',
    'marshmallow',
}


def test_the_backend_imports_no_other_backend_or_library():
    """dmr-pydantic imports neither another backend nor another validation library."""
    assert architecture.foreign_imports(dmr_pydantic, FORBIDDEN) == {}


def test_the_sources_are_scanned():
    """The layering test sees the real package, not an empty directory."""
    assert 'pydantic' in architecture.imported_roots(dmr_pydantic)['dmr_pydantic._adapter']


def test_no_import_cycles():
    """No modules of dmr_pydantic import each other, counting type-only and local imports."""
    assert architecture.import_cycles(dmr_pydantic) == []


def test_modules_stay_small():
    """No module of dmr_pydantic grows past 400 lines."""
    assert architecture.oversized_modules(dmr_pydantic) == {}
