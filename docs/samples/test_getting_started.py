"""Following "Getting started" to the letter: from nothing to Swagger UI.

A fresh virtualenv, the two packages installed from this clone with pip, the
single-file app saved under a name of its own and served by ``runserver``;
then the page's ``curl`` request, the OpenAPI document and Swagger UI with
its files. Needs PyPI (for Django and msgspec), as a reader does.
"""

import json
import os
import pathlib
import shutil
import socket
import subprocess
import time
import urllib.request
import venv

ROOT = pathlib.Path(__file__).resolve().parents[2]
EMAIL = 'djangomodernrest@wemake.services'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return int(sock.getsockname()[1])


def wait_for(port: int, server: subprocess.Popen[bytes], log: pathlib.Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, f'runserver exited:\n{log.read_text()}'
        try:
            socket.create_connection(('127.0.0.1', port), timeout=1).close()
        except OSError:
            time.sleep(0.2)
        else:
            return
    raise AssertionError(f'runserver did not listen within 60 seconds:\n{log.read_text()}')


def fetch(url: str, data: bytes | None = None, **headers: str) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers['Content-Type'], response.read()


def test_from_nothing_to_swagger_ui(tmp_path: pathlib.Path) -> None:
    """The steps of the page serve the API and its docs from a fresh environment."""
    started = time.monotonic()
    env_dir = tmp_path / '.venv'
    venv.create(env_dir, with_pip=True)
    python = env_dir / 'bin' / 'python'
    environment = {**os.environ, 'PIP_DISABLE_PIP_VERSION_CHECK': '1', 'PIP_NO_INPUT': '1'}
    environment.pop('DJANGO_SETTINGS_MODULE', None)
    subprocess.run(
        [python, '-m', 'pip', 'install', '--quiet', 'packages/dmr-core', 'packages/dmr-msgspec'],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    app = tmp_path / 'app.py'
    shutil.copy(ROOT / 'examples' / 'single_file.py', app)
    port = free_port()
    log = tmp_path / 'runserver.log'
    with log.open('wb') as output:
        server = subprocess.Popen(
            [python, app, 'runserver', '--noreload', f'127.0.0.1:{port}'],
            cwd=tmp_path,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(port, server, log)
        base = f'http://127.0.0.1:{port}'
        status, _, content = fetch(
            f'{base}/api/user/',
            json.dumps({'email': EMAIL}).encode(),
            **{'Content-Type': 'application/json'},
        )
        assert status == 201
        assert json.loads(content)['email'] == EMAIL

        _, _, document = fetch(f'{base}/docs/openapi.json/')
        assert json.loads(document)['info']['title'] == 'Django Modern Rest'

        status, content_type, page = fetch(f'{base}/docs/swagger/')
        assert (status, content_type) == (200, 'text/html; charset=utf-8')
        assert b'swagger-ui' in page
        status, _, bundle = fetch(f'{base}/docs/swagger/?asset=swagger-ui/swagger-ui-bundle.js')
        assert status == 200
        assert len(bundle) > 100_000
    finally:
        server.terminate()
        server.wait(timeout=30)
    # "Five minutes" includes the reader: the machine's share is far smaller.
    assert time.monotonic() - started < 300
