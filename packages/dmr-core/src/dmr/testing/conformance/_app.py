"""The conformance API: controllers built from one backend's catalogue.

Every controller is pinned to the backend under test, so the project's
``DMR_SETTINGS['serializer']`` does not matter.
"""

import functools
import types
from collections.abc import Callable
from typing import Annotated, Any, cast

from dmr.components import Component
from dmr.controller import Controller
from dmr.routing import Router, path
from dmr.testing.conformance._cases import INVALID_RESPONSES
from dmr.testing.conformance._catalogue import BODY_MODELS, Catalogue


def _controller(
    name: str,
    serializer: type,
    methods: dict[str, Callable[..., Any]],
) -> type[Controller[Any]]:
    def body(namespace: dict[str, Any]) -> None:
        namespace.update(methods)
        namespace['__module__'] = __name__

    return types.new_class(name, (Controller[serializer],), exec_body=body)  # type: ignore[valid-type]  # a runtime class


def _component(component: Component, annotation: Any) -> Any:
    """``Body[annotation]`` and friends, for an annotation known at run time."""
    return cast('Any', Annotated)[annotation, component]


def _annotate(func: Callable[..., Any], **annotations: Any) -> Callable[..., Any]:
    func.__annotations__ = annotations
    return func


def echo_controller(catalogue: Catalogue, model_name: str) -> type[Controller[Any]]:
    """``POST`` echoes a valid body (201); ``PUT`` returns invalid data (422)."""
    model = getattr(catalogue, model_name)
    invalid = INVALID_RESPONSES[model_name]

    def post(self: Controller[Any], body: Any) -> Any:
        return body

    def put(self: Controller[Any]) -> Any:
        return catalogue.construct(model, invalid)

    return _controller(
        f'{model_name.title()}Controller',
        catalogue.serializer,
        {
            'post': _annotate(post, body=_component(Component.BODY, model), **{'return': model}),
            'put': _annotate(put, **{'return': model}),
        },
    )


def components_controller(catalogue: Catalogue) -> type[Controller[Any]]:
    """``GET`` reads every non-body component and echoes the query."""

    def get(
        self: Controller[Any],
        query: Any,
        headers: Any,
        path: Any,
        cookies: Any,
    ) -> Any:
        return query

    return _controller(
        'ComponentsController',
        catalogue.serializer,
        {
            'get': _annotate(
                get,
                query=_component(Component.QUERY, catalogue.query),
                headers=_component(Component.HEADERS, catalogue.headers),
                path=_component(Component.PATH, catalogue.path),
                cookies=_component(Component.COOKIES, catalogue.cookies),
                **{'return': catalogue.query},
            ),
        },
    )


def optional_query_controller(catalogue: Catalogue) -> type[Controller[Any]]:
    """``GET`` echoes the optional query parameters it read."""

    def get(self: Controller[Any], query: Any) -> Any:
        return query

    return _controller(
        'OptionalQueryController',
        catalogue.serializer,
        {
            'get': _annotate(
                get,
                query=_component(Component.QUERY, catalogue.optional_query),
                **{'return': catalogue.optional_query},
            ),
        },
    )


@functools.cache
def conformance_api(catalogue: Catalogue) -> tuple[dict[str, type[Controller[Any]]], Router]:
    """The controllers by catalogue name (and the component ones), and their router."""
    controllers = {name: echo_controller(catalogue, name) for name in BODY_MODELS}
    controllers['components'] = components_controller(catalogue)
    controllers['optional_query'] = optional_query_controller(catalogue)
    router = Router(
        'conformance/',
        [
            *(path(f'{name}/', controllers[name].as_view()) for name in BODY_MODELS),
            path('components/<item_id>/', controllers['components'].as_view()),
            path('optional-query/', controllers['optional_query'].as_view()),
        ],
    )
    return controllers, router
