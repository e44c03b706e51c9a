"""Where dmr's request time goes: ``./scripts/hatch run bench-dmr:profile``.

Two views of the same request, for a dmr variant (``dmr-msgspec`` unless
named):

1. cProfile over the whole WSGI call, folded into the pipeline's steps by
   the inclusive time of the functions that begin each step. The profiler
   slows Python-level code more than C, so read shares, not microseconds.
2. Each step timed alone, without a profiler, on the compiled endpoint: the
   absolute cost of negotiation, each component, the user's function and
   rendering. This reaches into dmr's private ``Endpoint``; it is a
   developer's tool and must follow that class when it changes. Steps timed
   alone run with hot caches, so they add up to less than a whole request.
3. Whole requests, interleaved, against class-based views of
   ``handmade.py``: Django alone (a view that reads the body), and the same
   serializer calls as the variant's backend made by hand. What the variant
   costs beyond the hand-written view is dmr's own code, measured in place.
"""

import argparse
import cProfile
import importlib
import io
import pstats
import statistics
import sys
import timeit
from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.handlers.wsgi import WSGIRequest
from django.urls import clear_url_caches, path

from benchmarks import handmade, manifest, payload, worker, wsgi

Key = tuple[str, int, str]


def _inclusive(stats: dict[Key, Any], path: str, name: str, *, largest: bool = False) -> float:
    """Inclusive seconds of the functions called ``name`` in files ending with ``path``."""
    times: list[float] = [
        value[3]
        for (filename, _line, function), value in stats.items()
        if function == name and filename.endswith(path)
    ]
    if not times:
        return 0.0
    return max(times) if largest else sum(times)


def profile_steps(app: wsgi.WSGIApp, module: str, requests: int) -> list[tuple[str, float]]:
    """Profile ``requests`` requests; microseconds per request for each step."""
    env = wsgi.environ()
    profiler = cProfile.Profile()
    profiler.enable()
    wsgi.loop(app, env, payload.BODY, requests)
    profiler.disable()
    stats: dict[Key, Any] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]  # untyped in typeshed

    def at(path: str, name: str, *, largest: bool = False) -> float:
        return _inclusive(stats, path, name, largest=largest) / requests * 1e6

    total = at('django/core/handlers/wsgi.py', '__call__') + at('django/http/response.py', 'close')
    dispatch = at('dmr/controller.py', 'dispatch')
    handle = at('dmr/_pipeline/endpoint.py', 'handle')
    prepare = at('dmr/_pipeline/negotiate.py', 'enter') + at('dmr/_pipeline/parse.py', 'enter')
    respond = at('dmr/_pipeline/respond.py', 'respond')
    user = at(module.replace('.', '/') + '.py', 'post')
    query_dict = at('django/core/handlers/wsgi.py', 'GET')  # 0 unless something reads it
    query = at('urllib/parse.py', 'parse_qsl')
    body = at('django/http/request.py', 'body')
    decode = at('dmr/parsers.py', 'parse')  # the body's decode, not validation's
    convert = at('_adapter.py', 'from_python')  # the backend's adapter: query and headers
    response = at('django/http/response.py', '__init__', largest=True)
    encode = at('_adapter.py', 'to_json')
    validate = at('dmr/renderers.py', 'validate')
    parts = query_dict + query + body + decode + convert
    return [
        ('whole request (WSGI call + close)', total),
        ('Django before and after the view', total - dispatch),
        ('dmr dispatch (method lookup)', dispatch - handle),
        ('components: Django builds request.GET (QueryDict)', query_dict),
        ('components: query string (parse_qsl)', query),
        ('components: Django reads request.body', body),
        ('components: JSON parser (backend decode of the body)', decode),
        ('components: backend from_python (query, headers)', convert),
        ('components: dmr (negotiation, extractors)', prepare - parts),
        ('user function', user),
        ('render: backend encode (to_json)', encode),
        ('render: response validation', validate),
        ('render: Django HttpResponse', response),
        ('render: dmr', respond - encode - validate - response),
        ('dmr pipeline glue (handle)', handle - prepare - user - respond),
    ]


def _per_call(func: Callable[[], object], number: int) -> float:
    """Best of five, in microseconds per call."""
    return min(timeit.repeat(func, number=number, repeat=5)) / number * 1e6


