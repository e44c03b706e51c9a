"""Build every package, install ``dmr-core[msgspec]`` from the wheels, serve a request.

This is the only test that sees what users install: it catches a missing
entry point, a file left out of a wheel, or a wrong dependency range.
"""

import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGES = sorted(
    path for path in (ROOT / 'packages').iterdir() if (path / 'pyproject.toml').exists()
)
SEED_EMAIL = 'djangomodernrest@wemake.services'


def run(*command: str | pathlib.Path, cwd: pathlib.Path | None = None) -> None:
    print('$', ' '.join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], check=True, cwd=cwd)


def build(dist: pathlib.Path) -> None:
    """Build an sdist and, from it, a wheel of every package."""
    for package in PACKAGES:
        before = set(dist.iterdir())
        run(sys.executable, '-m', 'build', '--outdir', dist, package)
        built = sorted(path.name for path in set(dist.iterdir()) - before)
        kinds = sorted(
            name.rsplit('.', 2)[-1] if name.endswith('.gz') else 'whl' for name in built
        )
        if kinds != ['gz', 'whl']:
            raise SystemExit(f'{package.name}: expected one sdist and one wheel, got {built}')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return int(sock.getsockname()[1])


def wait_for(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f'the example server exited with {server.returncode}')
        try:
            socket.create_connection(('127.0.0.1', port), timeout=1).close()
        except OSError:
            time.sleep(0.2)
        else:
            return
    raise SystemExit('the example server did not start within 30 seconds')


def seed_request(port: int) -> None:
    """The seed's curl: POST a user, expect 201, the email and a UUID."""
    request = urllib.request.Request(
        f'http://127.0.0.1:{port}/api/user/',
        data=json.dumps({'email': SEED_EMAIL}).encode(),
        headers={'Content-Type': 'application/json'},
        method='POST',
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        status, payload = response.status, json.loads(response.read())
    if status != 201 or payload['email'] != SEED_EMAIL:
        raise SystemExit(f'unexpected answer: {status} {payload}')
    uuid.UUID(payload['uid'])
    print(f'201 {payload}')


def main() -> None:
    work = pathlib.Path(tempfile.mkdtemp(prefix='dmr-packaging-'))
    try:
        dist = work / 'dist'
        dist.mkdir()
        build(dist)
        venv = work / 'venv'
        run(sys.executable, '-m', 'venv', venv)
        python = venv / 'bin' / 'python'
        run(
            python,
            '-m',
            'pip',
            'install',
            '--quiet',
            '--disable-pip-version-check',
            '--find-links',
            dist,
            'dmr-core[msgspec]',
        )
        # Run from a folder holding only the example, so nothing resolves to the work tree.
        app = work / 'app'
        app.mkdir()
        shutil.copy(ROOT / 'examples' / 'single_file.py', app)
        run(
            python,
            '-c',
            (
                'import dmr, dmr_msgspec, pathlib, sys;'
                'from importlib.metadata import entry_points;'
                "assert 'site-packages' in dmr.__file__, dmr.__file__;"
                "assert 'msgspec' in entry_points(group='dmr.serializers').names"
            ),
            cwd=app,
        )
        port = free_port()
        server = subprocess.Popen(
            [str(python), 'single_file.py', 'runserver', f'127.0.0.1:{port}', '--noreload'],
            cwd=app,
            env={**os.environ, 'PYTHONUNBUFFERED': '1'},
        )
        try:
            wait_for(port, server)
            seed_request(port)
        finally:
            server.terminate()
            server.wait(timeout=10)
        print('packaging test passed')
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
