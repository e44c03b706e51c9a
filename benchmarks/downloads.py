"""Memory of a file download under ASGI: ``./scripts/hatch run bench-dmr:downloads``.

One dmr endpoint serves a file of ``--size`` MiB (30 by default) through
Django's own ``ASGIHandler``, in process, to an ASGI ``send`` that drops
each body message once it has counted it (as a server does once the bytes
are on the socket). Each way of answering runs in a fresh process:

- ``FileResponse``: Django's class, declared with ``FileBody``;
- ``FileDownload``: dmr's, which reads the file one block at a time.

For each, the figure is how much the process's peak resident memory grew
during the request (``ru_maxrss`` after it, minus the resident memory
before it, after a warm-up request), and the time to the first body byte.
``--smoke`` serves a 2 MiB file: correctness only.
"""

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

MODES = ('FileResponse', 'FileDownload')


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog='benchmarks/downloads.py', description=__doc__)
    parser.add_argument('--smoke', action='store_true', help='a 2 MiB file, correctness only')
    parser.add_argument('--size', type=int, default=30, help='the file size in MiB (30)')
    parser.add_argument('--worker', choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument('--file', help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _resident_bytes() -> int:
    pages = int(Path('/proc/self/statm').read_text().split()[1])
    return pages * os.sysconf('SC_PAGE_SIZE')


def _peak_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def _application(mode: str, file: str) -> Any:
    """Django configured with one download endpoint, and its ASGI handler."""
    import django  # noqa: PLC0415 - configured here, in the worker only
    from django.conf import settings  # noqa: PLC0415

    settings.configure(
        DEBUG=False,
        SECRET_KEY='benchmark-only',  # noqa: S106 - a throwaway process serves one file
        ALLOWED_HOSTS=['*'],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=['dmr'],
        DMR_SETTINGS={'serializer': 'msgspec'},
    )
    django.setup()
    from django.core.handlers.asgi import ASGIHandler  # noqa: PLC0415
    from django.http import FileResponse, HttpResponse  # noqa: PLC0415

    from dmr import Controller, ResponseSpec, validate  # noqa: PLC0415
    from dmr.downloads import FileBody, FileDownload  # noqa: PLC0415
    from dmr.routing import Router, path  # noqa: PLC0415

    answer = FileDownload if mode == 'FileDownload' else FileResponse

    class Download(Controller):
        @validate(ResponseSpec(FileBody('application/octet-stream'), status_code=200))
        async def get(self) -> HttpResponse:
            name = self.request.GET.get('file', file)
            return answer(open(name, 'rb'), as_attachment=True, filename='data.bin')  # type: ignore[return-value]

    global urlpatterns  # noqa: PLW0603 - this module is the worker's URLconf
    urlpatterns = [Router('', [path('download/', Download.as_view())]).to_urlpatterns()]
    return ASGIHandler()


urlpatterns: list[Any] = []


async def _serve(application: Any, query: str) -> tuple[int, int, float]:
    """Serve one request; the status, the bytes sent, the seconds to the first byte."""
    scope = {
        'type': 'http', 'asgi': {'version': '3.0'}, 'http_version': '1.1', 'method': 'GET',
        'scheme': 'http', 'path': '/download/', 'raw_path': b'/download/',
        'query_string': query.encode(), 'root_path': '', 'headers': [(b'host', b'localhost')],
        'client': ('127.0.0.1', 40000), 'server': ('localhost', 80),
    }  # fmt: skip
    state = {'status': 0, 'sent': 0, 'first': 0.0}
    started = time.perf_counter()
    requested = False

    async def receive() -> dict[str, Any]:
        nonlocal requested
        if requested:
            await asyncio.sleep(3600)  # still connected; Django cancels this wait
        requested = True
        return {'type': 'http.request', 'body': b'', 'more_body': False}

    async def send(message: dict[str, Any]) -> None:
        if message['type'] == 'http.response.start':
            state['status'] = message['status']
        elif message.get('body'):
            if not state['sent']:
                state['first'] = time.perf_counter() - started
            state['sent'] += len(message['body'])

    await application(scope, receive, send)
    return int(state['status']), int(state['sent']), float(state['first'])


def _worker(mode: str, file: str) -> None:
    application = _application(mode, file)
    with tempfile.NamedTemporaryFile() as small:
        small.write(b'x' * 1024)
        small.flush()
        asyncio.run(_serve(application, f'file={small.name}'))  # warm-up: imports, caches
    before = _resident_bytes()
    status, sent, first = asyncio.run(_serve(application, ''))
    result = {
        'status': status,
        'sent': sent,
        'grew': max(0, _peak_bytes() - before),
        'first_byte_ms': first * 1000,
    }
    print(json.dumps(result))


def main(argv: list[str]) -> int:
    """Write the file, run one worker per way of answering, print the table."""
    arguments = _arguments(argv)
    if arguments.worker:
        _worker(arguments.worker, arguments.file)
        return 0
    size = 2 if arguments.smoke else arguments.size
    with tempfile.NamedTemporaryFile(suffix='.bin') as file:
        block = os.urandom(1024 * 1024)
        for _ in range(size):
            file.write(block)
        file.flush()
        print('| answer | file MiB | peak memory growth MiB | first byte ms |')
        print('|---|---|---|---|')
        for mode in MODES:
            command = [sys.executable, '-m', 'benchmarks.downloads', '--worker', mode]
            output = subprocess.run(  # noqa: S603 - fixed arguments
                [*command, '--file', file.name],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result = json.loads(output.splitlines()[-1])
            if result['status'] != 200 or result['sent'] != size * 1024 * 1024:
                print(f'{mode}: answered {result["status"]} with {result["sent"]} bytes')
                return 1
            grew = result['grew'] / (1024 * 1024)
            print(f'| `{mode}` | {size} | {grew:.1f} | {result["first_byte_ms"]:.1f} |')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
