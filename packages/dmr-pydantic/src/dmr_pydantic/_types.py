"""Compiling annotations into pydantic ``TypeAdapter``s, once.

pydantic is the judge of what this backend supports: what it can build a
``TypeAdapter`` for without ``arbitrary_types_allowed``. That is pydantic
models and dataclasses, standard dataclasses, ``TypedDict`` and the types
pydantic knows (``int``, ``list[str]``, ``UUID``, ``datetime``, ``Decimal``,
enums, ``Literal``, unions, ``Any``...). Classes of other libraries, such as
``msgspec.Struct`` or attrs classes, are not: pydantic refuses them, and
their own backends claim them. Constraints written for another library
(``Annotated[int, msgspec.Meta(ge=0)]``) are refused as well, since pydantic
would silently ignore them.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, get_args, get_origin

from pydantic import TypeAdapter

from dmr_pydantic._compat import pydantic_compatible
from dmr_pydantic._core_schema import SchemaGraph
from dmr_pydantic._schema import Documented, document

_FOREIGN_LIBRARIES = frozenset({'msgspec'})
"""Top-level packages whose ``Annotated`` metadata pydantic does not read."""


@dataclass(slots=True)
class CompiledType:
    """What one annotation compiles to, shared by both directions."""

    adapter: TypeAdapter[Any]
    graph: SchemaGraph
    array_fields: frozenset[str]
    _documented: Documented | None = None

    def documented(self) -> Documented:
        """The JSON Schemas of both directions, generated on first use."""
        if self._documented is None:
            self._documented = document(self.adapter)
        return self._documented


def compile_type(annotation: Any) -> CompiledType | str:
    """Compile ``annotation``, or return why this backend cannot handle it."""
    foreign = ', '.join(repr(meta) for meta in _foreign_metadata(annotation))
    if foreign:
        return f'pydantic would ignore the constraints {foreign} of another library'
    try:
        adapter: TypeAdapter[Any] = TypeAdapter(pydantic_compatible(annotation))
        if not adapter.pydantic_complete:
            adapter.rebuild(raise_errors=True)
        graph = SchemaGraph(adapter.core_schema)
    # PydanticSchemaGenerationError for classes pydantic does not know,
    # PydanticUserError for unresolved forward references, anything a broken
    # class raises: none may escape `supports`.
    except Exception as exc:
        return f'pydantic cannot handle it: {exc}'
    return CompiledType(adapter=adapter, graph=graph, array_fields=graph.array_fields())


def _foreign_metadata(annotation: Any) -> Iterator[Any]:
    """``Annotated`` metadata in ``annotation`` that belongs to another library."""
    pending = [annotation]
    while pending:
        current = pending.pop()
        args = get_args(current)
        if get_origin(current) is Annotated:
            for meta in current.__metadata__:
                if type(meta).__module__.partition('.')[0] in _FOREIGN_LIBRARIES:
                    yield meta
            args = args[:1]
        pending.extend(args)
