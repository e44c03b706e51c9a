"""Layering rules of dmr-attrs, enforced."""

import ast
import pathlib

import dmr_attrs

SOURCE = pathlib.Path(dmr_attrs.__file__).parent
OTHER_BACKENDS = {'dmr_msgspec', 'dmr_pydantic', 'pydantic', 'pydantic_core'}
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


def test_the_backend_imports_no_other_backend():
    """dmr-attrs uses msgspec as a codec, never another dmr backend or pydantic."""
    offenders = {
        path.name: sorted(imported_roots(path) & OTHER_BACKENDS)
        for path in SOURCE.rglob('*.py')
        if imported_roots(path) & OTHER_BACKENDS
    }

    assert offenders == {}
    assert 'cattrs' in imported_roots(SOURCE / '_converter.py')


def test_modules_stay_small():
    """No module of dmr_attrs grows past 400 lines."""
    sizes = {path.name: len(path.read_text().splitlines()) for path in SOURCE.rglob('*.py')}

    assert {name: size for name, size in sizes.items() if size > MAX_MODULE_LINES} == {}
