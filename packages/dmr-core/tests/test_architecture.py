"""Layering rules of the repository, enforced."""

import ast
import pathlib

import dmr

SOURCE = pathlib.Path(dmr.__file__).parent
FORBIDDEN = {'pydantic', 'pydantic_core', 'msgspec', 'attrs', 'attr', 'cattrs'}
MAX_MODULE_LINES = 400


def imported_roots(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split('.')[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split('.')[0])
    return roots


def test_core_imports_no_validation_library():
    """No module of ``dmr`` imports pydantic, msgspec, attrs or cattrs."""
    offenders = {
        str(path.relative_to(SOURCE)): sorted(imported_roots(path) & FORBIDDEN)
        for path in SOURCE.rglob('*.py')
        if imported_roots(path) & FORBIDDEN
    }
    assert offenders == {}


def test_core_sources_are_scanned():
    """The layering test sees the real package, not an empty directory."""
    assert (SOURCE / 'controller.py').exists()
    assert 'django' in imported_roots(SOURCE / 'controller.py')


def test_modules_stay_small():
    """No module of ``dmr`` grows past 400 lines."""
    sizes = {path.name: len(path.read_text().splitlines()) for path in SOURCE.rglob('*.py')}
    assert {name: size for name, size in sizes.items() if size > MAX_MODULE_LINES} == {}
