"""Build every package, install ``dmr-core[msgspec]`` from the wheels, serve a request.

Then run each backend's conformance suite (the example plugins' too), and a
test of dmr-core's pytest plugin, against the installed wheels.

This is the only test that sees what users install: it catches a missing
entry point, a file left out of a wheel, or a wrong dependency range.
"""

import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
import uuid
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGES = sorted(
    path for path in (ROOT / 'packages').iterdir() if (path / 'pyproject.toml').exists()
)
SEED_EMAIL = 'djangomodernrest@wemake.services'
# The backends whose conformance suites run against the installed wheels.
CONFORMANCE = {
    'msgspec': ROOT / 'packages/dmr-msgspec/tests/test_msgspec_conformance.py',
    'pydantic': ROOT / 'packages/dmr-pydantic/tests/test_pydantic_conformance.py',
    'attrs': ROOT / 'packages/dmr-attrs/tests/test_attrs_conformance.py',
}
# Extras that bring no backend, installed with the backends' extras.
EXTRAS = ['jwt']
# Plugins written as a third party would write them (examples/plugins/): no
# extra of dmr-core, so they are installed by their own distribution name, and
# their conformance suites run from the installed wheels too.
PLUGINS = {'marshmallow': ROOT / 'examples/plugins/dmr-marshmallow'}
PLUGIN_CONFORMANCE = {
    name: path / 'tests' / f'test_{name}_conformance.py' for name, path in PLUGINS.items()
}
# The ranges of the libraries the support matrix varies (docs/versions.md).
RANGES = ROOT / 'scripts' / 'matrix' / 'ranges.txt'
TEST_TOOLS = ('pytest==9.0.3', 'pytest-django==4.14.0', 'openapi-spec-validator==0.9.0')
CONFTEST = """
import django
from django.conf import settings


def pytest_configure():
    settings.configure(
        # dmr.testing.rows: the rows the pagination suite pages through, in a database.
        INSTALLED_APPS=['dmr', 'dmr.testing.rows'],
        DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}},
        # The pagination suite's cursors are signed.
        SECRET_KEY='dmr-packaging-test',
        ALLOWED_HOSTS=['*'],
        USE_TZ=True,
    )
    django.setup()
"""
# The fixtures of dmr-core's pytest plugin, loaded from the wheel's entry point.
PLUGIN_TEST = """
from dmr.testing import DMRAsyncClient, DMRAsyncRequestFactory, DMRClient, DMRRequestFactory


def test_the_pytest_plugin_of_the_wheel(dmr_client, dmr_async_client, dmr_rf, dmr_async_rf):
    assert isinstance(dmr_client, DMRClient)
    assert isinstance(dmr_async_client, DMRAsyncClient)
    assert isinstance(dmr_rf, DMRRequestFactory)
    assert isinstance(dmr_async_rf, DMRAsyncRequestFactory)
    dmr_rf.serializer = 'msgspec'  # several backends are installed here
    assert dmr_rf.post('/', {'a': 1}).body == b'{"a":1}'
"""


def run(*command: str | pathlib.Path, cwd: pathlib.Path | None = None) -> None:
    print('$', ' '.join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], check=True, cwd=cwd)


def build(dist: pathlib.Path) -> None:
    """Build an sdist and, from it, a wheel of every package."""
    for package in [*PACKAGES, *PLUGINS.values()]:
        before = set(dist.iterdir())
        run(sys.executable, '-m', 'build', '--outdir', dist, package)
        built = sorted(path.name for path in set(dist.iterdir()) - before)
        kinds = sorted(
            name.rsplit('.', 2)[-1] if name.endswith('.gz') else 'whl' for name in built
        )
        if kinds != ['gz', 'whl']:
            raise SystemExit(f'{package.name}: expected one sdist and one wheel, got {built}')


