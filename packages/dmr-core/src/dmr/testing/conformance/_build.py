"""Building the conformance controllers from annotations known at run time."""

import types
from collections.abc import Callable
from typing import Annotated, Any, cast

from dmr.components import Component
from dmr.controller import Controller


def build_controller(
    name: str,
    serializer: type,
    methods: dict[str, Any],
) -> type[Controller[Any]]:
    def body(namespace: dict[str, Any]) -> None:
        namespace.update(methods)
        namespace['__module__'] = __name__

    return types.new_class(name, (Controller[serializer],), exec_body=body)  # type: ignore[valid-type]  # a runtime class


def component_annotation(component: Component, annotation: Any) -> Any:
    """``Body[annotation]`` and friends, for an annotation known at run time."""
    return cast('Any', Annotated)[annotation, component]


def annotate(func: Callable[..., Any], **annotations: Any) -> Callable[..., Any]:
    func.__annotations__ = annotations
    return func
