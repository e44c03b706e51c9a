"""Layering checks for a package's source, for dmr's packages and plugin authors.

Every package of the repository runs the same three checks on its own
source: it imports no validation library it does not own, none of its
modules import each other in a cycle, and no module grows past 400 lines.
A plugin author can run them on a plugin too::

    import dmr_marshmallow
    from dmr.testing import architecture

    def test_layering():
        assert architecture.foreign_imports(dmr_marshmallow, {'pydantic'}) == {}
        assert architecture.import_cycles(dmr_marshmallow) == []
        assert architecture.oversized_modules(dmr_marshmallow) == {}

Imports are read from the source with :mod:`ast`, wherever they are: at the
top of a module, under ``if TYPE_CHECKING:``, and inside functions. Nothing
is imported or executed.
"""

import ast
import pathlib
from collections.abc import Iterator, Set
from types import ModuleType

MAX_MODULE_LINES = 400
"""The size every module of dmr's packages stays under, in lines."""


def modules(package: ModuleType) -> dict[str, pathlib.Path]:
    """The dotted name and the source file of each module of ``package``."""
    root = pathlib.Path(package.__file__ or '').parent
    found = {}
    for path in sorted(root.rglob('*.py')):
        parts = path.relative_to(root).with_suffix('').parts
        if parts[-1] == '__init__':
            parts = parts[:-1]
        found['.'.join((package.__name__, *parts))] = path
    return found


def imported_modules(name: str, path: pathlib.Path) -> set[str]:
    """The dotted names module ``name`` (read from ``path``) imports, absolute.

    ``from a import b`` yields ``a.b``, which may be a module or a name
    defined in ``a``; relative imports are resolved against ``name``.
    """
    tree = ast.parse(path.read_text(), filename=str(path))
    package = name if path.name == '__init__.py' else name.rpartition('.')[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(package, node.module, node.level)
            found.update(f'{base}.{alias.name}' for alias in node.names)
    return found


def imported_roots(package: ModuleType) -> dict[str, set[str]]:
    """The top-level packages each module of ``package`` imports."""
    return {
        name: {imported.partition('.')[0] for imported in imported_modules(name, path)}
        for name, path in modules(package).items()
    }


def foreign_imports(package: ModuleType, forbidden: Set[str]) -> dict[str, list[str]]:
    """The modules of ``package`` that import a top-level package of ``forbidden``."""
    return {
        name: sorted(roots & forbidden)
        for name, roots in imported_roots(package).items()
        if roots & forbidden
    }


def import_graph(package: ModuleType) -> dict[str, set[str]]:
    """Which modules of ``package`` each of its modules imports.

    ``from package import module`` is an import of ``package.module``, and
    ``from package.module import name`` one of ``package.module``: the
    edges go to the modules whose code the import needs.
    """
    own = modules(package)
    graph = {}
    for name, path in own.items():
        edges = set()
        for imported in imported_modules(name, path):
            target = imported if imported in own else imported.rpartition('.')[0]
            if target in own and target != name:
                edges.add(target)
        graph[name] = edges
    return graph


def import_cycles(package: ModuleType) -> list[list[str]]:
    """Each group of modules of ``package`` that import one another, sorted.

    A group is a strongly connected component of :func:`import_graph`: from
    each of its modules, an import chain leads to every other one.
    """
    return cycles(import_graph(package))


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of ``graph`` with more than one node."""
    return sorted(component for component in _Components(graph).found if len(component) > 1)


def oversized_modules(package: ModuleType, limit: int = MAX_MODULE_LINES) -> dict[str, int]:
    """The modules of ``package`` longer than ``limit`` lines, with their length."""
    sizes = {name: len(path.read_text().splitlines()) for name, path in modules(package).items()}
    return {name: size for name, size in sizes.items() if size > limit}


def _absolute(package: str, module: str | None, level: int) -> str:
    if level == 0:
        return module or ''
    base = package.rsplit('.', level - 1)[0] if level > 1 else package
    return f'{base}.{module}' if module else base


class _Components:
    """Tarjan's strongly connected components, walked without recursion."""

    def __init__(self, graph: dict[str, set[str]]) -> None:
        self.graph = graph
        self.index: dict[str, int] = {}
        self.low: dict[str, int] = {}
        self.stack: list[str] = []
        self.found: list[list[str]] = []
        for node in sorted(graph):
            if node not in self.index:
                self._walk(node)

    def _visit(self, node: str) -> Iterator[str]:
        self.index[node] = self.low[node] = len(self.index)
        self.stack.append(node)
        return iter(sorted(self.graph.get(node, ())))

    def _walk(self, start: str) -> None:
        pending = [(start, self._visit(start))]
        while pending:
            node, successors = pending[-1]
            for successor in successors:
                if successor not in self.index:
                    pending.append((successor, self._visit(successor)))
                    break
                if successor in self.stack:
                    self.low[node] = min(self.low[node], self.index[successor])
            else:
                pending.pop()
                if pending:
                    parent = pending[-1][0]
                    self.low[parent] = min(self.low[parent], self.low[node])
                if self.low[node] == self.index[node]:
                    self._pop_component(node)

    def _pop_component(self, root: str) -> None:
        position = self.stack.index(root)
        self.found.append(sorted(self.stack[position:]))
        del self.stack[position:]
