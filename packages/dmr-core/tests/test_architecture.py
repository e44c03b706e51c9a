"""Layering rules of dmr-core, enforced with ``dmr.testing.architecture``."""

import dmr
from dmr.testing import architecture

VALIDATION_LIBRARIES = {'pydantic', 'pydantic_core', 'msgspec', 'attrs', 'attr', 'cattrs'}
BACKENDS = {'dmr_msgspec', 'dmr_pydantic', 'dmr_attrs', 'dmr_marshmallow'}


def test_core_imports_no_validation_library():
    """No module of ``dmr`` imports pydantic, msgspec, attrs or cattrs, nor a backend."""
    assert architecture.foreign_imports(dmr, VALIDATION_LIBRARIES | BACKENDS) == {}


def test_core_sources_are_scanned():
    """The layering test sees the real package, not an empty directory."""
    assert 'django' in architecture.imported_roots(dmr)['dmr.controller']


def test_modules_stay_small():
    """No module of ``dmr`` grows past 400 lines."""
    assert architecture.oversized_modules(dmr) == {}


def test_no_import_cycles():
    """No two modules of ``dmr`` import each other, type-only imports included."""
    assert architecture.import_cycles(dmr) == []


def test_only_one_module_imports_pyjwt():
    """PyJWT is imported by ``dmr.security.jwt._pyjwt`` alone: the ``jwt`` extra stays optional."""
    assert architecture.foreign_imports(dmr, {'jwt'}) == {'dmr.security.jwt._pyjwt': ['jwt']}