def time_steps(app: wsgi.WSGIApp, module: str, number: int) -> list[tuple[str, float]]:
    """Each step of the compiled endpoint, timed alone, in microseconds."""
    env = wsgi.environ()

    def fresh() -> WSGIRequest:
        return WSGIRequest({**env, 'wsgi.input': io.BytesIO(payload.BODY)})

    # dmr is installed in the profiled variant's environment only.
    from dmr._pipeline.exchange import Exchange  # noqa: PLC0415

    controller_class = importlib.import_module(module).UserController
    endpoint = controller_class.compiled().endpoints['POST']
    request = fresh()
    _read_once = request.body  # so that the steps below time dmr alone
    controller = controller_class()
    controller.setup(request)

    def stages() -> Any:
        exchange = Exchange(request, controller, {}, endpoint.renderers.default)
        for enter in endpoint.entries:
            enter(exchange)
        return exchange

    exchange = stages()
    kwargs = exchange.arguments
    result = endpoint.func(controller, **kwargs)
    success = endpoint.respond.success
    content = exchange.renderer.render(result, success.adapter)

    def django_request() -> object:
        return fresh().body

    def negotiation() -> object:
        request.META.get('HTTP_ACCEPT')
        return endpoint.parsers.select(request.content_type)

    steps: list[tuple[str, Callable[[], object]]] = [
        ('Django: WSGIRequest and body', django_request),
        ('negotiation (cached table lookups)', negotiation),
        ('the stages before the call (negotiate, parse)', stages),
    ]
    for _name, extractor in endpoint.stages[-1].extractors:
        steps.append((f'component {extractor.component.loc}', partial(extractor, request, {})))
    steps.append(('user function', lambda: endpoint.func(controller, **kwargs)))
    steps.append(('render (respond)', lambda: endpoint.respond.respond(exchange, result)))
    steps.append(
        (
            'response validation alone (decode of the rendered body)',
            partial(exchange.renderer.validate, content, success.adapter),
        ),
    )
    whole = min(wsgi.loop(app, env, payload.BODY, number).wall for _ in range(5))
    return [
        ('whole request (the benchmark loop, best of 5)', whole / number * 1e6),
        *((label, _per_call(func, number)) for label, func in steps),
    ]


def against_hand(
    app: wsgi.WSGIApp, variant: manifest.Variant, rounds: int, requests: int
) -> list[tuple[str, float]]:
    """CPU µs per whole request: Django alone, the backend's work by hand, the variant.

    The hand-written views are mounted next to the variant's URL; the three
    run in interleaved rounds and the medians are returned.
    """
    backend = variant.settings.get('DMR_SETTINGS', {}).get('serializer', 'msgspec')
    views = {'Django alone: a class-based view that reads the body': handmade.ReadBody}
    if backend in handmade.BY_HAND:
        label = f'the same {backend} calls by hand, in a class-based view'
        views[label] = handmade.BY_HAND[backend]
    urlpatterns = importlib.import_module(variant.module).urlpatterns
    environs = {}
    for number, (label, view) in enumerate(views.items()):
        urlpatterns.append(path(f'by-hand-{number}/', view.as_view()))
        environs[label] = {**wsgi.environ(), 'PATH_INFO': f'/by-hand-{number}/'}
    clear_url_caches()
    environs[variant.name] = wsgi.environ()
    cpu: dict[str, list[float]] = {label: [] for label in environs}
    for label, env in environs.items():
        if wsgi.loop(app, env, payload.BODY, requests).failures:  # warm-up
            raise RuntimeError(f'{label} did not answer 201')
    for _ in range(rounds):
        for label, env in environs.items():
            timing = wsgi.loop(app, env, payload.BODY, requests)
            cpu[label].append(timing.cpu / requests * 1e6)
    return [(label, statistics.median(values)) for label, values in cpu.items()]


def _print(title: str, rows: list[tuple[str, float]], total: float) -> None:
    print(f'\n{title}\n')
    print('| step | µs/request | share |')
    print('|---|---:|---:|')
    for label, micros in rows:
        print(f'| {label} | {micros:.1f} | {micros / total:.0%} |')


def main(argv: list[str]) -> int:
    """Profile one dmr variant and print both tables."""
    parser = argparse.ArgumentParser(prog='benchmarks.breakdown', description=__doc__)
    parser.add_argument('variant', nargs='?', default='dmr-msgspec')
    parser.add_argument('--requests', type=int, default=5000)
    parser.add_argument('--rounds', type=int, default=20, help='rounds of the third table (20)')
    arguments = parser.parse_args(argv)
    variant = manifest.find(arguments.variant)
    app = worker.setup(variant)
    wsgi.loop(app, wsgi.environ(), payload.BODY, 1000)  # warm-up
    profiled = profile_steps(app, variant.module, arguments.requests)
    _print(f'{variant.name}, cProfile, shares of the whole request', profiled, profiled[0][1])
    timed = time_steps(app, variant.module, arguments.requests)
    _print(f'{variant.name}, each step alone, no profiler', timed, timed[0][1])
    compared = against_hand(app, variant, arguments.rounds, 1000)
    print(f'\n{variant.name} against the same work by hand, whole requests, interleaved\n')
    print('| what runs | CPU µs/request | more than Django alone |')
    print('|---|---:|---:|')
    for label, micros in compared:
        print(f'| {label} | {micros:.1f} | {micros - compared[0][1]:+.1f} |')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