def declared_ranges() -> None:
    """Every package declares the ranges the matrix tests, and the same versions support.

    Each library of ``scripts/matrix/ranges.txt`` is required by some package,
    always with that range; every package names the same Python and Django
    classifiers and ``requires-python`` as dmr-core.
    """
    ranges = {}
    for line in RANGES.read_text().splitlines():
        if line.strip() and not line.startswith('#'):
            requirement = Requirement(line)
            ranges[canonicalize_name(requirement.name)] = requirement.specifier
    problems, required = [], set()
    projects = {
        path.name: tomllib.loads((path / 'pyproject.toml').read_text())['project']
        for path in [*PACKAGES, *PLUGINS.values()]
    }
    supported = versions_supported(projects['dmr-core'])
    for name, project in projects.items():
        extras = project.get('optional-dependencies', {}).values()
        for line in [*project['dependencies'], *(line for extra in extras for line in extra)]:
            requirement = Requirement(line)
            library = canonicalize_name(requirement.name)
            if library in ranges:
                required.add(library)
                if requirement.specifier != ranges[library]:
                    problems.append(f'{name} requires {line}; {RANGES.name}: {ranges[library]}')
        if versions_supported(project) != supported:
            problems.append(f'{name} names other Python or Django versions than dmr-core')
    problems += [f'no package requires {library}' for library in sorted(set(ranges) - required)]
    if problems:
        raise SystemExit('\n'.join(problems))
    print(f'the packages declare the ranges of {RANGES.relative_to(ROOT)}')


def versions_supported(project: dict[str, Any]) -> tuple[str, list[str]]:
    """A package's ``requires-python`` and its Python and Django classifiers."""
    prefixes = ('Programming Language :: Python', 'Framework :: Django')
    classifiers = sorted(c for c in project['classifiers'] if c.startswith(prefixes))
    return project['requires-python'], classifiers


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


def conformance(python: pathlib.Path, work: pathlib.Path) -> None:
    """Each backend's conformance suite, from a folder outside the work tree."""
    run(python, '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', *TEST_TOOLS)
    suite = work / 'conformance'
    suite.mkdir()
    (suite / 'conftest.py').write_text(CONFTEST)
    (suite / 'test_pytest_plugin.py').write_text(PLUGIN_TEST)
    for test_file in [*CONFORMANCE.values(), *PLUGIN_CONFORMANCE.values()]:
        shutil.copy(test_file, suite)
    run(python, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', suite, cwd=suite)


def docs_assets(port: int) -> None:
    """The Swagger UI page and a JavaScript file it loads, from the installed wheel."""
    base = f'http://127.0.0.1:{port}'
    with urllib.request.urlopen(f'{base}/docs/swagger/', timeout=10) as response:  # noqa: S310
        page = response.read().decode()
    asset = re.search(r'src="(/docs/swagger/\?asset=[^"]+\.js[^"]*)"', page)
    if asset is None:
        raise SystemExit('the Swagger UI page loads no script')
    url = base + asset[1].replace('&amp;', '&')
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
        size = len(response.read())
    if size < 1000:
        raise SystemExit(f'{url} served only {size} bytes')
    print(f'200 {asset[1]} ({size} bytes)')


def main() -> None:
    declared_ranges()
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
            f'dmr-core[{",".join([*CONFORMANCE, *EXTRAS])}]',
            *(path.name for path in PLUGINS.values()),
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
                # Files a Django app needs that nothing imports: migrations, commands.
                'tokens = pathlib.Path(dmr.__file__).parent / "security" / "tokens";'
                "assert (tokens / 'migrations' / '0001_initial.py').is_file(), tokens;"
                "assert (tokens / 'management' / 'commands' / 'dmr_create_token.py').is_file();"
                # The message catalogues, compiled by the build hook (never committed).
                "locale = pathlib.Path(dmr.__file__).parent / 'locale';"
                "assert len(list(locale.glob('*/LC_MESSAGES/django.mo'))) >= 11, locale;"
                f'assert set({sorted([*CONFORMANCE, *PLUGINS])}) <= '
                "entry_points(group='dmr.serializers').names;"
                # The jwt extra brings PyJWT, and the wheel holds the app's migration.
                'import dmr.security.jwt, dmr.security.jwt.migrations as migrations;'
                "assert (pathlib.Path(migrations.__file__).parent / '0001_initial.py').exists();"
                "assert entry_points(group='pytest11')['dmr'].value == "
                "'dmr.testing.pytest_plugin'"
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
            docs_assets(port)
        finally:
            server.terminate()
            server.wait(timeout=10)
        conformance(python, work)
        print('packaging test passed')
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
