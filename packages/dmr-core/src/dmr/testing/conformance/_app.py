"""The conformance API: controllers built from one backend's catalogue.

Every controller is pinned to the backend under test, so the project's
``DMR_SETTINGS['serializer']`` does not matter.
"""

import functools
from collections.abc import Callable
from typing import Any, cast

from dmr.components import Component
from dmr.controller import Controller
from dmr.errors import APIError
from dmr.responses import ERROR_BODY, ResponseSpec
from dmr.routing import Router, path
from dmr.testing.conformance._build import annotate, build_controller, component_annotation
from dmr.testing.conformance._cases import INVALID_RESPONSES, SCALARS
from dmr.testing.conformance._catalogue import BODY_MODELS, Catalogue
from dmr.testing.conformance._forms import forms_controller


def echo_controller(catalogue: Catalogue, model_name: str) -> type[Controller[Any]]:
    """``POST`` echoes a valid body (201); ``PUT`` returns invalid data (422)."""
    model = getattr(catalogue, model_name)
    invalid = INVALID_RESPONSES[model_name]

    def post(self: Controller[Any], body: Any) -> Any:
        return body

    def put(self: Controller[Any]) -> Any:
        return catalogue.construct(model, invalid)

    return build_controller(
        f'{model_name.title()}Controller',
        catalogue.serializer,
        {
            'post': annotate(
                post, body=component_annotation(Component.BODY, model), **{'return': model}
            ),
            'put': annotate(put, **{'return': model}),
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

    return build_controller(
        'ComponentsController',
        catalogue.serializer,
        {
            'get': annotate(
                get,
                query=component_annotation(Component.QUERY, catalogue.query),
                headers=component_annotation(Component.HEADERS, catalogue.headers),
                path=component_annotation(Component.PATH, catalogue.path),
                cookies=component_annotation(Component.COOKIES, catalogue.cookies),
                **{'return': catalogue.query},
            ),
        },
    )


def optional_query_controller(catalogue: Catalogue) -> type[Controller[Any]]:
    """``GET`` echoes the optional query parameters it read."""

    def get(self: Controller[Any], query: Any) -> Any:
        return query

    return build_controller(
        'OptionalQueryController',
        catalogue.serializer,
        {
            'get': annotate(
                get,
                query=component_annotation(Component.QUERY, catalogue.optional_query),
                **{'return': catalogue.optional_query},
            ),
        },
    )


LEAKED = {**SCALARS, 'password_hash': 'pbkdf2$secret'}
"""What the ``leak`` endpoints return: a ``Scalars`` with a key it does not declare."""


def _echo(model: Any, *, is_async: bool) -> Callable[..., Any]:
    """A fresh endpoint echoing the query string read into ``model``."""
    annotations = {'query': component_annotation(Component.QUERY, model), 'return': model}
    if is_async:

        async def echo_async(self: Controller[Any], query: Any) -> Any:
            return query

        return annotate(echo_async, **annotations)

    def echo(self: Controller[Any], query: Any) -> Any:
        return query

    return annotate(echo, **annotations)


def _returning(value: Callable[[], Any], returns: Any, *, is_async: bool) -> Callable[..., Any]:
    """A fresh endpoint returning ``value()``, annotated ``-> returns``."""
    if is_async:

        async def endpoint_async(self: Controller[Any]) -> Any:
            return value()

        return annotate(endpoint_async, **{'return': returns})

    def endpoint(self: Controller[Any]) -> Any:
        return value()

    return annotate(endpoint, **{'return': returns})


def wire_controllers(catalogue: Catalogue, *, is_async: bool) -> dict[str, type[Controller[Any]]]:
    """Controllers of the wire contract, sync or async.

    ``text-scalars`` and ``text-temporal`` echo a query string read into
    ``Scalars`` and ``Temporal``; ``leak`` returns :data:`LEAKED` as a
    ``Scalars`` (``GET``) and a ``list[Scalars]`` (``PUT``), with response
    validation on, and ``leak-unvalidated`` the same with it off;
    ``unrenderable`` raises ``APIError(object())`` for a declared 409, and
    ``bad-header`` an ``APIError`` whose header value holds CR/LF.
    """
    suffix = 'Async' if is_async else ''
    controllers: dict[str, type[Controller[Any]]] = {}
    for name, model in (('scalars', catalogue.scalars), ('temporal', catalogue.temporal)):
        controllers[f'text-{name}'] = build_controller(
            f'Text{name.title()}{suffix}Controller',
            catalogue.serializer,
            {'get': _echo(model, is_async=is_async)},
        )
    for name, validate in (('leak', True), ('leak-unvalidated', False)):
        scalars_list = cast('Any', list)[catalogue.scalars]
        methods: dict[str, Any] = {
            'get': _returning(lambda: dict(LEAKED), catalogue.scalars, is_async=is_async),
            'put': _returning(lambda: [dict(LEAKED)], scalars_list, is_async=is_async),
            'validate_responses': validate,
        }
        controllers[name] = build_controller(
            f'{name.title().replace("-", "")}{suffix}Controller', catalogue.serializer, methods
        )
    controllers['unrenderable'] = build_controller(
        f'Unrenderable{suffix}Controller',
        catalogue.serializer,
        {
            'get': _raising(
                lambda: APIError(object(), status_code=409),
                catalogue.scalars,
                is_async=is_async,
            ),
            'responses': (ResponseSpec(catalogue.scalars, status_code=409),),
        },
    )
    controllers['bad-header'] = build_controller(
        f'BadHeader{suffix}Controller',
        catalogue.serializer,
        {
            'get': _raising(
                lambda: APIError('Taken', status_code=409, headers={'X-Note': 'a\r\nb'}),
                catalogue.scalars,
                is_async=is_async,
            ),
            'responses': (ResponseSpec(ERROR_BODY, status_code=409),),
        },
    )
    return controllers


def _raising(error: Callable[[], Exception], returns: Any, *, is_async: bool) -> Any:
    """A fresh endpoint raising ``error()``, annotated ``-> returns``."""
    if is_async:

        async def endpoint_async(self: Controller[Any]) -> Any:
            raise error()

        return annotate(endpoint_async, **{'return': returns})

    def endpoint(self: Controller[Any]) -> Any:
        raise error()

    return annotate(endpoint, **{'return': returns})


@functools.cache
def conformance_api(catalogue: Catalogue) -> tuple[dict[str, type[Controller[Any]]], Router]:
    """The controllers by catalogue name (and the component ones), and their router."""
    controllers = {name: echo_controller(catalogue, name) for name in BODY_MODELS}
    controllers['components'] = components_controller(catalogue)
    controllers['optional_query'] = optional_query_controller(catalogue)
    controllers['forms'] = forms_controller(catalogue, is_async=False)
    router = Router(
        'conformance/',
        [
            *(path(f'{name}/', controllers[name].as_view()) for name in BODY_MODELS),
            path('components/<item_id>/', controllers['components'].as_view()),
            path('optional-query/', controllers['optional_query'].as_view()),
            path('forms/', controllers['forms'].as_view()),
        ],
    )
    return controllers, router
