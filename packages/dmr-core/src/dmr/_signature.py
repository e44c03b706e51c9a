"""Reading an endpoint's definition when its controller class is created.

Nothing here needs a serializer backend: this step checks what can be known
from the function alone, so a mistake fails at import time with the
controller and method named.
"""

import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponseBase

from dmr.components import Component, ParameterKeywords
from dmr.errors import EndpointDefinitionError
from dmr.responses import (
    BODILESS_STATUSES,
    OPTIONS_ATTRIBUTE,
    EndpointOptions,
    ResponseSpec,
)
from dmr.streaming._declaration import stream_declaration

# Methods whose requests carry no body a server may read (RFC 9110 §9.3).
_BODILESS_METHODS = frozenset({'get', 'head', 'options', 'trace'})
_BODY_COMPONENTS = frozenset({Component.BODY, Component.FILES})


@dataclass(frozen=True, slots=True)
class Parameter:
    """One component parameter of an endpoint."""

    name: str
    component: Component
    annotation: Any
    keywords: tuple[ParameterKeywords, ...] = ()
    """What documents the bounds of its parameters beyond the model's own schema."""


@dataclass(frozen=True, slots=True)
class EndpointSignature:
    """Everything an endpoint declares, before a backend compiles it."""

    qualname: str
    method: str
    func: Callable[..., Any]
    is_async: bool
    parameters: tuple[Parameter, ...]
    options: EndpointOptions
    success: ResponseSpec | None
    """The success response of a model-returning endpoint, else ``None``."""

    @property
    def declared(self) -> tuple[ResponseSpec, ...]:
        """Every response the endpoint itself declares."""
        success = () if self.success is None else (self.success,)
        return success + tuple(self.options.responses)


def _fail(qualname: str, message: str) -> EndpointDefinitionError:
    return EndpointDefinitionError(f'{qualname}: {message}')


def _component_of(
    annotation: Any,
) -> tuple[Component, Any, tuple[ParameterKeywords, ...]] | None:
    if typing.get_origin(annotation) is not typing.Annotated:
        return None
    components = [meta for meta in annotation.__metadata__ if isinstance(meta, Component)]
    if len(components) != 1:
        return None
    # Python flattens `Body[Annotated[int, Meta(ge=0)]]` into one Annotated:
    # the other metadata belongs to the model's type and is kept with it,
    # except what documents parameters, which is dmr's and no backend's.
    others = [meta for meta in annotation.__metadata__ if not isinstance(meta, Component)]
    keywords = tuple(meta for meta in others if isinstance(meta, ParameterKeywords))
    rest = tuple(meta for meta in others if not isinstance(meta, ParameterKeywords))
    model = annotation.__origin__
    if rest:
        model = typing.Annotated[(model, *rest)]
    return components[0], model, keywords


def _parameters(
    qualname: str, func: Callable[..., Any], hints: dict[str, Any]
) -> tuple[Parameter, ...]:
    parameters: list[Parameter] = []
    seen: dict[Component, str] = {}
    for index, parameter in enumerate(inspect.signature(func).parameters.values()):
        if index == 0:
            continue  # self
        if parameter.kind not in {parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY}:
            raise _fail(qualname, f'parameter {parameter.name!r} must be a plain named parameter')
        found = _component_of(hints.get(parameter.name))
        if found is None:
            raise _fail(
                qualname,
                f'parameter {parameter.name!r} needs a component annotation: '
                'Body[T], Query[T], Headers[T], Path[T], Cookies[T] or Files[T]',
            )
        component, annotation, keywords = found
        if keywords and component in _BODY_COMPONENTS:
            raise _fail(
                qualname,
                f'parameter {parameter.name!r}: {type(keywords[0]).__name__} documents '
                'query, header, path or cookie parameters, not a body',
            )
        if component in seen:
            raise _fail(
                qualname,
                f'parameters {seen[component]!r} and {parameter.name!r} are both '
                f'{component.name.title()}[...]; declare each component once',
            )
        seen[component] = parameter.name
        parameters.append(Parameter(parameter.name, component, annotation, keywords))
    return tuple(parameters)


def _default_status(method: str, returns: Any) -> int:
    if method == 'post':
        return 201
    if method == 'delete' and returns is None:
        return 204
    return 200


def _is_response_class(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, HttpResponseBase)


def analyse(qualname: str, method: str, func: Callable[..., Any]) -> EndpointSignature:
    """Read and check the definition of one endpoint function."""
    try:
        hints = typing.get_type_hints(func, include_extras=True)
    except Exception as exc:
        raise _fail(qualname, f'cannot resolve annotations: {exc}') from exc
    if 'return' not in hints:
        raise _fail(
            qualname,
            'missing return annotation; annotate the response model, '
            '`-> None` for no body, or `-> HttpResponse` with @validate',
        )
    returns = hints['return']
    returns = None if returns is type(None) else returns
    parameters = _parameters(qualname, func, hints)
    for parameter in parameters:
        if method in _BODILESS_METHODS and parameter.component in _BODY_COMPONENTS:
            name = parameter.component.name.title()
            raise _fail(
                qualname,
                f'a {method.upper()} request has no body; remove the {name}[...] parameter',
            )
    options: EndpointOptions = getattr(func, OPTIONS_ATTRIBUTE, None) or EndpointOptions(
        decorator=''
    )
    success = _success_spec(qualname, method, returns, options)
    _check_stream(qualname, func, returns)
    return EndpointSignature(
        qualname=qualname,
        method=method,
        func=func,
        is_async=inspect.iscoroutinefunction(func) or inspect.isasyncgenfunction(func),
        parameters=parameters,
        options=options,
        success=success,
    )


def _check_stream(qualname: str, func: Callable[..., Any], returns: Any) -> None:
    try:
        stream = stream_declaration(returns)
    except TypeError as exc:
        raise _fail(qualname, str(exc)) from None
    generator = inspect.isgeneratorfunction(func) or inspect.isasyncgenfunction(func)
    if generator and stream is None:
        raise _fail(
            qualname,
            'a generator endpoint streams: annotate it `-> EventStream[T]` or `-> JsonLines[T]`',
        )


def _success_spec(
    qualname: str,
    method: str,
    returns: Any,
    options: EndpointOptions,
) -> ResponseSpec | None:
    if _is_response_class(returns):
        if options.decorator != 'validate':
            raise _fail(
                qualname,
                'returns an HttpResponse; declare its responses with '
                '@validate(ResponseSpec(...), ...)',
            )
        return None
    if options.decorator == 'validate':
        raise _fail(
            qualname,
            '@validate is for endpoints annotated `-> HttpResponse`; '
            'use @modify for endpoints that return a model',
        )
    status = options.status_code or _default_status(method, returns)
    if status in BODILESS_STATUSES and returns is not None:
        raise _fail(qualname, f'a {status} response has no body; annotate `-> None`')
    try:
        return ResponseSpec(returns, status_code=status)
    except ValueError as exc:
        raise _fail(qualname, str(exc)) from exc
