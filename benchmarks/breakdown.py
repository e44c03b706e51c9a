"""Where dmr's request time goes: ``./scripts/hatch run bench-dmr:profile``.

Two views of the same request, for a dmr variant (``dmr-msgspec`` unless
named):

1. cProfile over the whole WSGI call, folded into the pipeline's steps by
   the inclusive time of the functions that begin each step. The profiler
   slows Python-level code more than C, so read shares, not microseconds.
2. Each step timed alone, without a profiler, on the compiled endpoint: the
   absolute cost of negotiation, each component, the user's function and
   rendering. This reaches into dmr's private ``Endpoint``; it is a
   developer's tool and must follow that class when it changes.
"""

import argparse
import cProfile
import importlib
import io
import pstats
import sys
import timeit
from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.handlers.wsgi import WSGIRequest

from benchmarks import manifest, payload, worker, wsgi

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
    handle = at('dmr/_endpoint.py', 'handle')
    prepare = at('dmr/_endpoint.py', 'prepare')
    respond = at('dmr/_endpoint.py', 'respond')
    user = at(module.replace('.', '/') + '.py', 'post')
    query = at('django/core/handlers/wsgi.py', 'GET')
    body = at('django/http/request.py', 'body')
    decode = at('dmr/parsers.py', 'parse')  # the body's decode, not validation's
    convert = at('~', '<built-in method msgspec._core.convert>')
    response = at('django/http/response.py', '__init__', largest=True)
    encode = at('~', "<method 'encode' of 'msgspec.json.Encoder' objects>")
    validate = at('dmr/renderers.py', 'validate')
    return [
        ('whole request (WSGI call + close)', total),
        ('Django before and after the view', total - dispatch),
        ('dmr dispatch (method lookup)', dispatch - handle),
        ('components: Django builds request.GET', query),
        ('components: Django reads request.body', body),
        ('components: JSON parser (msgspec decode)', decode),
        ('components: msgspec convert (query, headers)', convert),
        ('components: dmr (negotiation, extractors)', prepare - query - body - decode - convert),
        ('user function', user),
        ('render: msgspec encode', encode),
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

    controller_class = importlib.import_module(module).UserController
    endpoint = controller_class.compiled().endpoints['POST']
    request = fresh()
    _parsed_once = (request.GET, request.body)  # so that the steps below time dmr alone
    controller = controller_class()
    controller.setup(request)
    kwargs = endpoint.prepare(controller, request, {})
    result = endpoint.func(controller, **kwargs)

    def django_request() -> object:
        parsed = fresh()
        return parsed.GET, parsed.body

    def negotiation() -> object:
        request.META.get('HTTP_ACCEPT')
        return endpoint.parsers.select(request.content_type)

    steps: list[tuple[str, Callable[[], object]]] = [
        ('Django: WSGIRequest, GET and body', django_request),
        ('negotiation (cached table lookups)', negotiation),
        ('all components (prepare)', lambda: endpoint.prepare(controller, request, {})),
    ]
    for _name, extractor in endpoint.extractors:
        steps.append((f'component {extractor.component.loc}', partial(extractor, request, {})))
    steps.append(('user function', lambda: endpoint.func(controller, **kwargs)))
    steps.append(('render (respond)', lambda: endpoint.respond(controller, result)))
    whole = min(wsgi.loop(app, env, payload.BODY, number).wall for _ in range(5))
    return [
        ('whole request (the benchmark loop, best of 5)', whole / number * 1e6),
        *((label, _per_call(func, number)) for label, func in steps),
    ]


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
    arguments = parser.parse_args(argv)
    variant = manifest.find(arguments.variant)
    app = worker.setup(variant)
    wsgi.loop(app, wsgi.environ(), payload.BODY, 1000)  # warm-up
    profiled = profile_steps(app, variant.module, arguments.requests)
    _print(f'{variant.name}, cProfile, shares of the whole request', profiled, profiled[0][1])
    timed = time_steps(app, variant.module, arguments.requests)
    _print(f'{variant.name}, each step alone, no profiler', timed, timed[0][1])
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
