"""``dmr.testing.architecture``: the layering checks every package runs."""

import importlib
import pathlib
import sys
import textwrap
from collections.abc import Iterator
from types import ModuleType

import pytest

from dmr.testing import architecture

FILES = {
    '__init__.py': 'from fakepkg._api import api\n',
    '_api.py': 'import json\nfrom fakepkg import _models\n\ndef api(): ...\n',
    '_models.py': textwrap.dedent(
        """
        from typing import TYPE_CHECKING

        import pydantic.fields

        if TYPE_CHECKING:
            from fakepkg._api import api

        def late():
            from . import _helpers
        """,
    ),
    '_helpers.py': 'from ._models import late\nimport msgspec\n',
    '_leaf.py': 'from fakepkg.sub.deep import thing\n',
    'sub/__init__.py': 'from .. import _leaf\n',
    'sub/deep.py': 'from ..sub import deep\nthing = 1\n' + '# padding\n' * 10,
}


@pytest.fixture
def fakepkg(tmp_path: pathlib.Path) -> Iterator[ModuleType]:
    for name, text in FILES.items():
        path = tmp_path / 'fakepkg' / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module('fakepkg.sub')
    finally:
        sys.path.remove(str(tmp_path))
        for name in [name for name in sys.modules if name.partition('.')[0] == 'fakepkg']:
            del sys.modules[name]


@pytest.fixture
def package(fakepkg: ModuleType) -> ModuleType:
    return sys.modules['fakepkg']


def test_modules_are_named_by_their_dotted_path(package):
    """Each source file is listed under its module name, packages by their ``__init__``."""
    assert sorted(architecture.modules(package)) == [
        'fakepkg',
        'fakepkg._api',
        'fakepkg._helpers',
        'fakepkg._leaf',
        'fakepkg._models',
        'fakepkg.sub',
        'fakepkg.sub.deep',
    ]


def test_top_level_packages_come_from_every_kind_of_import(package):
    """Imports at the top, under ``TYPE_CHECKING`` and inside functions all count."""
    roots = architecture.imported_roots(package)
    assert roots['fakepkg._models'] == {'typing', 'pydantic', 'fakepkg'}
    assert roots['fakepkg._api'] == {'json', 'fakepkg'}


def test_foreign_imports_name_the_modules_and_the_libraries(package):
    """Only the modules that import a forbidden package are reported, with the packages."""
    assert architecture.foreign_imports(package, {'pydantic', 'msgspec', 'attrs'}) == {
        'fakepkg._helpers': ['msgspec'],
        'fakepkg._models': ['pydantic'],
    }


def test_the_import_graph_resolves_relative_and_from_imports(package):
    """Edges go to the imported modules, relative imports resolved, self-imports dropped."""
    graph = architecture.import_graph(package)
    assert graph['fakepkg'] == {'fakepkg._api'}
    assert graph['fakepkg._api'] == {'fakepkg._models'}
    assert graph['fakepkg._models'] == {'fakepkg._api', 'fakepkg._helpers'}
    assert graph['fakepkg._helpers'] == {'fakepkg._models'}
    assert graph['fakepkg.sub'] == {'fakepkg._leaf'}
    assert graph['fakepkg._leaf'] == {'fakepkg.sub.deep'}
    assert graph['fakepkg.sub.deep'] == set()


def test_import_cycles_are_named(package):
    """A cycle through ``TYPE_CHECKING`` and function-level imports is found and named."""
    assert architecture.import_cycles(package) == [
        ['fakepkg._api', 'fakepkg._helpers', 'fakepkg._models'],
    ]


def test_separate_cycles_are_reported_separately():
    """Two groups of modules importing each other are two cycles; a chain is none."""
    graph = {
        'a': {'b'},
        'b': {'a', 'c'},
        'c': {'d'},
        'd': {'e'},
        'e': {'c'},
        'f': {'a'},
    }
    assert architecture.cycles(graph) == [['a', 'b'], ['c', 'd', 'e']]
    assert architecture.cycles({'a': {'b'}, 'b': set()}) == []


def test_oversized_modules_are_reported_with_their_length(package):
    """Modules past the limit are named with their number of lines."""
    assert architecture.oversized_modules(package, limit=10) == {'fakepkg.sub.deep': 12}
    assert architecture.oversized_modules(package) == {}
