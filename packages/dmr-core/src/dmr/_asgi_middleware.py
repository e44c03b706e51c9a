"""The middleware chain of ``dmr.asgi``: Django's, with sync hooks handed off together.

Under ASGI, Django adapts each hook of a ``MiddlewareMixin`` middleware on
its own: ``process_request`` and ``process_response`` are two hand-offs to
the request's thread per middleware, and every sync ``process_view``
another. Here adjacent ``MiddlewareMixin`` middleware (with Django's own
``__call__``) become one layer that runs all their ``process_request``
hooks in one hand-off, then the rest of the chain, then all their
``process_response`` hooks in another; adjacent sync ``process_view``
hooks share one hand-off too. What each hook sees is what it sees in
Django's chain:

- hooks run in the same order, in the request's thread;
- a ``process_request`` that answers stops the ones inside it, and its own
  ``process_response`` and the outer ones still run;
- an exception from a hook becomes a response where Django's chain turns
  it into one (``response_for_exception``, around that middleware), and the
  outer ``process_response`` hooks see that response.

Everything else (middleware of any other kind, ``process_exception``,
``process_template_response``) is loaded as Django loads it.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from asgiref.sync import iscoroutinefunction, sync_to_async
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, MiddlewareNotUsed
from django.core.handlers.exception import convert_exception_to_response, response_for_exception
from django.http import HttpRequest, HttpResponseBase
from django.utils.deprecation import MiddlewareMixin
from django.utils.module_loading import import_string

AsyncHandler = Callable[[HttpRequest], Awaitable[HttpResponseBase]]


def load_async_middleware(handler: Any) -> None:
    """Build the async middleware chain of ``handler`` (a ``BaseHandler``) from ``MIDDLEWARE``.

    It sets the lists and the chain ``BaseHandler.load_middleware`` sets,
    which its request path reads.
    """
    handler._view_middleware = []  # the lists BaseHandler reads
    handler._template_response_middleware = []
    handler._exception_middleware = []
    views: list[tuple[Callable[..., Any], bool]] = []
    chain: Any = convert_exception_to_response(handler._get_response_async)
    chain_is_async = True
    group: list[MiddlewareMixin] = []
    for path in reversed(settings.MIDDLEWARE):
        factory = import_string(path)
        batchable = chain_is_async and _is_plain_mixin(factory)
        if not batchable and group:
            chain, group = convert_exception_to_response(_batched(group[::-1], chain)), []
        middleware_is_async = _runs_async(path, factory, chain_is_async=chain_is_async)
        adapted = handler.adapt_method_mode(middleware_is_async, chain, chain_is_async)
        try:
            instance = factory(adapted)
        except MiddlewareNotUsed:
            continue
        if instance is None:
            raise ImproperlyConfigured(f'Middleware factory {path} returned None.')
        if not batchable:
            chain = adapted
        _collect_hooks(handler, instance, views)
        if batchable:
            group.append(instance)
        else:
            chain = convert_exception_to_response(instance)
            chain_is_async = middleware_is_async
    if group:
        chain = convert_exception_to_response(_batched(group[::-1], chain))
        chain_is_async = True
    handler._view_middleware = _batched_views(views)
    handler._middleware_chain = handler.adapt_method_mode(
        is_async=True,
        method=chain,
        method_is_async=chain_is_async,
    )


def _is_plain_mixin(factory: Any) -> bool:
    """A ``MiddlewareMixin`` whose calls are Django's: its hooks are all it adds."""
    return (
        isinstance(factory, type)
        and issubclass(factory, MiddlewareMixin)
        and factory.__call__ is MiddlewareMixin.__call__
        and factory.__acall__ is MiddlewareMixin.__acall__
    )


def _runs_async(path: str, factory: Any, *, chain_is_async: bool) -> bool:
    can_sync = getattr(factory, 'sync_capable', True)
    can_async = getattr(factory, 'async_capable', False)
    if not can_sync and not can_async:
        raise RuntimeError(
            f'Middleware {path} must have at least one of sync_capable/async_capable set to True.',
        )
    if not chain_is_async and can_sync:
        return False
    return bool(can_async)


def _collect_hooks(
    handler: Any,
    instance: Any,
    views: list[tuple[Callable[..., Any], bool]],
) -> None:
    if hasattr(instance, 'process_view'):
        views.insert(0, (instance.process_view, iscoroutinefunction(instance.process_view)))
    if hasattr(instance, 'process_template_response'):
        handler._template_response_middleware.append(
            handler.adapt_method_mode(is_async=True, method=instance.process_template_response),
        )
    if hasattr(instance, 'process_exception'):
        handler._exception_middleware.append(
            handler.adapt_method_mode(is_async=False, method=instance.process_exception),
        )


def _batched(layers: list[MiddlewareMixin], inner: AsyncHandler) -> AsyncHandler:
    """One layer for ``layers`` (outermost first) around ``inner``."""
    enters = any(hasattr(layer, 'process_request') for layer in layers)
    leaves = any(hasattr(layer, 'process_response') for layer in layers)

    async def batch(request: HttpRequest) -> HttpResponseBase:
        response: HttpResponseBase | None = None
        entered = len(layers)
        if enters:
            response, entered = await sync_to_async(_enter, thread_sensitive=True)(layers, request)
        if response is None:
            response = await inner(request)
        if leaves:
            response = await sync_to_async(_leave, thread_sensitive=True)(
                layers[:entered],
                request,
                response,
            )
        return response

    return batch


def _enter(
    layers: list[MiddlewareMixin],
    request: HttpRequest,
) -> tuple[HttpResponseBase | None, int]:
    """Run the ``process_request`` hooks; an answer, and how many layers were entered."""
    for index, layer in enumerate(layers):
        if not hasattr(layer, 'process_request'):
            continue
        try:
            response = layer.process_request(request)
        except Exception as error:  # as Django's chain turns it into a response
            return response_for_exception(request, error), index
        if response:
            return response, index + 1
    return None, len(layers)


def _leave(
    layers: list[MiddlewareMixin],
    request: HttpRequest,
    response: HttpResponseBase,
) -> HttpResponseBase:
    """Run the ``process_response`` hooks of the entered layers, innermost first."""
    for layer in reversed(layers):
        if not hasattr(layer, 'process_response'):
            continue
        try:
            response = layer.process_response(request, response)
        except Exception as error:  # as Django's chain turns it into a response
            response = response_for_exception(request, error)
    return response


def _batched_views(views: list[tuple[Callable[..., Any], bool]]) -> list[Callable[..., Any]]:
    """The ``process_view`` hooks, adjacent sync ones sharing one hand-off."""
    found: list[Callable[..., Any]] = []
    run: list[Callable[..., Any]] = []
    for method, is_async in [*views, (None, True)]:
        if not is_async:
            run.append(method)  # type: ignore[arg-type]  # only the sentinel is None, and it is async
            continue
        if run:
            found.append(sync_to_async(_first_answer(run), thread_sensitive=True))
            run = []
        if method is not None:
            found.append(method)
    return found


def _first_answer(methods: list[Callable[..., Any]]) -> Callable[..., Any]:
    def process_view(request: HttpRequest, *args: Any) -> HttpResponseBase | None:
        for method in methods:
            response = method(request, *args)
            if response:
                return response  # type: ignore[no-any-return]  # a hook's answer
        return None

    return process_view
